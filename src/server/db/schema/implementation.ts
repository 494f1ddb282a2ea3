import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  BENEFIT_EVENT_KINDS,
  BENEFIT_STATUSES,
  BOX_SET_ORDER_STATUSES,
  CASH_CATEGORIES,
  CASH_ORDERS,
  HOUSE_MODULE_KINDS,
  MODULE_STATUSES,
  REGISTRATION_ROLES,
  TEAM_SETTINGS,
} from "../../../shared/implementation.js";
import { users } from "./accounts.js";
import { programmes } from "./catalogue.js";
import { storedFiles } from "./learning.js";
import { organisations } from "./organisations.js";
import { improvementDirection, measureFrequency, measureKind, type StoredSpcRules } from "./projects.js";

export const houseModuleKind = pgEnum("house_module_kind", HOUSE_MODULE_KINDS);
export const moduleStatus = pgEnum("module_status", MODULE_STATUSES);
export const registrationRole = pgEnum("registration_role", REGISTRATION_ROLES);
export const teamSetting = pgEnum("team_setting", TEAM_SETTINGS);
export const boxSetOrderStatus = pgEnum("box_set_order_status", BOX_SET_ORDER_STATUSES);
export const cashCategory = pgEnum("cash_category", CASH_CATEGORIES);
export const cashOrder = pgEnum("cash_order", CASH_ORDERS);
export const benefitStatus = pgEnum("benefit_status", BENEFIT_STATUSES);
export const benefitEventKind = pgEnum("benefit_event_kind", BENEFIT_EVENT_KINDS);

/**
 * How a programme is implemented, set by content editors: box set cost prices (pence, VAT included as charged) and
 * the programme's estimated potential for NHS England (pence; domain.md), null when none is published.
 */
export const implementationSettings = pgTable(
  "implementation_settings",
  {
    programmeId: uuid("programme_id")
      .primaryKey()
      .references(() => programmes.id, { onDelete: "cascade" }),
    executiveBoxSetPence: integer("executive_box_set_pence").notNull(),
    teamBoxSetPence: integer("team_box_set_pence").notNull(),
    nationalPotentialPence: bigint("national_potential_pence", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "implementation_settings_prices_not_negative",
      sql`${t.executiveBoxSetPence} >= 0 and ${t.teamBoxSetPence} >= 0`,
    ),
  ],
);

/**
 * The modules of a programme's house in its defined order (position): guides beside the house, foundation modules at
 * the base, process modules above. Content editors define them; typical_weeks gives teams' plans.
 */
export const houseModules = pgTable(
  "house_modules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: houseModuleKind("kind").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    typicalWeeks: integer("typical_weeks").notNull().default(6),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("house_modules_programme_position_idx").on(t.programmeId, t.position),
    check("house_modules_typical_weeks_range", sql`${t.typicalWeeks} between 1 and 52`),
  ],
);

/** The programme's measure library: measures that come with each module, which teams add to their own. */
export const measureLibraryItems = pgTable(
  "measure_library_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    houseModuleId: uuid("house_module_id").references(() => houseModules.id, { onDelete: "set null" }),
    kind: measureKind("kind").notNull(),
    title: text("title").notNull(),
    definition: text("definition").notNull().default(""),
    unit: text("unit").notNull().default(""),
    improvementDirection: improvementDirection("improvement_direction").notNull(),
    frequency: measureFrequency("frequency").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("measure_library_items_programme_idx").on(t.programmeId, t.position)],
);

/** An organisation registered to implement a programme; one registration per organisation and programme. */
export const programmeRegistrations = pgTable(
  "programme_registrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    registeredBy: uuid("registered_by").references(() => users.id, { onDelete: "set null" }),
    /**
     * Bumped in the same transaction as any change to the registration's benefits, benefit areas or teams, so the
     * benefits summary can be cached by it (like decision 0020's discussion pages).
     */
    benefitsVersion: integer("benefits_version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("programme_registrations_programme_org_key").on(t.programmeId, t.organisationId),
    index("programme_registrations_org_idx").on(t.organisationId),
  ],
);

/** The people named on a registration: programme leads, executive sponsors and finance leads. */
export const registrationPeople = pgTable(
  "registration_people",
  {
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => programmeRegistrations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: registrationRole("role").notNull(),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.registrationId, t.userId, t.role] }),
    index("registration_people_user_idx").on(t.userId),
  ],
);

