import { createHash } from "node:crypto";
import { and, asc, eq, max } from "drizzle-orm";
import {
  assessmentCriteria,
  assessmentUnits,
  evidenceCriteria,
  evidenceItems,
  learningOutcomes,
  portfolioSubmissions,
  portfolios,
  type SubmissionSnapshot,
  storedFiles,
} from "../../src/server/db/schema/index.js";
import type { Role } from "../../src/shared/accounts.js";
import {
  buildEnrolment,
  buildUser,
  signIn,
  type TestUser,
  tableCounts,
  type UserOptions,
} from "./factories.js";
import { courseIdBySlug } from "./learning-fixtures.js";
import type { TestContext } from "./test-app.js";

/** The seeded Practitioner course the fixtures put criteria on unless told otherwise. */
export const ASSESSED_COURSE_SLUG = "productive-ward-practitioner";

/** One criterion as a submission's snapshot holds it. */
export type SnapshotCriterion = SubmissionSnapshot["criteria"][number];

/** The criteria the fixtures give a course: two units, three outcomes, four criteria. */
const CRITERIA_TREE = [
  {
    unit: "Unit 1: Leading improvement on the ward",
    outcomes: [
      {
        title: "Understand the Productive Ward foundation modules",
        criteria: [
          {
            code: "1.1",
            statement: "Explain how a well organised ward releases time to care",
            assessorGuidance: "Look for a before-and-after measure, not only a description.",
          },
          {
            code: "1.2",
            statement: "Describe how the team knows how it is doing",
            assessorGuidance: "A run chart or SPC chart with at least 12 points is strong evidence.",
          },
        ],
      },
      {
        title: "Engage the team",
        criteria: [
          {
            code: "1.3",
            statement: "Show how colleagues were involved in choosing the changes",
            assessorGuidance: "Meeting notes or a staff survey count; a statement alone does not.",
          },
        ],
      },
    ],
  },
  {
    unit: "Unit 2: Sustaining the gains",
    outcomes: [
      {
        title: "Plan for sustainability",
        criteria: [
          {
            code: "2.1",
            statement: "Set out how the changes will be sustained after the programme",
            assessorGuidance: "Expect named owners and review dates.",
          },
        ],
      },
    ],
  },
] as const;

/**
 * Gives a course (the seeded Practitioner course unless told) its assessment criteria, once: later calls return the
 * criteria it already has. Returns them in tree order, shaped as a snapshot holds them.
 */
export async function ensureCriteria(
  ctx: TestContext,
  courseId?: string,
): Promise<{ courseId: string; criteria: SnapshotCriterion[] }> {
  const db = ctx.database.db;
  const course = courseId ?? (await courseIdBySlug(ctx, ASSESSED_COURSE_SLUG));
  const existing = await db
    .select({
      id: assessmentCriteria.id,
      code: assessmentCriteria.code,
      statement: assessmentCriteria.statement,
      unitTitle: assessmentUnits.title,
      outcomeTitle: learningOutcomes.title,
    })
    .from(assessmentCriteria)
    .innerJoin(learningOutcomes, eq(learningOutcomes.id, assessmentCriteria.outcomeId))
    .innerJoin(assessmentUnits, eq(assessmentUnits.id, learningOutcomes.unitId))
    .where(eq(assessmentUnits.courseId, course))
    .orderBy(asc(assessmentUnits.position), asc(learningOutcomes.position), asc(assessmentCriteria.position));
  if (existing.length > 0) return { courseId: course, criteria: existing };

  const criteria: SnapshotCriterion[] = [];
  for (const [u, unit] of CRITERIA_TREE.entries()) {
    const [unitRow] = await db
      .insert(assessmentUnits)
      .values({ courseId: course, position: u + 1, title: unit.unit })
      .returning({ id: assessmentUnits.id });
    if (!unitRow) throw new Error("unit not inserted");
    for (const [o, outcome] of unit.outcomes.entries()) {
      const [outcomeRow] = await db
        .insert(learningOutcomes)
        .values({ unitId: unitRow.id, position: o + 1, title: outcome.title })
        .returning({ id: learningOutcomes.id });
      if (!outcomeRow) throw new Error("outcome not inserted");
      for (const [c, criterion] of outcome.criteria.entries()) {
        const [row] = await db
          .insert(assessmentCriteria)
          .values({
            outcomeId: outcomeRow.id,
            position: c + 1,
            code: criterion.code,
            statement: criterion.statement,
            learnerGuidance: "Show what you did and what changed.",
            assessorGuidance: criterion.assessorGuidance,
          })
          .returning({ id: assessmentCriteria.id });
        if (!row) throw new Error("criterion not inserted");
        criteria.push({
          id: row.id,
          code: criterion.code,
          statement: criterion.statement,
          unitTitle: unit.unit,
          outcomeTitle: outcome.title,
        });
      }
    }
  }
  return { courseId: course, criteria };
}

