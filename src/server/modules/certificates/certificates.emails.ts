import { composeMail, type MailMessage } from "../../platform/mailer.js";
import { formatUkDay } from "./certificate-pdf.js";

/** What every certificate email names. */
export interface CertificateMailContext {
  to: string;
  givenName: string;
  courseTitle: string;
  levelLabel: string;
  code: string;
}

/** To the learner: their course is achieved and the certificate is ready, with where to download it. */
export function certificateIssuedMessage(
  ctx: CertificateMailContext,
  urls: { certificates: string; verify: string },
  expiresAt: Date | null,
): MailMessage {
  return composeMail(
    ctx.to,
    `Your QI Academy certificate: ${ctx.courseTitle}`,
    [
      `Dear ${ctx.givenName},`,
      `Congratulations: you have achieved ${ctx.courseTitle} (${ctx.levelLabel}). Your certificate is ready to download from your certificates page.`,
      `Your certificate code is ${ctx.code}. Anyone you show it to, such as an employer, can check it at ${urls.verify}`,
      expiresAt
        ? `The certificate is valid until ${formatUkDay(expiresAt)}. We will invite you to refresh your learning before then.`
        : "The certificate does not expire.",
    ],
    { url: urls.certificates, label: "Download your certificate" },
  );
}

/** To the learner: an administrator revoked their certificate, and why. */
export function certificateRevokedMessage(
  ctx: CertificateMailContext,
  reason: string,
  urls: { certificates: string; contact: string },
): MailMessage {
  return composeMail(
    ctx.to,
    `Your QI Academy certificate has been revoked: ${ctx.courseTitle}`,
    [
      `Dear ${ctx.givenName},`,
      `We have revoked your certificate ${ctx.code} for ${ctx.courseTitle} (${ctx.levelLabel}). Anyone who checks the code will now see that it is no longer valid.`,
      `The reason we recorded:\n${reason}`,
      `If you think this is a mistake, contact us at ${urls.contact}.`,
    ],
    { url: urls.certificates, label: "See your certificates" },
  );
}

/** To the learner: their certificate was reissued (for example after a name correction), with the new code. */
export function certificateReissuedMessage(
  ctx: CertificateMailContext,
  replacement: { code: string; name: string },
  reason: string,
  urls: { certificates: string },
): MailMessage {
  return composeMail(
    ctx.to,
    `Your QI Academy certificate has been reissued: ${ctx.courseTitle}`,
    [
      `Dear ${ctx.givenName},`,
      `We have reissued your certificate for ${ctx.courseTitle} (${ctx.levelLabel}) in the name ${replacement.name}. Its new code is ${replacement.code}.`,
      `The old certificate (${ctx.code}) is no longer valid: anyone who checks it will see that it was replaced by a reissued certificate. Please use the new one from now on.`,
      `The reason we recorded:\n${reason}`,
    ],
    { url: urls.certificates, label: "Download your new certificate" },
  );
}
