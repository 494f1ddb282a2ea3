import { TZDate } from "@date-fns/tz";
import { addMonths } from "date-fns";
import type { Tx } from "../../platform/db.js";
import { AppError } from "../../platform/errors.js";
import { LEARNER_TIME_ZONE } from "../enrolments/enrolment.rules.js";
import { generateCertificateCode } from "./certificate-code.js";
import * as repo from "./certificates.repository.js";

/**
 * Calendar months after an instant, counted on the UK calendar (the same time of day; the month's last day when it
 * is shorter), so a certificate achieved on 31 January with 1 month's validity ends on 28 or 29 February.
 */
export function addCalendarMonths(at: Date, months: number): Date {
  return new Date(addMonths(new TZDate(at, LEARNER_TIME_ZONE), months).getTime());
}

/** Draws before giving up on finding an unused code: with 80-bit codes even a second draw never happens in practice. */
const CODE_DRAWS = 5;

/**
 * Issues a certificate for an achievement inside the caller's transaction, copying what it says (name, course,
 * level, programme, CPD points) so it reads the same for good. It expires `validityMonths` after the achievement
 * (never when null). A reissue keeps the original expiry, passed as `expiresAt`.
 */
export async function issueCertificate(
  tx: Tx,
  input: {
    achievement: { id: string; userId: string; courseId: string; cpdPoints: number; achievedAt: Date };
    certificateName: string;
    courseTitle: string;
    levelLabel: string;
    programmeTitle: string;
    validityMonths: number | null;
    now: Date;
    expiresAt?: Date | null;
  },
) {
  const expiresAt =
    input.expiresAt !== undefined
      ? input.expiresAt
      : input.validityMonths === null
        ? null
        : addCalendarMonths(input.achievement.achievedAt, input.validityMonths);
  for (let draw = 0; draw < CODE_DRAWS; draw++) {
    const code = generateCertificateCode();
    const certificate = await repo.insertCertificate(tx, {
      code,
      achievementId: input.achievement.id,
      userId: input.achievement.userId,
      courseId: input.achievement.courseId,
      certificateName: input.certificateName,
      courseTitle: input.courseTitle,
      levelLabel: input.levelLabel,
      programmeTitle: input.programmeTitle,
      cpdPoints: input.achievement.cpdPoints,
      issuedAt: input.now,
      expiresAt,
      state: "valid",
    });
    if (certificate) return certificate;
    // Nothing inserted: either the code was taken (draw again) or the achievement already has a valid certificate.
    if (!(await repo.codeExists(tx, code))) break;
  }
  throw new AppError(
    409,
    "certificate_exists",
    "This achievement already has a valid certificate. Reload the page to see it.",
  );
}
