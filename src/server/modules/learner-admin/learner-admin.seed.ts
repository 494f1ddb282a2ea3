import { ACCESS_MONTHS_GRANTED, NOMINEE_ROLES } from "../../../shared/learner-admin.js";
import type { Db } from "../../platform/db.js";
import * as repo from "./learner-admin.repository.js";
import { addMonths } from "./learner-admin.service.js";

const DAY_MS = 86_400_000;

/** The demo nominees who confirmed the demo learner administrator's application. */
const DEMO_NOMINEES = {
  line_manager: { name: "Helen Marsh", email: "helen.marsh@example.org" },
  caldicott_guardian: { name: "Dr Rajesh Patel", email: "caldicott.guardian@example.org" },
  hr_lead: { name: "Amira Haddad", email: "learning.development@example.org" },
} as const;

/**
 * Gives the demo learner administrator (orgadmin@example.org) a real history: an application approved 30 days ago by
 * the demo platform administrator (admin@example.org) after all three nominees confirmed, linked to their learner_admin
 * role, which now lapses 12 months after that approval. Does nothing when the accounts are missing or the history
 * exists; returns true when it wrote it. Call after seedDemoAccounts.
 */
export async function seedLearnerAdminHistory(db: Db, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    const applicantId = await repo.getUserIdByEmail(tx, "orgadmin@example.org");
    const adminId = await repo.getUserIdByEmail(tx, "admin@example.org");
    if (!applicantId || !adminId) return false;
    if (await repo.hasApplications(tx, applicantId)) return false;
    const applicant = await repo.getApplicant(tx, applicantId);
    if (!applicant?.organisationId) return false;
    const role = await repo.getLearnerAdminRole(tx, applicantId, applicant.organisationId);
    if (!role) return false;
    const appliedAt = new Date(now.getTime() - 40 * DAY_MS);
    const decidedAt = new Date(now.getTime() - 30 * DAY_MS);
    const application = await repo.insertApplication(tx, {
      applicantId,
      organisationId: applicant.organisationId,
      kind: "new",
      reason:
        "I lead learning and development for the trust and need to report our staff's quality improvement training to the board each quarter, and to send completions to ESR.",
      createdAt: appliedAt,
      status: "approved",
      decidedBy: adminId,
      decidedAt,
      decisionReason: "All three nominees confirmed; the role matches the job description.",
      userRoleId: role.id,
    });
    await repo.insertNominees(
      tx,
      NOMINEE_ROLES.map((nomineeRole, i) => ({
        applicationId: application.id,
        role: nomineeRole,
        ...DEMO_NOMINEES[nomineeRole],
        tokenHash: null,
        tokenExpiresAt: null,
        sentAt: appliedAt,
        status: "confirmed" as const,
        respondedAt: new Date(appliedAt.getTime() + (i + 1) * 2 * DAY_MS),
      })),
    );
    await repo.setRoleTerms(tx, role.id, {
      grantedBy: adminId,
      grantedAt: decidedAt,
      expiresAt: addMonths(decidedAt, ACCESS_MONTHS_GRANTED),
    });
    return true;
  });
}