/** Options for a submitted portfolio. */
export interface SubmissionOptions {
  /** The learner: an existing user's id, or options for a new one. */
  userId?: string;
  user?: UserOptions;
  courseId?: string;
  /** When the version was submitted (now unless told). */
  submittedAt?: Date;
  /** Allocate it straight away to this assessor. */
  assessorId?: string | null;
}

/** A submitted portfolio made by the fixtures. */
export interface TestSubmission {
  submissionId: string;
  portfolioId: string;
  enrolmentId: string;
  userId: string;
  learner: TestUser | null;
  courseId: string;
  criteria: SnapshotCriterion[];
  fileId: string;
}

/** A small PDF's bytes, so the evidence file is a real one. */
const PDF_BYTES = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/**
 * Evidence for a portfolio: a reflection (with Markdown and an attempt at raw HTML, which must be escaped), a link
 * and a PDF, mapped so every criterion has some. Returns the snapshot of it all.
 */
async function addEvidence(
  ctx: TestContext,
  portfolioId: string,
  userId: string,
  criteria: SnapshotCriterion[],
  label: string,
): Promise<{ evidence: SubmissionSnapshot["evidence"]; fileId: string }> {
  const db = ctx.database.db;
  const [file] = await db
    .insert(storedFiles)
    .values({
      filename: "ward-audit.pdf",
      contentType: "application/pdf",
      sizeBytes: PDF_BYTES.length,
      sha256: createHash("sha256").update(PDF_BYTES).digest("hex"),
      content: PDF_BYTES,
      uploadedBy: userId,
    })
    .returning({ id: storedFiles.id });
  if (!file) throw new Error("file not inserted");
  const ids = criteria.map((c) => c.id);
  const items = [
    {
      kind: "reflection" as const,
      title: `Reflection on releasing time to care${label}`,
      body: "We **halved** the time spent looking for equipment.\n\n<script>alert('x')</script>",
      url: null,
      fileId: null,
      criterionIds: ids.slice(0, 3),
    },
    {
      kind: "link" as const,
      title: "Our SPC chart",
      body: "The chart we review each week.",
      url: "https://example.org/spc-chart",
      fileId: null,
      criterionIds: ids.slice(1, 2),
    },
    {
      kind: "file" as const,
      title: "Ward audit",
      body: "",
      url: null,
      fileId: file.id,
      criterionIds: ids.slice(2),
    },
  ];
  const evidence: SubmissionSnapshot["evidence"] = [];
  for (const [position, item] of items.entries()) {
    const [row] = await db
      .insert(evidenceItems)
      .values({
        portfolioId,
        kind: item.kind,
        title: item.title,
        body: item.body,
        url: item.url,
        fileId: item.fileId,
        position,
      })
      .returning({ id: evidenceItems.id });
    if (!row) throw new Error("evidence not inserted");
    if (item.criterionIds.length > 0)
      await db
        .insert(evidenceCriteria)
        .values(item.criterionIds.map((criterionId) => ({ evidenceId: row.id, criterionId })));
    evidence.push({
      id: row.id,
      kind: item.kind,
      title: item.title,
      body: item.body,
      url: item.url,
      fileId: item.fileId,
      filename: item.fileId ? "ward-audit.pdf" : null,
      contentType: item.fileId ? "application/pdf" : null,
      sizeBytes: item.fileId ? PDF_BYTES.length : null,
      criterionIds: item.criterionIds,
    });
  }
  return { evidence, fileId: file.id };
}

