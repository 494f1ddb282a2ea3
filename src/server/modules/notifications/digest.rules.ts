import { TZDate } from "@date-fns/tz";
import { LEARNER_TIME_ZONE } from "../enrolments/enrolment.rules.js";

/** The UK hour from which the day's digests go out: 07:00, before most people start work. */
export const DIGEST_HOUR = 7;

/** Whether a pass at this moment may send today's digests: from 07:00 UK time (GMT or BST) to midnight. */
export function digestDue(now: Date): boolean {
  return new TZDate(now, LEARNER_TIME_ZONE).getHours() >= DIGEST_HOUR;
}

/**
 * The absolute address of a notification's local link for an email; anything that is not a local path (it always
 * should be) falls back to the notifications page, so an email never carries a link to another site.
 */
export function absoluteLink(publicUrl: string, link: string): string {
  const local = link.startsWith("/") && !link.startsWith("//") && !link.startsWith("/\\");
  return `${publicUrl}${local ? link : "/notifications"}`;
}
