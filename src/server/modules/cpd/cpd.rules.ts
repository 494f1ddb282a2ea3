import type { CertificateState } from "../../../shared/certificates.js";
import { type CpdCertificateStatus, type CpdTotals, toHundredths } from "../../../shared/cpd.js";

/** What the rules need of a certificate. */
export interface CertificateFacts {
  code: string;
  state: CertificateState;
  expiresAt: Date | null;
  issuedAt: Date;
}

/**
 * A certificate's status as a learner reads it: a valid certificate past its expiry is expired; a superseded one was
 * replaced by a reissue.
 */
export function certificateStatus(certificate: CertificateFacts, now: Date): CpdCertificateStatus {
  switch (certificate.state) {
    case "revoked":
      return "revoked";
    case "superseded":
      return "replaced";
    default:
      return certificate.expiresAt && certificate.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
  }
}

/**
 * The certificate that speaks for an achievement, and the ones it replaced: the valid one when there is one (at most
 * one can be), otherwise the newest (a revoked one, say). The rest, when superseded, are listed as replaced.
 */
export function currentCertificate<T extends CertificateFacts>(
  certificates: readonly T[],
): { current: T | null; replaced: T[] } {
  const newestFirst = [...certificates].sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  const current = newestFirst.find((c) => c.state === "valid") ?? newestFirst[0] ?? null;
  return { current, replaced: newestFirst.filter((c) => c !== current && c.state === "superseded") };
}

/**
 * Whether an achievement's CPD points count towards the totals: yes, unless its certificate was revoked (the award
 * was withdrawn). Expired certificates still count: the learning happened.
 */
export function countsTowardsTotals(status: CpdCertificateStatus | null): boolean {
  return status !== "revoked";
}

/** One thing that adds to the totals: an achieved course (points) or an own activity (hours and/or points). */
export interface CpdAmounts {
  kind: "course" | "activity";
  points: number | null;
  hours: number | null;
  counted: boolean;
}

/** Adds up points and hours exactly (in hundredths), counting the courses and activities that count. */
export function addUp(entries: Iterable<CpdAmounts>): CpdTotals {
  let points = 0;
  let hours = 0;
  let courses = 0;
  let activities = 0;
  for (const entry of entries) {
    if (!entry.counted) continue;
    points += toHundredths(entry.points ?? 0);
    hours += toHundredths(entry.hours ?? 0);
    if (entry.kind === "course") courses += 1;
    else activities += 1;
  }
  return { points: points / 100, hours: hours / 100, courses, activities };
}

/** A numeric column's text ("1.50") as a number, or null. */
export function amountFrom(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/** A number as the numeric column stores it, with two decimals ("1.50"), or null. */
export function amountTo(value: number | null): string | null {
  return value === null ? null : (toHundredths(value) / 100).toFixed(2);
}
