import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** To a member a facilitator suspended from posting: they can still read, why, and how to ask about it. */
export function suspendedFromPostingMessage(
  to: { email: string; givenName: string },
  run: { title: string; courseTitle: string },
  reason: string,
  urls: { guidelines: string; contact: string },
): MailMessage {
  return composeMail(
    to.email,
    `You have been suspended from posting: ${run.courseTitle}`,
    [
      `Dear ${to.givenName},`,
      `A facilitator has suspended you from posting in the course run "${run.title}" of ${run.courseTitle}. You can still read the discussions and carry on with the course, but you cannot comment, reply, like or start topics in this run.`,
      `The reason they gave:\n${reason}`,
      `If you think this is a mistake, contact the run's facilitators through ${urls.contact} and say which course run it is about.`,
    ],
    { url: urls.guidelines, label: "Read the community guidelines" },
  );
}
