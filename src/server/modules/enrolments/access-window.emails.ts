import { composeMail, type MailMessage } from "../../platform/mailer.js";
import { formatUkDate } from "./access-window.rules.js";

/** Who an access email goes to and about which course. */
export interface AccessMailContext {
  to: string;
  givenName: string;
  courseTitle: string;
  expiresAt: Date;
  myLearningUrl: string;
}

/** Sent about 30 days and again about 7 days before access ends, to learners who have not completed. */
export function accessEndingMessage(ctx: AccessMailContext, which: "first" | "last"): MailMessage {
  const when = formatUkDate(ctx.expiresAt);
  return composeMail(
    ctx.to,
    `Your access to ${ctx.courseTitle} ends on ${when}`,
    [
      `Dear ${ctx.givenName},`,
      which === "last"
        ? `Your access to ${ctx.courseTitle} ends on ${when}, less than a week from now.`
        : `Your access to ${ctx.courseTitle} ends on ${when}.`,
      "Finish the course before then. After that date you can still look at your record, progress and certificates, but you cannot carry on with the course.",
    ],
    { url: ctx.myLearningUrl, label: "Go to My learning" },
  );
}

/** Sent when access has ended: the course is read-only and nothing is lost. */
export function accessEndedMessage(ctx: AccessMailContext): MailMessage {
  return composeMail(
    ctx.to,
    `Your access to ${ctx.courseTitle} has ended`,
    [
      `Dear ${ctx.givenName},`,
      `Your access to ${ctx.courseTitle} ended on ${formatUkDate(ctx.expiresAt)}.`,
      "Your record, your progress and any certificates are kept. You can still look at them in My learning, but you cannot carry on with the course.",
      "If you need more time, contact the QI Academy support team.",
    ],
    { url: ctx.myLearningUrl, label: "Go to My learning" },
  );
}