/**
 * A learner enrolled on an assessed course with a portfolio submitted for assessment (version 1, status
 * awaiting_assessment, unallocated unless told), as the portfolios service leaves it.
 */
export async function buildSubmission(
  ctx: TestContext,
  options: SubmissionOptions = {},
): Promise<TestSubmission> {
  const db = ctx.database.db;
  const { courseId, criteria } = await ensureCriteria(ctx, options.courseId);
  const enrolment = await buildEnrolment(ctx, {
    courseId,
    ...(options.userId ? { userId: options.userId } : {}),
    ...(options.user ? { user: options.user } : {}),
  });
  const [portfolio] = await db
    .insert(portfolios)
    .values({ enrolmentId: enrolment.id, userId: enrolment.userId, courseId, status: "submitted" })
    .returning({ id: portfolios.id });
  if (!portfolio) throw new Error("portfolio not inserted");
  const { evidence, fileId } = await addEvidence(ctx, portfolio.id, enrolment.userId, criteria, "");
  const submittedAt = options.submittedAt ?? new Date();
  const [submission] = await db
    .insert(portfolioSubmissions)
    .values({
      portfolioId: portfolio.id,
      version: 1,
      snapshot: { criteria, evidence },
      declaration: "I confirm that this portfolio is my own work.",
      submittedAt,
      status: "awaiting_assessment",
      assessorId: options.assessorId ?? null,
      allocatedAt: options.assessorId ? submittedAt : null,
      allocatedBy: options.assessorId ?? null,
    })
    .returning({ id: portfolioSubmissions.id });
  if (!submission) throw new Error("submission not inserted");
  return {
    submissionId: submission.id,
    portfolioId: portfolio.id,
    enrolmentId: enrolment.id,
    userId: enrolment.userId,
    learner: enrolment.user,
    courseId,
    criteria,
    fileId,
  };
}

/**
 * The learner revises a referred portfolio and submits it again: more evidence, then version n+1 (holding the earlier
 * evidence and the new) waiting for assessment (unallocated unless told), and the portfolio submitted again.
 */
export async function resubmit(
  ctx: TestContext,
  submission: Pick<TestSubmission, "portfolioId" | "userId" | "criteria">,
  options: { assessorId?: string | null } = {},
): Promise<string> {
  const db = ctx.database.db;
  const [latest] = await db
    .select({ version: max(portfolioSubmissions.version) })
    .from(portfolioSubmissions)
    .where(eq(portfolioSubmissions.portfolioId, submission.portfolioId));
  const version = (latest?.version ?? 0) + 1;
  const [previous] = await db
    .select({ snapshot: portfolioSubmissions.snapshot })
    .from(portfolioSubmissions)
    .where(
      and(
        eq(portfolioSubmissions.portfolioId, submission.portfolioId),
        eq(portfolioSubmissions.version, version - 1),
      ),
    );
  const { evidence: added } = await addEvidence(
    ctx,
    submission.portfolioId,
    submission.userId,
    submission.criteria,
    ` (version ${version})`,
  );
  await db
    .update(portfolios)
    .set({ status: "submitted" })
    .where(and(eq(portfolios.id, submission.portfolioId), eq(portfolios.userId, submission.userId)));
  const now = new Date();
  const [row] = await db
    .insert(portfolioSubmissions)
    .values({
      portfolioId: submission.portfolioId,
      version,
      // The portfolio keeps its earlier evidence: the new version holds it all.
      snapshot: {
        criteria: submission.criteria,
        evidence: [...(previous?.snapshot.evidence ?? []), ...added],
      },
      declaration: "I confirm that this portfolio is my own work.",
      submittedAt: now,
      status: "awaiting_assessment",
      assessorId: options.assessorId ?? null,
      allocatedAt: options.assessorId ? now : null,
      allocatedBy: options.assessorId ?? null,
    })
    .returning({ id: portfolioSubmissions.id });
  if (!row) throw new Error("resubmission not inserted");
  return row.id;
}

