import { randomBytes } from "node:crypto";
import { count, desc, eq } from "drizzle-orm";
import { auditEvents, mailOutbox, organisations, sessions, users } from "../../src/server/db/schema/index.js";
import * as accountsRepo from "../../src/server/modules/accounts/accounts.repository.js";
import { hashPassword } from "../../src/server/platform/crypto.js";
import type { Role, Sector } from "../../src/shared/accounts.js";
import type { TestContext } from "./test-app.js";

/** Password every factory-made account gets unless told otherwise. */
export const TEST_PASSWORD = "correct horse battery staple";

/** Options for a factory-made user; missing parents (the organisation) are created or found. */
export interface UserOptions {
  email?: string;
  password?: string;
  givenName?: string;
  familyName?: string;
  sector?: Sector;
  organisationId?: string | null;
  verified?: boolean;
  roles?: Array<Role | { role: Role; organisationId: string; expiresAt?: Date }>;
  status?: "active" | "expired";
}

/** A user made by a factory, with the password to sign in. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
}

/** An organisation by ODS code from the seeded directory. */
export async function organisationByOds(ctx: TestContext, odsCode: string): Promise<string> {
  const [row] = await ctx.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.odsCode, odsCode));
  if (!row) throw new Error(`no organisation ${odsCode} in the seeded directory`);
  return row.id;
}

/** Creates a user straight in the database (verified, active, learner) unless options say otherwise. */
export async function buildUser(ctx: TestContext, options: UserOptions = {}): Promise<TestUser> {
  const email = options.email ?? `user-${randomBytes(5).toString("hex")}@example.test`;
  const password = options.password ?? TEST_PASSWORD;
  const organisationId =
    options.organisationId === undefined ? await organisationByOds(ctx, "RR8") : options.organisationId;
  const user = await accountsRepo.insertUser(ctx.database.db, {
    email,
    passwordHash: await hashPassword(password, ctx.config.scryptCost),
    givenName: options.givenName ?? "Alex",
    familyName: options.familyName ?? "Morgan",
    certificateName: `${options.givenName ?? "Alex"} ${options.familyName ?? "Morgan"}`,
    sector: options.sector ?? "nhs_england",
    organisationId,
    emailVerifiedAt: options.verified === false ? null : new Date(),
    status: options.status ?? "active",
    expiredReason: options.status === "expired" ? "Left the organisation" : null,
  });
  if (!user) throw new Error(`user ${email} already exists`);
  for (const grant of options.roles ?? ["learner"]) {
    const {
      role,
      organisationId: scope,
      expiresAt,
    } = typeof grant === "string" ? { role: grant, organisationId: null, expiresAt: undefined } : grant;
    await accountsRepo.insertRoleGrant(ctx.database.db, {
      userId: user.id,
      role,
      organisationId: scope,
      grantedBy: null,
      expiresAt: expiresAt ?? null,
    });
  }
  return { id: user.id, email, password };
}

/** A platform administrator. */
export function buildAdmin(ctx: TestContext, options: UserOptions = {}): Promise<TestUser> {
  return buildUser(ctx, { ...options, roles: ["learner", "platform_admin"] });
}

/** Signs in through the API and returns the Cookie header value to send with later requests. */
export async function signIn(ctx: TestContext, user: { email: string; password: string }): Promise<string> {
  const response = await ctx.app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email: user.email, password: user.password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name.endsWith("qia_session"));
  if (!cookie) throw new Error("sign-in set no session cookie");
  return `${cookie.name}=${cookie.value}`;
}

/** Messages in the outbox to one address, newest first. */
export async function mailTo(ctx: TestContext, to: string) {
  return ctx.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(desc(mailOutbox.createdAt));
}

