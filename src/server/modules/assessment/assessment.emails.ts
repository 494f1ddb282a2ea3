import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** The facts every email about a submission repeats. */
export interface SubmissionMailContext {
  learnerName: string;
  courseTitle: string;
  version: number;
}

const versionPhrase = (ctx: SubmissionMailContext) =>
  ctx.version > 1
    ? `version ${ctx.version} of ${ctx.learnerName}'s portfolio`
    : `${ctx.learnerName}'s portfolio`;

/** To an assessor: a platform administrator allocated a submission to them. */
export function allocatedMessage(
  to: string,
  assessorGivenName: string,
  ctx: SubmissionMailContext,
  url: string,
): MailMessage {
  return composeMail(
    to,
    `A portfolio has been allocated to you: ${ctx.courseTitle}`,
    [
      `Dear ${assessorGivenName},`,
      `${versionPhrase(ctx)} for ${ctx.courseTitle} has been allocated to you to assess.`,
      "Judge each criterion as met or not yet met, with feedback, then pass it or refer it back. It is in your assessment queue.",
    ],
    { url, label: "Open the submission" },
  );
}

/** To the learner: their portfolio was referred back, with where to read the feedback. */
export function referredMessage(
  to: string,
  learnerGivenName: string,
  courseTitle: string,
  url: string,
): MailMessage {
  return composeMail(
    to,
    `Your portfolio for ${courseTitle} has been referred back`,
    [
      `Dear ${learnerGivenName},`,
      `Your assessor has looked at your portfolio for ${courseTitle} and referred it back: some criteria are not yet met.`,
      "Read their feedback on each criterion, add or change your evidence, and submit your portfolio again when it is ready. Your earlier version and its feedback are kept.",
    ],
    { url, label: "Read the feedback on your portfolio" },
  );
}

/** To the learner: their portfolio passed. */
export function passedMessage(
  to: string,
  learnerGivenName: string,
  courseTitle: string,
  url: string,
): MailMessage {
  return composeMail(
    to,
    `Your portfolio for ${courseTitle} has passed`,
    [
      `Dear ${learnerGivenName},`,
      `Congratulations: your portfolio for ${courseTitle} has passed assessment.`,
      "When you have also completed the course, you achieve it and your certificate is issued.",
    ],
    { url, label: "See your portfolio and feedback" },
  );
}

/** To the assessor: an internal verifier overturned their decision, so they decide again. */
export function overturnedMessage(
  to: string,
  assessorGivenName: string,
  ctx: SubmissionMailContext,
  url: string,
): MailMessage {
  return composeMail(
    to,
    `Your decision on a portfolio for ${ctx.courseTitle} was overturned`,
    [
      `Dear ${assessorGivenName},`,
      `An internal verifier has overturned your decision on ${versionPhrase(ctx)} for ${ctx.courseTitle}.`,
      "Read their rationale beside the evidence and decide again. It is back in your assessment queue; your new decision will be verified too.",
    ],
    { url, label: "Read the rationale and decide again" },
  );
}
