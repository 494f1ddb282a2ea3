import {
  improvementProjects,
  measurePoints,
  pdsaCycles,
  projectMeasures,
  projectMembers,
} from "../../src/server/db/schema/index.js";
import type {
  ImprovementDirection,
  MeasureKind,
  ProjectMemberRole,
  ProjectVisibility,
} from "../../src/shared/projects.js";
import { DEFAULT_SPC_RULES } from "../../src/shared/spc/types.js";
import type { TestContext } from "./test-app.js";

/** A project straight in the database, led by `leadId`, with other members as given. */
export async function buildProject(
  ctx: TestContext,
  options: {
    leadId: string;
    members?: { userId: string; role?: ProjectMemberRole }[];
    title?: string;
    organisationId?: string | null;
    visibility?: ProjectVisibility;
  },
): Promise<{ id: string }> {
  const [project] = await ctx.database.db
    .insert(improvementProjects)
    .values({
      title: options.title ?? "Reducing falls on Ward 7",
      problem: "Patients fall at night.",
      aimWhat: "Reduce falls on Ward 7",
      aimHowMuch: "by 30%",
      aimByWhen: "2027-03-31",
      setting: "acute_ward",
      topic: "patient_safety",
      organisationId: options.organisationId ?? null,
      visibility: options.visibility ?? "team",
      createdBy: options.leadId,
    })
    .returning({ id: improvementProjects.id });
  if (!project) throw new Error("project insert returned no row");
  await ctx.database.db.insert(projectMembers).values([
    { projectId: project.id, userId: options.leadId, role: "lead" as const },
    ...(options.members ?? []).map((m) => ({
      projectId: project.id,
      userId: m.userId,
      role: m.role ?? "member",
    })),
  ]);
  return project;
}

/** A measure of a project straight in the database, with weekly points from `startOn` when values are given. */
export async function buildMeasure(
  ctx: TestContext,
  projectId: string,
  options: {
    title?: string;
    kind?: MeasureKind;
    improvementDirection?: ImprovementDirection;
    target?: number | null;
    values?: number[];
    startOn?: string;
  } = {},
): Promise<{ id: string; dates: string[] }> {
  const [measure] = await ctx.database.db
    .insert(projectMeasures)
    .values({
      projectId,
      kind: options.kind ?? "outcome",
      title: options.title ?? "Falls per 1,000 bed days",
      unit: "falls",
      improvementDirection: options.improvementDirection ?? "decrease",
      frequency: "weekly",
      target: options.target ?? null,
      rules: DEFAULT_SPC_RULES,
    })
    .returning({ id: projectMeasures.id });
  if (!measure) throw new Error("measure insert returned no row");
  const dates = weeklyDates(options.startOn ?? "2026-01-05", options.values?.length ?? 0);
  if (options.values?.length) {
    await ctx.database.db
      .insert(measurePoints)
      .values(
        options.values.map((value, i) => ({ measureId: measure.id, observedOn: dates[i] as string, value })),
      );
  }
  return { id: measure.id, dates };
}

/** A PDSA cycle straight in the database. */
export async function buildPdsaCycle(
  ctx: TestContext,
  projectId: string,
  options: { title?: string; startsOn?: string; changeIdeaId?: string | null } = {},
): Promise<{ id: string }> {
  const [cycle] = await ctx.database.db
    .insert(pdsaCycles)
    .values({
      projectId,
      title: options.title ?? "Intentional rounding at night",
      plan: "Round hourly from 22:00.",
      prediction: "Fewer falls between midnight and six.",
      startsOn: options.startsOn ?? "2026-03-02",
      changeIdeaId: options.changeIdeaId ?? null,
    })
    .returning({ id: pdsaCycles.id });
  if (!cycle) throw new Error("cycle insert returned no row");
  return cycle;
}

/** `count` ISO dates a week apart from `startOn`. */
export function weeklyDates(startOn: string, count: number): string[] {
  const start = Date.parse(`${startOn}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}