/** The token in the newest message to `to` whose link goes to `pathname` (e.g. /verify-email). */
export async function tokenFromMail(ctx: TestContext, to: string, pathname: string): Promise<string> {
  for (const message of await mailTo(ctx, to)) {
    const match = message.text?.match(new RegExp(`${pathname}\\?token=([A-Za-z0-9_%-]+)`));
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  throw new Error(`no ${pathname} link in mail to ${to}`);
}

/** Row counts of the tables a bad request must not touch. */
export async function tableCounts(ctx: TestContext) {
  const db = ctx.database.db;
  const [[u], [s], [m], [a]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(sessions),
    db.select({ n: count() }).from(mailOutbox),
    db.select({ n: count() }).from(auditEvents),
  ]);
  return { users: u?.n ?? 0, sessions: s?.n ?? 0, mail: m?.n ?? 0, audit: a?.n ?? 0 };
}

/** Audit events with a given action, newest first. */
export async function auditFor(ctx: TestContext, action: string) {
  return ctx.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.id));
}

/** Options for a factory-made enrolment; a missing learner is created and a missing course picked by level. */
export interface EnrolmentOptions {
  userId?: string;
  /** Options for the learner created when no userId is given. */
  user?: UserOptions;
  courseId?: string;
  /** The level of the seeded published course to pick when no courseId is given: practitioner unless told. */
  level?: string;
  startsAt?: Date;
  /** The end of access: the course's access months after the start unless told. */
  expiresAt?: Date;
  state?: "active" | "deferred" | "expired";
  completedAt?: Date | null;
  via?: "free" | "grant" | "licence";
  grantId?: string | null;
  licenceId?: string | null;
}

/** An enrolment made by a factory, with its learner (and their password, when the factory created them). */
export interface TestEnrolment {
  id: string;
  userId: string;
  user: TestUser | null;
  course: { id: string; title: string; level: string };
  startsAt: Date;
  expiresAt: Date;
}

/**
 * Inserts an enrolment straight into the database with the dates asked for, creating the learner and picking the first
 * published course at the level (in catalogue order) when they are not given. Raw SQL keeps this file's imports as
 * they are.
 */
export async function buildEnrolment(
  ctx: TestContext,
  options: EnrolmentOptions = {},
): Promise<TestEnrolment> {
  const user = options.userId ? null : await buildUser(ctx, options.user);
  const userId = options.userId ?? user?.id ?? "";
  const [course] = (await ctx.database.rawQuery(
    `select c.id, c.title, c.level::text as level, c.access_months from courses c
       join programmes p on p.id = c.programme_id
      where ($1::uuid is not null and c.id = $1::uuid)
         or ($1::uuid is null and c.level::text = $2 and c.status = 'published')
      order by p.position, c.position limit 1`,
    [options.courseId ?? null, options.level ?? "practitioner"],
  )) as Array<{ id: string; title: string; level: string; access_months: number }>;
  if (!course)
    throw new Error(`no course ${options.courseId ?? options.level ?? "practitioner"} to enrol on`);
  const startsAt = options.startsAt ?? new Date();
  const state = options.state ?? "active";
  const [row] = (await ctx.database.rawQuery(
    `insert into enrolments (user_id, course_id, state, via, price_ex_vat_pence, grant_id, licence_id, starts_at,
       expires_at, completed_at, expired_at)
     values ($1, $2, $3::enrolment_state, $4::entitlement, 0, $5, $6, $7::timestamptz,
       coalesce($8::timestamptz, $7::timestamptz + make_interval(months => $9::int)), $10::timestamptz,
       case when $3 = 'expired' then now() end)
     returning id, starts_at, expires_at`,
    [
      userId,
      course.id,
      state,
      options.via ?? (options.licenceId ? "licence" : options.grantId ? "grant" : "free"),
      options.grantId ?? null,
      options.licenceId ?? null,
      startsAt.toISOString(),
      options.expiresAt?.toISOString() ?? null,
      course.access_months,
      options.completedAt?.toISOString() ?? null,
    ],
  )) as Array<{ id: string; starts_at: Date | string; expires_at: Date | string }>;
  if (!row) throw new Error("the enrolment was not inserted");
  return {
    id: row.id,
    userId,
    user,
    course: { id: course.id, title: course.title, level: course.level },
    startsAt: new Date(row.starts_at),
    expiresAt: new Date(row.expires_at),
  };
}

