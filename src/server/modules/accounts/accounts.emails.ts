import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** Sent after registration and on "send the link again". */
export function verifyEmailMessage(to: string, givenName: string, url: string): MailMessage {
  return composeMail(
    to,
    "Confirm your email address for QI Academy",
    [
      `Dear ${givenName},`,
      "Confirm your email address to finish creating your QI Academy account. The link works once and expires in 24 hours.",
      "If you did not create an account, ignore this email.",
    ],
    { url, label: "Confirm your email address" },
  );
}

/** Sent to the owner of an address when someone tries to register with it again (no enumeration on the form). */
export function alreadyRegisteredMessage(
  to: string,
  givenName: string,
  signInUrl: string,
  resetUrl: string,
): MailMessage {
  return composeMail(
    to,
    "Someone tried to create a QI Academy account with your email address",
    [
      `Dear ${givenName},`,
      "Someone tried to create a new QI Academy account with this email address, which already has an account. If it was you, sign in instead.",
      `If you have forgotten your password, you can reset it: ${resetUrl}`,
      "If it was not you, you do not need to do anything. Your account has not changed.",
    ],
    { url: signInUrl, label: "Sign in to QI Academy" },
  );
}

/** Sent on "forgotten password". */
export function resetPasswordMessage(to: string, givenName: string, url: string): MailMessage {
  return composeMail(
    to,
    "Reset your QI Academy password",
    [
      `Dear ${givenName},`,
      "We received a request to reset your password. The link works once and expires in 1 hour. Resetting your password signs you out on every device.",
      "If you did not ask for this, ignore this email: your password has not changed.",
    ],
    { url, label: "Reset your password" },
  );
}

/** Sent to the new address when a user changes email. */
export function confirmNewEmailMessage(to: string, givenName: string, url: string): MailMessage {
  return composeMail(
    to,
    "Confirm your new email address for QI Academy",
    [
      `Dear ${givenName},`,
      "Confirm this address to start using it for QI Academy. Until you do, we keep using your old address. The link works once and expires in 24 hours.",
    ],
    { url, label: "Confirm your new email address" },
  );
}

/** Sent to the old address when an email change was requested or completed. */
export function emailChangeNoticeMessage(to: string, givenName: string, newEmail: string): MailMessage {
  return composeMail(to, "Your QI Academy email address is changing", [
    `Dear ${givenName},`,
    `Someone signed in to your account asked to change its email address to ${newEmail}. The change happens only when that address is confirmed.`,
    "If this was not you, reset your password now and contact support.",
  ]);
}

/** Sent after a password change or reset. */
export function passwordChangedMessage(to: string, givenName: string): MailMessage {
  return composeMail(to, "Your QI Academy password has been changed", [
    `Dear ${givenName},`,
    "Your password was changed, and you were signed out on your other devices.",
    "If this was not you, reset your password now and contact support.",
  ]);
}
