import { and, eq, sql } from "drizzle-orm";
import { type CaseStudySections, caseStudies, users } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A project's write-up with who last saved it, or null before it is first saved. */
export async function getWriteUp(tx: Tx, projectId: string) {
  const [row] = await tx
    .select({
      sections: caseStudies.sections,
      chartMeasureIds: caseStudies.chartMeasureIds,
      revision: caseStudies.revision,
      updatedAt: caseStudies.updatedAt,
      updatedBy: sql<string | null>`${users.givenName} || ' ' || ${users.familyName}`,
    })
    .from(caseStudies)
    .leftJoin(users, eq(users.id, caseStudies.updatedBy))
    .where(eq(caseStudies.projectId, projectId));
  return row ?? null;
}

/** Creates the write-up (revision 1); false when someone else created it first. */
export async function insertWriteUp(
  tx: Tx,
  values: { projectId: string; sections: CaseStudySections; chartMeasureIds: string[]; updatedBy: string },
): Promise<boolean> {
  const rows = await tx
    .insert(caseStudies)
    .values(values)
    .onConflictDoNothing()
    .returning({ projectId: caseStudies.projectId });
  return rows.length > 0;
}

/** Saves the write-up when it is still at `revision`; false when someone else saved it first. */
export async function updateWriteUpAtRevision(
  tx: Tx,
  projectId: string,
  revision: number,
  values: { sections: CaseStudySections; chartMeasureIds: string[]; updatedBy: string },
): Promise<boolean> {
  const rows = await tx
    .update(caseStudies)
    .set({ ...values, revision: sql`${caseStudies.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(caseStudies.projectId, projectId), eq(caseStudies.revision, revision)))
    .returning({ projectId: caseStudies.projectId });
  return rows.length > 0;
}