/**
 * A team implementing the programme: where it works, its leader, its size and the date it started on the programme
 * (module status dates may not be earlier). `revision` is bumped on every edit so a stale form gets 409.
 */
export const implementationTeams = pgTable(
  "implementation_teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => programmeRegistrations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    setting: teamSetting("setting").notNull(),
    leaderUserId: uuid("leader_user_id").references(() => users.id, { onDelete: "set null" }),
    size: integer("size").notNull(),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    revision: integer("revision").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("implementation_teams_registration_name_key").on(t.registrationId, sql`lower(${t.name})`),
    index("implementation_teams_leader_idx").on(t.leaderUserId),
    check("implementation_teams_size_range", sql`${t.size} between 1 and 1000`),
  ],
);

/** A team's status on one house module, with its dates and notes. No row means not started. */
export const teamModuleProgress = pgTable(
  "team_module_progress",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => implementationTeams.id, { onDelete: "cascade" }),
    houseModuleId: uuid("house_module_id")
      .notNull()
      .references(() => houseModules.id, { onDelete: "cascade" }),
    status: moduleStatus("status").notNull(),
    startedOn: date("started_on", { mode: "string" }),
    completedOn: date("completed_on", { mode: "string" }),
    sustainingFrom: date("sustaining_from", { mode: "string" }),
    notes: text("notes").notNull().default(""),
    revision: integer("revision").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.houseModuleId] }),
    index("team_module_progress_module_idx").on(t.houseModuleId),
  ],
);

/**
 * A team's measure: from the programme library (library_item_id) or the team's own, with the module it belongs to,
 * its chart settings and whether it is on the team's "Knowing how we are doing" board (board_position).
 */
export const teamMeasures = pgTable(
  "team_measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    teamId: uuid("team_id")
      .notNull()
      .references(() => implementationTeams.id, { onDelete: "cascade" }),
    libraryItemId: uuid("library_item_id").references(() => measureLibraryItems.id, { onDelete: "set null" }),
    houseModuleId: uuid("house_module_id").references(() => houseModules.id, { onDelete: "set null" }),
    kind: measureKind("kind").notNull(),
    title: text("title").notNull(),
    definition: text("definition").notNull().default(""),
    unit: text("unit").notNull().default(""),
    improvementDirection: improvementDirection("improvement_direction").notNull(),
    frequency: measureFrequency("frequency").notNull(),
    target: doublePrecision("target"),
    rules: jsonb("rules").$type<StoredSpcRules>().notNull(),
    /** A fixed baseline: the mean and limits come from the values up to this date. */
    baselineEndOn: date("baseline_end_on", { mode: "string" }),
    /** The dates the limits are recalculated from (a new process), at most 20. */
    rebaseOn: jsonb("rebase_on").$type<string[]>().notNull().default([]),
    onBoard: boolean("on_board").notNull().default(false),
    boardPosition: integer("board_position").notNull().default(0),
    dataVersion: integer("data_version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("team_measures_team_idx").on(t.teamId)],
);

/** One value of a team measure: one per date. */
export const teamMeasurePoints = pgTable(
  "team_measure_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => teamMeasures.id, { onDelete: "cascade" }),
    observedOn: date("observed_on", { mode: "string" }).notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("team_measure_points_measure_date_key").on(t.measureId, t.observedOn),
    check("team_measure_points_value_finite", sql`${t.value} not in ('Infinity', '-Infinity', 'NaN')`),
  ],
);

/**
 * An order of box sets. The free and charged counts and unit prices are fixed when it is placed, so the history keeps
 * what was agreed even if prices change; administrators dispatch orders.
 */
