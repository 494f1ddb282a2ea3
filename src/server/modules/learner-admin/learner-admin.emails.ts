import { NOMINEE_ROLE_PHRASES, type NomineeRole } from "../../../shared/learner-admin.js";
import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** "22 November 2026", in UK time, as the words guide asks. */
export function formatDay(at: Date): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(at);
}

/** The facts every email about an application repeats. */
export interface ApplicationMailContext {
  applicantName: string;
  organisationName: string;
  kind: "new" | "renewal";
}

const asking = (ctx: ApplicationMailContext) =>
  ctx.kind === "renewal" ? "to renew their learner administrator access" : "for learner administrator access";

/** To a nominee: who applied, for what, and a single-use link to confirm or decline. */
export function nominationMessage(
  to: string,
  nomineeName: string,
  role: NomineeRole,
  ctx: ApplicationMailContext,
  url: string,
  expiresAt: Date,
): MailMessage {
  return composeMail(
    to,
    `Please confirm ${ctx.applicantName}'s application for QI Academy learner administrator access`,
    [
      `Dear ${nomineeName},`,
      `${ctx.applicantName} has applied ${asking(ctx)} at ${ctx.organisationName} on QI Academy, and named you as their ${NOMINEE_ROLE_PHRASES[role]}.`,
      "Learner administrators can see the learning progress of everyone in their organisation and the teams below it, including names, email addresses and ESR numbers. We ask three people to confirm each application before an administrator decides.",
      `Use the link to see their reason and to confirm or decline. The link works once and until ${formatDay(expiresAt)}. You do not need a QI Academy account.`,
      "If you do not know this person or did not expect this email, decline the application.",
    ],
    { url, label: "Confirm or decline the application" },
  );
}

/** To the platform administrators: all three nominees confirmed. */
export function awaitingDecisionMessage(to: string, ctx: ApplicationMailContext, url: string): MailMessage {
  return composeMail(
    to,
    "A learner administrator application is ready for a decision",
    [
      `All three nominees have confirmed ${ctx.applicantName}'s application ${asking(ctx)} at ${ctx.organisationName}.`,
      "Approve or reject it with a reason.",
    ],
    { url, label: "Decide the application" },
  );
}

/** To the applicant: a nominee declined, so the application has ended. */
export function declinedByNomineeMessage(
  to: string,
  givenName: string,
  ctx: ApplicationMailContext,
  role: NomineeRole,
  nomineeName: string,
  reason: string | null,
  url: string,
): MailMessage {
  return composeMail(
    to,
    "Your learner administrator application was declined by a nominee",
    [
      `Dear ${givenName},`,
      `${nomineeName}, whom you named as your ${NOMINEE_ROLE_PHRASES[role]}, declined your application for learner administrator access at ${ctx.organisationName}, so it has ended.`,
      reason ? `The reason they gave was:\n${reason}` : "They did not give a reason.",
      "You can talk to them and apply again.",
    ],
    { url, label: "See your applications" },
  );
}

/** To the applicant: approved, with the end of access. */
export function approvedMessage(
  to: string,
  givenName: string,
  ctx: ApplicationMailContext,
  expiresAt: Date,
  note: string | null,
  url: string,
): MailMessage {
  return composeMail(
    to,
    "Your learner administrator access has been approved",
    [
      `Dear ${givenName},`,
      `Your application ${ctx.kind === "renewal" ? "to renew your" : "for"} learner administrator access at ${ctx.organisationName} has been approved.`,
      `You can now see progress reports for ${ctx.organisationName} and the organisations below it. Your access ends on ${formatDay(expiresAt)}; you can renew it from 60 days before then.`,
      ...(note ? [`The administrator added:\n${note}`] : []),
    ],
    { url, label: "See your learner administrator access" },
  );
}

/** To the applicant: rejected, with the reason. */
export function rejectedMessage(
  to: string,
  givenName: string,
  ctx: ApplicationMailContext,
  reason: string,
  url: string,
): MailMessage {
  return composeMail(
    to,
    "Your learner administrator application has been rejected",
    [
      `Dear ${givenName},`,
      `Your application for learner administrator access at ${ctx.organisationName} has been rejected. The reason given was:`,
      reason,
      "If something has changed, you can apply again or contact the QI Academy support team.",
    ],
    { url, label: "See your applications" },
  );
}

/** To the learner administrator: a platform administrator revoked their access. */
export function revokedMessage(
  to: string,
  givenName: string,
  organisationName: string,
  reason: string,
  url: string,
): MailMessage {
  return composeMail(
    to,
    "Your learner administrator access has been revoked",
    [
      `Dear ${givenName},`,
      `A QI Academy administrator has revoked your learner administrator access at ${organisationName}. It has ended now. The reason given was:`,
      reason,
      "If you still need access, you can apply again.",
    ],
    { url, label: "See your learner administrator access" },
  );
}
