import { type SupportTopic, supportTopicLabel } from "../../../shared/help.js";
import { composeMail, type MailMessage } from "../../platform/mailer.js";

/** What the support mailbox needs to answer a contact-form message. */
export interface SupportMessageDetails {
  reference: string;
  name: string;
  email: string;
  topic: SupportTopic;
  message: string;
  /** The account the sender was signed in to, if they were. */
  account: { userId: string; email: string } | null;
}

/**
 * The message for the support mailbox: who sent it, about what, and the message itself. The subject carries only
 * the reference and topic, because the mailer logs subjects and the message must never reach the logs.
 */
export function supportRequestMessage(to: string, details: SupportMessageDetails): MailMessage {
  const topic = supportTopicLabel(details.topic);
  return composeMail(to, `Support request ${details.reference}: ${topic}`, [
    `Reference: ${details.reference}\nTopic: ${topic}\nFrom: ${details.name} <${details.email}>\nAccount: ${
      details.account
        ? `signed in as ${details.account.email} (user ${details.account.userId})`
        : "not signed in"
    }`,
    `Message:\n${details.message}`,
    `Reply to ${details.email} and quote the reference ${details.reference}.`,
  ]);
}

/**
 * The acknowledgement to the sender, quoting the reference. It does not repeat the message or the name given, so
 * the form cannot be used to send someone else an email with words of a stranger's choosing.
 */
export function supportAcknowledgementMessage(
  to: string,
  reference: string,
  topic: SupportTopic,
): MailMessage {
  return composeMail(to, `We have received your message (reference ${reference})`, [
    "Thank you for contacting QI Academy.",
    `We have received your message about "${supportTopicLabel(topic).toLowerCase()}". Your reference number is ${reference}. Quote it if you contact us again about the same thing.`,
    "We will reply to this email address.",
    "If you did not send a message to QI Academy, you can ignore this email.",
  ]);
}
