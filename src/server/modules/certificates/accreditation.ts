import { LEVEL_LABELS } from "../../../shared/catalogue.js";
import type { Tx } from "../../platform/db.js";
import type { Mailer } from "../../platform/mailer.js";
import { decideAccreditation } from "./accreditation.rules.js";
import { certificateIssuedMessage } from "./certificates.emails.js";
import * as repo from "./certificates.repository.js";
import { issueCertificate } from "./issue-certificate.js";

/** What the accreditation needs to email a learner: the app's mailer and its public address for links. */
export interface AccreditationMail {
  mailer: Mailer;
  publicUrl: string;
}

/**
 * The mailer and public URL of the running app, registered once by the certificates routes plugin. Services in other
 * domains call recordAchievementIfEarned with only a transaction, an enrolment and a time, so the way to mail the
 * learner is held here rather than threaded through every caller. Without one (scripts, seeds) the certificate is
 * still issued and no email is sent.
 */
let registeredMail: AccreditationMail | null = null;

/** Called by the certificates routes plugin when the app is built. */
export function registerAccreditationMail(mail: AccreditationMail): void {
  registeredMail = mail;
}

/** What recordAchievementIfEarned did when it recorded an achievement. */
export interface RecordedAchievement {
  achievementId: string;
  certificateId: string;
  code: string;
}

/**
 * Records the achievement (and issues its certificate) when the enrolment now meets its course's accreditation rule;
 * does nothing when it does not, or when it is already achieved. Safe to call more than once and from any service
 * that changes what the rule depends on: course completion, a final quiz pass, a portfolio pass that stands.
 * Runs inside the caller's transaction. Race-safe: the achievement insert is ON CONFLICT DO NOTHING on the
 * enrolment's unique key, so when two transactions get here at once the second waits for the first and then finds
 * the achievement made; only the one that inserted it issues the certificate and emails the learner.
 */
export async function recordAchievementIfEarned(
  tx: Tx,
  enrolmentId: string,
  now: Date,
  mail: AccreditationMail | null = registeredMail,
): Promise<RecordedAchievement | null> {
  const context = await repo.getAccreditationContext(tx, enrolmentId);
  if (!context || context.achievementId !== null) return null;
  const decision = decideAccreditation({
    level: context.course.level,
    completed: context.completedAt !== null,
    finalQuizzes: context.finalQuizzes,
    finalQuizzesPassed: context.finalQuizzesPassed,
    declared: context.declaredAt !== null,
    portfolioPassed: context.portfolioStatus === "passed",
  });
  if (!decision.achieved) return null;
  const achievement = await repo.insertAchievement(tx, {
    userId: context.userId,
    courseId: context.course.id,
    enrolmentId,
    rule: decision.rule,
    cpdPoints: context.course.cpdPoints,
    achievedAt: now,
  });
  if (!achievement) return null;
  const levelLabel = LEVEL_LABELS[context.course.level];
  const certificate = await issueCertificate(tx, {
    achievement,
    certificateName: context.learner.certificateName,
    courseTitle: context.course.title,
    levelLabel,
    programmeTitle: context.programmeTitle,
    validityMonths: context.course.certificateValidityMonths,
    now,
  });
  if (mail) {
    await mail.mailer.enqueue(
      tx,
      certificateIssuedMessage(
        {
          to: context.learner.email,
          givenName: context.learner.givenName,
          courseTitle: context.course.title,
          levelLabel,
          code: certificate.code,
        },
        {
          certificates: `${mail.publicUrl}/certificates`,
          verify: `${mail.publicUrl}/verify/${certificate.code}`,
        },
        certificate.expiresAt,
      ),
    );
  }
  return { achievementId: achievement.id, certificateId: certificate.id, code: certificate.code };
}