/** tableCounts plus the enrolment tables (grants, licences, enrolments, deferral requests and messages). */
export async function entitlementCounts(ctx: TestContext) {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from enrolment_grants) as grants,
            (select count(*)::int from enrolment_grants where revoked_at is not null) as revoked_grants,
            (select count(*)::int from organisation_licences) as licences,
            (select coalesce(string_agg(concat_ws('|', seats, starts_on, ends_on, note), ',' order by id), '')
              from organisation_licences) as licence_state,
            (select count(*)::int from enrolments) as enrolments,
            (select count(*)::int from deferral_requests) as deferrals,
            (select count(*)::int from deferral_messages) as deferral_messages,
            (select coalesce(max(updated_at)::text, '') from enrolments) as last_enrolment_change,
            (select coalesce(max(coalesce(decided_at, requested_at))::text, '') from deferral_requests)
              as last_deferral_change`,
  )) as Array<Record<string, number | string>>;
  return { ...(await tableCounts(ctx)), ...row };
}

/** A content editor: builds programmes and courses (a learner too, as every account is). */
export function buildEditor(ctx: TestContext, options: UserOptions = {}): Promise<TestUser> {
  return buildUser(ctx, { ...options, roles: ["learner", "content_editor"] });
}

/** An organisation below `parentId` (a directorate, ward or team unless told), with a unique name. */
export async function buildOrganisation(
  ctx: TestContext,
  options: { name?: string; parentId?: string | null; type?: string } = {},
): Promise<string> {
  const [row] = (await ctx.database.rawQuery(
    `insert into organisations (name, type, parent_id) values ($1, $2::organisation_type, $3) returning id`,
    [
      options.name ?? `Team ${randomBytes(3).toString("hex")}`,
      options.type ?? "other",
      options.parentId ?? null,
    ],
  )) as Array<{ id: string }>;
  if (!row) throw new Error("the organisation was not inserted");
  return row.id;
}

/** Options for a learner the reports can see: their organisation, team, ESR number and name. */
export interface ReportLearnerOptions extends UserOptions {
  organisationId: string;
  teamId?: string | null;
  esrNumber?: string | null;
}

/** A learner of an organisation (optionally in a team and with an ESR number), for the reports. */
export async function buildReportLearner(ctx: TestContext, options: ReportLearnerOptions): Promise<TestUser> {
  const { teamId, esrNumber, ...userOptions } = options;
  const user = await buildUser(ctx, userOptions);
  await ctx.database.rawQuery("update users set team_id = $2, esr_number = $3 where id = $1", [
    user.id,
    teamId ?? null,
    esrNumber ?? null,
  ]);
  return user;
}

/**
 * Sets what the reports read about an enrolment: required steps completed (the summary the learning service keeps)
 * and when the learner was last active (null: not started).
 */
export async function setEnrolmentProgress(
  ctx: TestContext,
  enrolmentId: string,
  progress: { requiredStepsCompleted?: number; lastActivityAt?: Date | null; createdAt?: Date },
): Promise<void> {
  await ctx.database.rawQuery(
    `update enrolments set required_steps_completed = coalesce($2, required_steps_completed),
       last_activity_at = case when $3::boolean then $4::timestamptz else last_activity_at end,
       created_at = coalesce($5::timestamptz, created_at)
     where id = $1`,
    [
      enrolmentId,
      progress.requiredStepsCompleted ?? null,
      progress.lastActivityAt !== undefined,
      progress.lastActivityAt?.toISOString() ?? null,
      progress.createdAt?.toISOString() ?? null,
    ],
  );
}
