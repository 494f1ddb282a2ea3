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
  roles?: Array<Role | { role: Role; organisationId: string }>;
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
    const { role, organisationId: scope } =
      typeof grant === "string" ? { role: grant, organisationId: null } : grant;
    await accountsRepo.insertRoleGrant(ctx.database.db, {
      userId: user.id,
      role,
      organisationId: scope,
      grantedBy: null,
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
