import { and, eq } from "drizzle-orm";
import { DEFAULT_SPC_RULES } from "../../../shared/spc/types.js";
import { measureAnnotations, measurePoints, projectMeasures } from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";

/** `count` ISO dates a week apart from `startOn`. */
function weekly(startOn: string, count: number): string[] {
  const start = Date.parse(`${startOn}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

/** A repeatable wobble in [-1, 1] (a small linear congruential generator), so the seed gives the same data every time. */
function wobble(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (state / 2_147_483_648) * 2 - 1;
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

const OUTCOME_TITLE = "Missed doses per 100 administrations";

/**
 * Demo measures on the demo project ("Reducing missed medication doses on Ward 10"): an outcome measure whose missed
 * doses drop from about 6 to about 3 per 100 a week after the first PDSA cycle (tabards, from 9 March 2026), rebased
 * at the drop (16 March 2026), with two notes; a process measure (second checks, rising) and a balancing measure (drug round duration, steady).
 * Idempotent: a project that already has the outcome measure is left alone.
 */
export async function seedMeasuresDemo(db: Db, projectId: string): Promise<void> {
  const [existing] = await db
    .select({ id: projectMeasures.id })
    .from(projectMeasures)
    .where(and(eq(projectMeasures.projectId, projectId), eq(projectMeasures.title, OUTCOME_TITLE)))
    .limit(1);
  if (existing) return;
  await db.transaction(async (tx) => {
    const next = wobble(20260105);
    const outcomeDates = weekly("2026-01-05", 26);
    const [outcome] = await tx
      .insert(projectMeasures)
      .values({
        projectId,
        kind: "outcome",
        title: OUTCOME_TITLE,
        definition:
          "Doses recorded as missed or delayed by more than two hours on the drug chart, for every 100 doses due on Ward 10 that week (excluding doses refused by the patient).",
        unit: "per 100 administrations",
        improvementDirection: "decrease",
        frequency: "weekly",
        target: 2,
        rules: DEFAULT_SPC_RULES,
        rebaseOn: ["2026-03-16"],
        position: 1,
      })
      .returning({ id: projectMeasures.id });
    const [process] = await tx
      .insert(projectMeasures)
      .values({
        projectId,
        kind: "process",
        title: "% of drug rounds with a second check",
        definition: "Drug rounds where a second registered nurse checked the chart before the round ended.",
        unit: "%",
        improvementDirection: "increase",
        frequency: "weekly",
        target: 95,
        rules: DEFAULT_SPC_RULES,
        position: 2,
      })
      .returning({ id: projectMeasures.id });
    const [balancing] = await tx
      .insert(projectMeasures)
      .values({
        projectId,
        kind: "balancing",
        title: "Drug round duration (minutes)",
        definition: "Average length of the morning drug round, from first to last patient.",
        unit: "minutes",
        improvementDirection: "decrease",
        frequency: "weekly",
        target: null,
        rules: DEFAULT_SPC_RULES,
        position: 3,
      })
      .returning({ id: projectMeasures.id });
    if (!outcome || !process || !balancing) throw new Error("demo measure insert returned no row");
    const processDates = weekly("2026-02-02", 20);
    await tx.insert(measurePoints).values([
      ...outcomeDates.map((date, i) => ({
        measureId: outcome.id,
        observedOn: date,
        value: round1(i < 10 ? 6 + next() : 3 + next() * 0.6),
        note: i === 10 ? "First full week with tabards on every evening round" : "",
      })),
      ...processDates.map((date, i) => ({
        measureId: process.id,
        observedOn: date,
        value: Math.min(100, round1(i < 8 ? 55 + next() * 6 : 70 + Math.min(i - 8, 8) * 2.5 + next() * 4)),
        note: "",
      })),
      ...processDates.map((date) => ({
        measureId: balancing.id,
        observedOn: date,
        value: round1(45 + next() * 4),
        note: "",
      })),
    ]);
    await tx.insert(measureAnnotations).values([
      { measureId: outcome.id, observedOn: "2026-02-02", label: "Four beds closed for refurbishment" },
      { measureId: outcome.id, observedOn: "2026-04-27", label: "Audit results shared at the safety huddle" },
    ]);
  });
}
