import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** To each team member: their case study was recognised, with certificates and CPD points. */
export function recognisedMessage(
  to: string,
  givenName: string,
  projectTitle: string,
  cpdPoints: number,
  url: string,
): MailMessage {
  return composeMail(
    to,
    `Your project "${projectTitle}" has been recognised`,
    [
      `Dear ${givenName},`,
      `Congratulations: an assessor has recognised your improvement project "${projectTitle}" against the published rubric.`,
      `Your recognition certificate has been issued and ${cpdPoints} CPD points have been added to your CPD record. You can read the assessor's scores and feedback on the project's recognition page.`,
    ],
    { url, label: "See the feedback and your certificate" },
  );
}

/** To each team member: their case study was referred back with feedback. */
export function referredMessage(
  to: string,
  givenName: string,
  projectTitle: string,
  url: string,
): MailMessage {
  return composeMail(
    to,
    `Your project "${projectTitle}" has been referred back`,
    [
      `Dear ${givenName},`,
      `An assessor has read the case study of "${projectTitle}" and referred it back: some parts of the rubric are not yet shown.`,
      "Read their score and feedback on each criterion, revise the write-up, and a project lead can submit it again. Every earlier version and its feedback are kept.",
    ],
    { url, label: "Read the feedback" },
  );
}

/** To an assessor: a platform administrator allocated a case study to them. */
export function allocatedMessage(
  to: string,
  givenName: string,
  projectTitle: string,
  version: number,
  url: string,
): MailMessage {
  return composeMail(
    to,
    `A case study has been allocated to you: ${projectTitle}`,
    [
      `Dear ${givenName},`,
      `${version > 1 ? `Version ${version} of the case study` : "The case study"} "${projectTitle}" has been allocated to you to assess for recognition.`,
      "Score each rubric criterion from 0 to 3 with feedback, then recognise the project or refer it back. It is in your case-study queue.",
    ],
    { url, label: "Open the case study" },
  );
}
