import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { LEVELS, PROGRAMME_KINDS } from "../../../shared/catalogue.js";
import { tsvector } from "./column-types.js";

/** The Productive Series, or the Improvement Fundamentals mini-courses. */
export const programmeKind = pgEnum("programme_kind", PROGRAMME_KINDS);
/** Course levels, individual modules and mini-courses. */
export const courseLevel = pgEnum("course_level", LEVELS);
/** Only published courses are in the catalogue; archived ones keep their learners' records. */
export const courseStatus = pgEnum("course_status", ["draft", "published", "archived"]);

/** Improvement programmes, in display order. */
export const programmes = pgTable(
  "programmes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    kind: programmeKind("kind").notNull(),
    position: integer("position").notNull(),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'C')`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("programmes_slug_key").on(t.slug),
    index("programmes_search_idx").using("gin", t.searchVector),
  ],
);

/** Courses: a level of a programme, an individual module, or a mini-course. Prices in pence, ex VAT. */
export const courses = pgTable(
  "courses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    level: courseLevel("level").notNull(),
    summary: text("summary").notNull(),
    whoFor: text("who_for").notNull(),
    outcomes: jsonb("outcomes").$type<string[]>().notNull(),
    prerequisites: text("prerequisites"),
    listPriceExVatPence: integer("list_price_ex_vat_pence").notNull(),
    /** True while the price is a plausible seeded value an administrator has not yet confirmed. */
    priceIsIndicative: boolean("price_is_indicative").notNull().default(false),
    accessMonths: integer("access_months").notNull(),
    cpdPoints: integer("cpd_points").notNull(),
    /** Months a certificate for this course stays valid; null: it never expires. */
    certificateValidityMonths: integer("certificate_validity_months"),
    status: courseStatus("status").notNull().default("draft"),
    position: integer("position").notNull(),
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', summary), 'B') || setweight(to_tsvector('english', who_for), 'C') || setweight(jsonb_to_tsvector('english', outcomes, '["string"]'), 'C')`,
    ),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("courses_slug_key").on(t.slug),
    index("courses_programme_position_idx").on(t.programmeId, t.position),
    index("courses_search_idx").using("gin", t.searchVector),
    check("courses_price_not_negative", sql`${t.listPriceExVatPence} >= 0`),
    check("courses_access_months_positive", sql`${t.accessMonths} > 0`),
    check("courses_cpd_points_not_negative", sql`${t.cpdPoints} >= 0`),
    check(
      "courses_certificate_validity_positive",
      sql`${t.certificateValidityMonths} is null or ${t.certificateValidityMonths} > 0`,
    ),
  ],
);

/** The ordered modules of a course (its contents list). */
export const courseModules = pgTable(
  "course_modules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("course_modules_course_position_idx").on(t.courseId, t.position)],
);

/**
 * One row whose version database triggers bump on any change to programmes, courses, modules or steps, so cached
 * views built from course content (My learning) know when to re-read it.
 */
export const catalogueVersion = pgTable(
  "catalogue_version",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(1),
  },
  (t) => [check("catalogue_version_single_row", sql`${t.id} = 1`)],
);
