import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ACCESS_MONTHS, LEVELS, PROGRAMME_KINDS } from "../../../shared/catalogue.js";
import type { Db } from "../../platform/db.js";
import * as repo from "./catalogue.repository.js";

const DATA_FILE = fileURLToPath(new URL("./data/catalogue.json", import.meta.url));
const text = z.string().trim().min(1);

/** The shape of data/catalogue.json, checked before anything is written. */
const CatalogueSeedSchema = z
  .object({
    programmes: z
      .array(z.object({ slug: text, title: text, kind: z.enum(PROGRAMME_KINDS), summary: text }).strict())
      .min(1),
    courses: z.array(
      z
        .object({
          slug: text,
          programme: text,
          level: z.enum(LEVELS),
          title: text,
          summary: text,
          whoFor: text,
          outcomes: z.array(text).min(1),
          prerequisites: text.nullable(),
          listPriceExVatPence: z.number().int().min(0),
          priceIsIndicative: z.boolean(),
          cpdPoints: z.number().int().min(0),
          modules: z.array(z.object({ title: text, summary: text }).strict()).min(1),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((data, ctx) => {
    const slugs = new Set(data.programmes.map((p) => p.slug));
    for (const course of data.courses) {
      if (!slugs.has(course.programme)) {
        ctx.addIssue({
          code: "custom",
          message: `course ${course.slug} names unknown programme ${course.programme}`,
        });
      }
    }
  });

/** Loads the catalogue (programmes, published courses, modules) into an empty catalogue. Returns courses added. */
export async function seedCatalogue(db: Db): Promise<number> {
  if ((await repo.countProgrammes(db)) > 0) return 0;
  const data = CatalogueSeedSchema.parse(JSON.parse(readFileSync(DATA_FILE, "utf8")));
  return db.transaction(async (tx) => {
    const programmeIds = await repo.insertProgrammes(
      tx,
      data.programmes.map((programme, position) => ({ ...programme, position })),
    );
    const now = new Date();
    const courseIds = await repo.insertCourses(
      tx,
      data.courses.map(({ modules: _modules, programme, ...fields }, position) => {
        const programmeId = programmeIds.get(programme);
        if (!programmeId) throw new Error(`course ${fields.slug} names unknown programme ${programme}`);
        return {
          ...fields,
          programmeId,
          accessMonths: ACCESS_MONTHS[fields.level],
          status: "published" as const,
          publishedAt: now,
          position,
        };
      }),
    );
    const modules = data.courses.flatMap((course) => {
      const courseId = courseIds.get(course.slug);
      if (!courseId) throw new Error(`course ${course.slug} was not inserted`);
      return course.modules.map((m, index) => ({
        courseId,
        position: index + 1,
        title: m.title,
        summary: m.summary,
      }));
    });
    await repo.insertModules(tx, modules);
    return data.courses.length;
  });
}