export const boxSetOrders = pgTable(
  "box_set_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => programmeRegistrations.id, { onDelete: "cascade" }),
    executiveCount: integer("executive_count").notNull(),
    teamCount: integer("team_count").notNull(),
    freeExecutiveCount: integer("free_executive_count").notNull(),
    freeTeamCount: integer("free_team_count").notNull(),
    executiveUnitPence: integer("executive_unit_pence").notNull(),
    teamUnitPence: integer("team_unit_pence").notNull(),
    totalPence: integer("total_pence").notNull(),
    deliveryAddress: text("delivery_address").notNull(),
    status: boxSetOrderStatus("status").notNull().default("ordered"),
    orderedBy: uuid("ordered_by").references(() => users.id, { onDelete: "set null" }),
    orderedAt: timestamp("ordered_at", { withTimezone: true }).notNull().defaultNow(),
    dispatchedBy: uuid("dispatched_by").references(() => users.id, { onDelete: "set null" }),
    dispatchedAt: timestamp("dispatched_at", { withTimezone: true }),
    dispatchNote: text("dispatch_note").notNull().default(""),
  },
  (t) => [
    index("box_set_orders_registration_idx").on(t.registrationId, t.orderedAt),
    index("box_set_orders_status_idx").on(t.status, t.orderedAt),
    check(
      "box_set_orders_counts",
      sql`${t.executiveCount} >= 0 and ${t.teamCount} >= 0 and ${t.executiveCount} + ${t.teamCount} > 0 and ${t.freeExecutiveCount} between 0 and ${t.executiveCount} and ${t.freeTeamCount} between 0 and ${t.teamCount} and ${t.totalPence} >= 0`,
    ),
  ],
);

/** An organisation's benefit areas (balanced-scorecard headings), seeded with the four defaults on registration. */
export const benefitAreas = pgTable(
  "benefit_areas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => programmeRegistrations.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("benefit_areas_registration_label_key").on(t.registrationId, sql`lower(${t.label})`)],
);

/**
 * A benefit a team records for a module. Cashable benefits hold pence (baseline, forecast, realised) with their
 * category and order and wait for a finance lead's sign-off; others hold values in their own unit. `revision` is
 * bumped on every change so a stale form gets 409.
 */
export const benefits = pgTable(
  "benefits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => programmeRegistrations.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => implementationTeams.id, { onDelete: "cascade" }),
    houseModuleId: uuid("house_module_id").references(() => houseModules.id, { onDelete: "set null" }),
    areaId: uuid("area_id")
      .notNull()
      .references(() => benefitAreas.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    cashable: boolean("cashable").notNull(),
    cashCategory: cashCategory("cash_category"),
    cashOrder: cashOrder("cash_order"),
    method: text("method").notNull().default(""),
    unit: text("unit").notNull().default(""),
    baselinePence: bigint("baseline_pence", { mode: "number" }),
    forecastPence: bigint("forecast_pence", { mode: "number" }),
    realisedPence: bigint("realised_pence", { mode: "number" }),
    baselineValue: doublePrecision("baseline_value"),
    forecastValue: doublePrecision("forecast_value"),
    realisedValue: doublePrecision("realised_value"),
    baselineOn: date("baseline_on", { mode: "string" }),
    forecastOn: date("forecast_on", { mode: "string" }),
    realisedOn: date("realised_on", { mode: "string" }),
    status: benefitStatus("status").notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    signedOffBy: uuid("signed_off_by").references(() => users.id, { onDelete: "set null" }),
    signedOffAt: timestamp("signed_off_at", { withTimezone: true }),
    revision: integer("revision").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("benefits_registration_idx").on(t.registrationId),
    index("benefits_team_idx").on(t.teamId),
    check(
      "benefits_cash_fields",
      sql`(${t.cashable} and ${t.cashCategory} is not null and ${t.cashOrder} is not null) or (not ${t.cashable} and ${t.cashCategory} is null and ${t.cashOrder} is null)`,
    ),
    check(
      "benefits_pence_range",
      sql`coalesce(${t.baselinePence}, 0) between 0 and 100000000000 and coalesce(${t.forecastPence}, 0) between 0 and 100000000000 and coalesce(${t.realisedPence}, 0) between 0 and 100000000000`,
    ),
  ],
);

/** Every change to a benefit's values or status and every sign-off decision, with who and when: shown on the benefit. */
export const benefitEvents = pgTable(
  "benefit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    benefitId: uuid("benefit_id")
      .notNull()
      .references(() => benefits.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    kind: benefitEventKind("kind").notNull(),
    /** Changed fields: { field: [before, after] }. */
    changes: jsonb("changes").$type<Record<string, [unknown, unknown]>>().notNull().default({}),
    comment: text("comment").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("benefit_events_benefit_idx").on(t.benefitId, t.createdAt)],
);

/** Evidence files attached to a benefit (the files live in stored_files, purpose benefit_evidence). */
export const benefitEvidence = pgTable(
  "benefit_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    benefitId: uuid("benefit_id")
      .notNull()
      .references(() => benefits.id, { onDelete: "cascade" }),
    storedFileId: uuid("stored_file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("benefit_evidence_benefit_idx").on(t.benefitId)],
);
