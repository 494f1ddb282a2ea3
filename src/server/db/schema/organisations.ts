import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ORGANISATION_TYPES } from "../../../shared/organisations.js";

/** Kinds of organisation (ICB, trust, directorate, team, non-NHS, university, other). */
export const organisationType = pgEnum("organisation_type", ORGANISATION_TYPES);

/** The organisation directory: NHS bodies keyed by ODS code where they have one, and a hierarchy via parent. */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    odsCode: text("ods_code"),
    type: organisationType("type").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => organisations.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_ods_code_key").on(t.odsCode),
    index("organisations_parent_id_idx").on(t.parentId),
    index("organisations_lower_name_idx").on(sql`lower(${t.name})`),
  ],
);
