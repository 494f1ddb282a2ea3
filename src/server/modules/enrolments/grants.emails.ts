import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** Sent when an administrator gives a learner a place on a course: what to do next, and where. */
export function placeGivenMessage(
  to: string,
  givenName: string,
  courseTitle: string,
  courseUrl: string,
): MailMessage {
  return composeMail(
    to,
    `You have been given a place on ${courseTitle}`,
    [
      `Dear ${givenName},`,
      `A QI Academy administrator has given you a place on ${courseTitle}. You do not need to pay for it.`,
      "To start, sign in and choose Enrol on the course page. Your access period starts on the day you enrol.",
    ],
    { url: courseUrl, label: `Go to ${courseTitle}` },
  );
}
