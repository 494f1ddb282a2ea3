import { TZDate } from "@date-fns/tz";
import { addDays, addMonths } from "date-fns";
import type { Sector } from "../../../shared/accounts.js";
import {
  ACCESS_MONTHS,
  DEFERRABLE_LEVELS,
  formatPrice,
  LEVEL_LABELS,
  type Level,
  priceForSector,
} from "../../../shared/catalogue.js";
import type { ENROLMENT_REFUSALS } from "../../../shared/learning.js";

/** How long after the start a learner on a deferrable level may still ask to defer (domain.md: four weeks). */
export const DEFERRAL_WINDOW_DAYS = 28;

/** Calendar arithmetic follows UK days and clocks, whatever time zone the server runs in. */
export const LEARNER_TIME_ZONE = "Europe/London";

/**
 * When access ends: the start plus the level's months, on the same day of the month, or the month's last day when
 * that month is shorter (31 January + 1 month is 28 or 29 February), at the same UK clock time it began.
 */
export function accessExpiresAt(startsAt: Date, level: Level): Date {
  return new Date(addMonths(new TZDate(startsAt, LEARNER_TIME_ZONE), ACCESS_MONTHS[level]).getTime());
}

/** Whether a deferral may be asked for now, and until when; or why not, in words the learner can act on. */
export type DeferralCheck =
  | { allowed: true; deadline: Date }
  | { allowed: false; code: "level_not_deferrable" | "deferral_window_closed"; message: string };

/** The last moment a learner may ask to defer: four weeks (UK calendar days) after their course starts. */
export function deferralDeadline(startsAt: Date): Date {
  return new Date(addDays(new TZDate(startsAt, LEARNER_TIME_ZONE), DEFERRAL_WINDOW_DAYS).getTime());
}

/** Deferral is for Practitioner, Facilitator and Programme Manager, within the first four weeks of the start. */
export function checkDeferralRequest(level: Level, startedAt: Date, now: Date): DeferralCheck {
  if (!DEFERRABLE_LEVELS.has(level)) {
    return {
      allowed: false,
      code: "level_not_deferrable",
      message: `${LEVEL_LABELS[level]} courses cannot be deferred. Deferral is for Practitioner, Facilitator and Programme Manager courses.`,
    };
  }
  const deadline = deferralDeadline(startedAt);
  if (now.getTime() >= deadline.getTime()) {
    return {
      allowed: false,
      code: "deferral_window_closed",
      message:
        "You can only ask to defer in the first 4 weeks after your course starts, and that time has passed. Contact the support team if something has changed.",
    };
  }
  return { allowed: true, deadline };
}

/** The access window after an approved deferral: the clock restarts in full from the new start date. */
export function deferredWindow(level: Level, newStartsAt: Date): { startsAt: Date; expiresAt: Date } {
  return { startsAt: newStartsAt, expiresAt: accessExpiresAt(newStartsAt, level) };
}

/** What the enrolment decision needs to know about the course, the learner and what they are entitled to. */
export interface EnrolmentContext {
  level: Level;
  listPriceExVatPence: number;
  sector: Sector;
  emailVerified: boolean;
  hasAdminGrant: boolean;
  licenceSeatAvailable: boolean;
  declarationGiven: boolean;
}

/** Why an enrolment cannot go ahead: a code clients switch on, and what to do about it. */
export type EnrolmentRefusal = {
  allowed: false;
  error: (typeof ENROLMENT_REFUSALS)[number];
  message: string;
};

/** The decision: allowed through which entitlement, at what price to the learner; or refused with the reason. */
export type EnrolmentDecision =
  | { allowed: true; via: "free" | "grant" | "licence"; priceExVatPence: number }
  | EnrolmentRefusal;

/**
 * Eligible (a confirmed email address; the declaration for Accredited Introduction) and entitled (free for them, a
 * grant from an administrator, or a seat on their organisation's licence), in that order.
 */
export function decideEnrolment(ctx: EnrolmentContext): EnrolmentDecision {
  if (!ctx.emailVerified) {
    return {
      allowed: false,
      error: "not_eligible",
      message:
        "Confirm your email address before you enrol. Use the link we emailed you, or get a new one from My account.",
    };
  }
  if (ctx.level === "accredited_introduction" && !ctx.declarationGiven) {
    return {
      allowed: false,
      error: "declaration_required",
      message:
        "Confirm that you are involved in implementing the programme. Accredited Introduction is for people who are.",
    };
  }
  const price = priceForSector(ctx.level, ctx.listPriceExVatPence, ctx.sector);
  if (price === 0) return { allowed: true, via: "free", priceExVatPence: 0 };
  if (ctx.hasAdminGrant) return { allowed: true, via: "grant", priceExVatPence: price };
  if (ctx.licenceSeatAvailable) return { allowed: true, via: "licence", priceExVatPence: price };
  const cost = formatPrice(price);
  const how =
    "Ask your organisation for a seat on its licence, or contact the support team to arrange payment.";
  return {
    allowed: false,
    error: "payment_required",
    message:
      ctx.level === "introductory"
        ? `Introductory is free for NHS England staff. For your sector it costs ${cost}. ${how}`
        : `This course costs ${cost}. ${how}`,
  };
}
