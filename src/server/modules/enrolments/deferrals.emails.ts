import { composeMail, type MailMessage } from "../../platform/mailer.js";
import { formatUkDate } from "./access-window.rules.js";

/** Who a deferral email goes to, about which course, and where they can see the request. */
export interface DeferralMailContext {
  to: string;
  givenName: string;
  courseTitle: string;
  requestUrl: string;
}

/** Sent when an administrator writes on a request, for example to ask for a medical certificate. */
export function deferralMessageMessage(ctx: DeferralMailContext, body: string): MailMessage {
  return composeMail(
    ctx.to,
    `A message about your request to defer ${ctx.courseTitle}`,
    [
      `Dear ${ctx.givenName},`,
      `A QI Academy administrator has written about your request to defer ${ctx.courseTitle}:`,
      body,
      "You can read it and reply on your deferral request page. Your request stays open while you do.",
    ],
    { url: ctx.requestUrl, label: "See your deferral request" },
  );
}

/** Sent when a request is approved: when the course starts again and when access will end. */
export function deferralApprovedMessage(
  ctx: DeferralMailContext,
  startsAt: Date,
  expiresAt: Date,
): MailMessage {
  return composeMail(
    ctx.to,
    `Your request to defer ${ctx.courseTitle} has been approved`,
    [
      `Dear ${ctx.givenName},`,
      `Your request to defer ${ctx.courseTitle} has been approved.`,
      `Your course now starts again on ${formatUkDate(startsAt)}, with a full new access period. Your access ends on ${formatUkDate(expiresAt)}.`,
      "Until then your course is paused. Your progress so far is kept.",
    ],
    { url: ctx.requestUrl, label: "See your new dates" },
  );
}

/** Sent when a request is declined, with the administrator's reason and the unchanged end of access. */
export function deferralDeclinedMessage(
  ctx: DeferralMailContext,
  reason: string,
  expiresAt: Date,
): MailMessage {
  return composeMail(
    ctx.to,
    `Your request to defer ${ctx.courseTitle} has been declined`,
    [
      `Dear ${ctx.givenName},`,
      `Your request to defer ${ctx.courseTitle} has been declined. The reason given was:`,
      reason,
      `Your course carries on as before. Your access ends on ${formatUkDate(expiresAt)}.`,
      "If something has changed, contact the QI Academy support team.",
    ],
    { url: ctx.requestUrl, label: "See your deferral request" },
  );
}
