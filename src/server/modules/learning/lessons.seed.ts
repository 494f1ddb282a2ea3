import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { courseModules, courseSteps, courses, quizOptions, quizQuestions } from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";

const DATA_FILE = fileURLToPath(new URL("./data/lessons.json", import.meta.url));
const text = z.string().trim().min(1);

const OptionSchema = z.object({ text, correct: z.boolean(), feedback: text }).strict();
const QuestionSchema = z
  .object({ prompt: text, kind: z.enum(["single", "multiple"]), options: z.array(OptionSchema).min(2) })
  .strict()
  .refine(
    (q) => {
      const correct = q.options.filter((o) => o.correct).length;
      return q.kind === "single" ? correct === 1 : correct >= 1;
    },
    { message: "single-choice questions need exactly one correct option; multiple-choice at least one" },
  );
const StepSchema = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("article"), title: text, minutes: z.number().int().positive(), body: text })
    .strict(),
  z
    .object({
      kind: z.literal("quiz"),
      title: text,
      minutes: z.number().int().positive(),
      body: z.string(),
      passMarkPercent: z.number().int().min(0).max(100),
      maxAttempts: z.number().int().positive().nullable(),
      final: z.boolean(),
      questions: z.array(QuestionSchema).min(1),
    })
    .strict(),
]);

/** The shape of data/lessons.json: lessons and quizzes for seeded courses, by course slug and module position. */
const LessonsSchema = z
  .object({
    courses: z.array(
      z
        .object({
          course: text,
          modules: z.array(
            z.object({ position: z.number().int().positive(), steps: z.array(StepSchema).min(1) }).strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Loads the written lessons and quizzes into their seeded courses, for each course that has no steps yet (so an
 * editor's later work is never overwritten). Returns the number of steps added.
 */
export async function seedLessons(db: Db): Promise<number> {
  const data = LessonsSchema.parse(JSON.parse(readFileSync(DATA_FILE, "utf8")));
  return db.transaction(async (tx) => {
    let added = 0;
    for (const lesson of data.courses) {
      const [course] = await tx
        .select({ id: courses.id })
        .from(courses)
        .where(eq(courses.slug, lesson.course));
      if (!course) continue;
      const modules = await tx
        .select({ id: courseModules.id, position: courseModules.position })
        .from(courseModules)
        .where(eq(courseModules.courseId, course.id))
        .orderBy(asc(courseModules.position));
      const [existing] = await tx
        .select({ n: count() })
        .from(courseSteps)
        .where(
          inArray(
            courseSteps.moduleId,
            modules.map((m) => m.id),
          ),
        );
      if ((existing?.n ?? 0) > 0) continue;
      for (const module of lesson.modules) {
        const target = modules.find((m) => m.position === module.position);
        if (!target) throw new Error(`lessons.json: ${lesson.course} has no module ${module.position}`);
        for (const [index, step] of module.steps.entries()) {
          const [inserted] = await tx
            .insert(courseSteps)
            .values({
              moduleId: target.id,
              position: index + 1,
              kind: step.kind,
              title: step.title,
              body: step.body,
              minutes: step.minutes,
              ...(step.kind === "quiz"
                ? {
                    passMarkPercent: step.passMarkPercent,
                    maxAttempts: step.maxAttempts,
                    isFinal: step.final,
                  }
                : {}),
            })
            .returning({ id: courseSteps.id });
          if (!inserted) throw new Error("step insert returned no row");
          added += 1;
          if (step.kind !== "quiz") continue;
          for (const [qIndex, question] of step.questions.entries()) {
            const [q] = await tx
              .insert(quizQuestions)
              .values({
                stepId: inserted.id,
                position: qIndex + 1,
                kind: question.kind,
                prompt: question.prompt,
              })
              .returning({ id: quizQuestions.id });
            if (!q) throw new Error("question insert returned no row");
            await tx.insert(quizOptions).values(
              question.options.map((o, oIndex) => ({
                questionId: q.id,
                position: oIndex + 1,
                text: o.text,
                correct: o.correct,
                feedback: o.feedback,
              })),
            );
          }
        }
      }
    }
    return added;
  });
}