/** Sets the verification sampling settings straight in the database. */
export async function setSampling(
  ctx: TestContext,
  settings: { samplePercent: number; newAssessorDecisions: number },
): Promise<void> {
  await ctx.database.rawQuery(
    "update verification_settings set sample_percent = $1, new_assessor_decisions = $2 where id = 1",
    [settings.samplePercent, settings.newAssessorDecisions],
  );
}

/** A decision body that judges every criterion: all met for a pass; for a referral, the first not yet met. */
export function decisionBody(criteria: SnapshotCriterion[], outcome: "pass" | "refer") {
  return {
    outcome,
    feedback: outcome === "refer" ? "Add a measure that shows the change, then resubmit." : "Well evidenced.",
    criteria: criteria.map((c, i) => ({
      criterionId: c.id,
      decision: outcome === "refer" && i === 0 ? "not_yet_met" : "met",
      feedback: outcome === "refer" && i === 0 ? "Show a before-and-after measure." : "",
    })),
  };
}

/** Someone holding `roles` (as well as learner), in a team when told, signed in. */
export async function buildStaff(
  ctx: TestContext,
  roles: Role[],
  options: UserOptions & { teamId?: string | null } = {},
): Promise<{ user: TestUser; cookie: string }> {
  const { teamId, ...userOptions } = options;
  const user = await buildUser(ctx, { ...userOptions, roles: ["learner", ...roles] });
  if (teamId) await setTeam(ctx, user.id, teamId);
  return { user, cookie: await signIn(ctx, user) };
}

/** Puts a user in a team (or none). */
export async function setTeam(ctx: TestContext, userId: string, teamId: string | null): Promise<void> {
  await ctx.database.rawQuery("update users set team_id = $2 where id = $1", [userId, teamId]);
}

/** Everything a refused request must leave alone: the assessment tables, mail and audit rows. */
export async function assessmentState(ctx: TestContext) {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from assessment_decisions) as decisions,
            (select coalesce(string_agg(id::text || coalesce(superseded_at::text, ''), ',' order by id), '')
               from assessment_decisions) as decision_state,
            (select count(*)::int from verifications) as verifications,
            (select coalesce(string_agg(status::text || coalesce(assessor_id::text, '-'), ',' order by id), '')
               from portfolio_submissions) as submissions,
            (select coalesce(string_agg(status::text || revision, ',' order by id), '') from portfolios) as portfolios,
            (select concat_ws('|', sample_percent, new_assessor_decisions, updated_by) from verification_settings)
              as settings`,
  )) as Array<Record<string, number | string>>;
  return { ...(await tableCounts(ctx)), ...row };
}

/** A submission's status and assessor, and its portfolio's status, read straight from the database. */
export async function submissionState(ctx: TestContext, submissionId: string) {
  const [row] = (await ctx.database.rawQuery(
    `select s.status::text as status, s.assessor_id, p.status::text as portfolio_status
       from portfolio_submissions s join portfolios p on p.id = s.portfolio_id where s.id = $1`,
    [submissionId],
  )) as Array<{ status: string; assessor_id: string | null; portfolio_status: string }>;
  if (!row) throw new Error(`no submission ${submissionId}`);
  return row;
}
