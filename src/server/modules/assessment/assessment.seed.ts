import type { Db } from "../../platform/db.js";
import { conflictBetween } from "./assessment.policy.js";
import * as repo from "./assessment.repository.js";

/** The demo accounts this seed works with (created by seedDemoAccounts). */
const DEMO = {
  learner: "learner@example.org",
  assessor: "assessor@example.org",
  admin: "admin@example.org",
} as const;

/**
 * Demo data for assessment: makes sure the verification settings row exists (the migration creates it with 20% and
 * each new assessor's first 3 decisions), and allocates any portfolio the demo learner has submitted and nobody holds
 * to the demo assessor, as the demo platform administrator would, so the assessor's queue has work in it. Never
 * allocates across a conflict (self or same team). Safe to run again: a held submission is left alone. Returns how
 * many it allocated. Call after seedDemoAccounts and any seed that submits the demo learner's portfolio.
 */
export async function seedAssessmentDemo(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    await repo.getSettings(tx);
    const learner = await repo.getPersonByEmail(tx, DEMO.learner);
    const assessor = await repo.getPersonByEmail(tx, DEMO.assessor);
    if (!learner || !assessor) return 0;
    if (!(await repo.getActiveAssessor(tx, assessor.id, now))) return 0;
    if (
      conflictBetween(
        { userId: assessor.id, teamId: assessor.teamId },
        { userId: learner.id, teamId: learner.teamId },
      )
    )
      return 0;
    const admin = await repo.getPersonByEmail(tx, DEMO.admin);
    let allocated = 0;
    for (const submission of await repo.listUnallocatedOf(tx, learner.id)) {
      const done = await repo.allocate(
        tx,
        submission.id,
        { assessorId: assessor.id, allocatedBy: admin?.id ?? null, now },
        ["awaiting_assessment"],
      );
      if (done) allocated += 1;
    }
    return allocated;
  });
}
