import { and, asc, count, eq, ilike, inArray, isNull, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { Me, Role, Sector } from "../../../shared/accounts.js";
import { emailTokens, organisations, sessions, userRoles, users } from "../../db/schema/index.js";
import type { Database, Tx } from "../../platform/db.js";

/** A user row as the service works with it. */
export type UserRow = typeof users.$inferSelect;
/** Columns to create a user. */
export type NewUser = typeof users.$inferInsert;
/** A role grant with its organisation's name. */
export interface RoleGrantRow {
  id: string;
  userId: string;
  role: Role;
  organisationId: string | null;
  organisationName: string | null;
  expiresAt: Date | null;
}
/** What an email token was issued for. */
export type TokenPurpose = (typeof emailTokens.$inferSelect)["purpose"];

/** A live session of an active user, with the version of the account it belongs to. */
export interface LiveSession {
  sessionId: string;
  lastSeenAt: Date;
  userId: string;
  accountVersion: string;
  /** The learner's My learning version and the course content's, "learner:catalogue" (docs/decisions/0007). */
  learningVersion: string;
}

// The check every signed-in request makes: unique-index lookups only (session, user, the learner's and the
// catalogue's versions), no joins beyond users. Raw SQL because it
// runs as a named prepared statement. account_version comes back as text: node-postgres returns bigint as text,
// PGlite as a number, and a string compares the same way from both.
const LIVE_SESSION_SQL = `
  select s.id as session_id, s.last_seen_at, s.user_id, u.account_version::text as account_version,
    coalesce((select lv.version from learner_versions lv where lv.user_id = u.id), 1)::text || ':' ||
    coalesce((select cv.version from catalogue_version cv where cv.id = 1), 1)::text as learning_version
  from sessions s join users u on u.id = s.user_id
  where s.token_hash = $1 and s.expires_at > now()
    and s.last_seen_at > now() - make_interval(secs => $2::double precision) and u.status = 'active'`;

/**
 * "This token's session is live and belongs to this active user", as a condition another statement can carry: the
 * same test as LIVE_SESSION_SQL, for routes that check the session inside the statement doing their work.
 */
export function liveSessionCondition(tokenHash: SQL, userId: SQL, idleSeconds: SQL): SQL {
  return sql`exists (select 1 from ${sessions} s join ${users} u on u.id = s.user_id
    where s.token_hash = ${tokenHash} and s.user_id = ${userId} and s.expires_at > now()
      and s.last_seen_at > now() - make_interval(secs => ${idleSeconds}) and u.status = 'active')`;
}

/** Finds a live session of an active user by the token's hash. */
export async function findLiveSession(
  database: Database,
  tokenHash: string,
  idleMs: number,
): Promise<LiveSession | null> {
  const [row] = await database.preparedQuery<{
    session_id: string;
    last_seen_at: string | Date;
    user_id: string;
    account_version: string;
    learning_version: string;
  }>("find_live_session", LIVE_SESSION_SQL, [tokenHash, idleMs / 1000]);
  if (!row) return null;
  return {
    sessionId: row.session_id,
    lastSeenAt: new Date(row.last_seen_at),
    userId: row.user_id,
    accountVersion: row.account_version,
    learningVersion: row.learning_version,
  };
}

/** An account as shown to its owner, with the version it was read at and when any pending email change lapses. */
export interface AccountSnapshot {
  account: Me;
  accountVersion: string;
  pendingEmailExpiresAt: Date | null;
}

// Everything GET /api/me shows, in one statement: user, organisation, roles with their organisations' names, and
// any pending email change. Raw SQL because it runs as a named prepared statement.
const ACCOUNT_SQL = `
  select u.id, u.account_version::text as account_version, u.email,
    u.email_verified_at is not null as email_verified, u.given_name, u.family_name, u.certificate_name,
    u.certificate_name_confirmed_at is not null as certificate_name_confirmed, u.sector,
    o.id as organisation_id, o.name as organisation_name, o.ods_code as organisation_ods_code,
    u.organisation_name_other, u.job_role, u.esr_number,
    coalesce((select json_agg(json_build_object('id', r.id, 'role', r.role, 'organisationId', r.organisation_id,
                'organisationName', (select ro.name from organisations ro where ro.id = r.organisation_id),
                'expiresAt', to_char(r.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                order by r.granted_at)
              from user_roles r where r.user_id = u.id and (r.expires_at is null or r.expires_at > now())),
      '[]'::json) as roles,
    p.new_email as pending_email, p.expires_at as pending_email_expires_at
  from users u
    left join organisations o on o.id = u.organisation_id
    left join lateral (
      select t.new_email, t.expires_at from email_tokens t
      where t.user_id = u.id and t.purpose = 'change_email' and t.used_at is null and t.expires_at > now()
      order by t.created_at desc limit 1) p on true
  where u.id = $1`;

interface AccountRow {
  id: string;
  account_version: string;
  email: string;
  email_verified: boolean;
  given_name: string;
  family_name: string;
  certificate_name: string;
  certificate_name_confirmed: boolean;
  sector: Sector;
  organisation_id: string | null;
  organisation_name: string | null;
  organisation_ods_code: string | null;
  organisation_name_other: string | null;
  job_role: string | null;
  esr_number: string | null;
  roles: Me["roles"] | string;
  pending_email: string | null;
  pending_email_expires_at: string | Date | null;
}

/** Reads a whole account as its owner sees it; null when the user does not exist. */
export async function loadAccount(database: Database, userId: string): Promise<AccountSnapshot | null> {
  const [row] = await database.preparedQuery<AccountRow>("load_account", ACCOUNT_SQL, [userId]);
  if (!row) return null;
  return {
    accountVersion: row.account_version,
    pendingEmailExpiresAt: row.pending_email_expires_at ? new Date(row.pending_email_expires_at) : null,
    account: {
      id: row.id,
      email: row.email,
      emailVerified: row.email_verified,
      pendingEmail: row.pending_email,
      givenName: row.given_name,
      familyName: row.family_name,
      certificateName: row.certificate_name,
      certificateNameConfirmed: row.certificate_name_confirmed,
      sector: row.sector,
      organisation: row.organisation_id
        ? { id: row.organisation_id, name: row.organisation_name ?? "", odsCode: row.organisation_ods_code }
        : null,
      organisationName: row.organisation_name_other,
      jobRole: row.job_role,
      esrNumber: row.esr_number,
      // PGlite returns json columns as text; node-postgres parses them.
      roles: typeof row.roles === "string" ? (JSON.parse(row.roles) as Me["roles"]) : row.roles,
    },
  };
}

/** Marks a session as used now (idle expiry counts from here). */
export async function touchSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
}

/** Stores a new session. */
export async function createSession(
  tx: Tx,
  values: { tokenHash: string; userId: string; expiresAt: Date; userAgent: string | null; ipAddress: string },
): Promise<void> {
  await tx.insert(sessions).values(values);
}

/** Ends one session. */
export async function deleteSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, optionally keeping one (the one making the request). */
export async function deleteSessionsForUser(
  tx: Tx,
  userId: string,
  exceptSessionId?: string,
): Promise<number> {
  const where = exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId);
  const deleted = await tx.delete(sessions).where(where).returning({ id: sessions.id });
  return deleted.length;
}

/** Finds a user by lower-cased email. */
export async function getUserByEmail(tx: Tx, email: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

/** Finds a user by id. */
export async function getUserById(tx: Tx, id: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** Inserts a user; returns null when the email is already taken (unique index), so callers never race. */
export async function insertUser(tx: Tx, values: NewUser): Promise<UserRow | null> {
  const [row] = await tx
    .insert(users)
    .values(values)
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row ?? null;
}

/** Updates a user's columns and stamps updated_at. */
export async function updateUser(tx: Tx, id: string, values: Partial<NewUser>): Promise<UserRow | null> {
  const [row] = await tx
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  return row ?? null;
}

/** Roles of one or more users, with organisation names. */
export async function listRoleGrants(tx: Tx, userIds: string[]): Promise<RoleGrantRow[]> {
  if (userIds.length === 0) return [];
  return tx
    .select({
      id: userRoles.id,
      userId: userRoles.userId,
      role: userRoles.role,
      organisationId: userRoles.organisationId,
      organisationName: organisations.name,
      expiresAt: userRoles.expiresAt,
    })
    .from(userRoles)
    .leftJoin(organisations, eq(organisations.id, userRoles.organisationId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(userRoles.grantedAt));
}

/** Grants a role; returns false when the same grant already exists. */
export async function insertRoleGrant(
  tx: Tx,
  values: {
    userId: string;
    role: Role;
    organisationId: string | null;
    grantedBy: string | null;
    expiresAt?: Date | null;
  },
): Promise<boolean> {
  const rows = await tx
    .insert(userRoles)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: userRoles.id });
  return rows.length > 0;
}

/** Removes one grant of a user; returns the removed grant or null. */
export async function deleteRoleGrant(tx: Tx, userId: string, grantId: string): Promise<RoleGrantRow | null> {
  const [row] = await tx
    .delete(userRoles)
    .where(and(eq(userRoles.id, grantId), eq(userRoles.userId, userId)))
    .returning();
  return row ? { ...row, organisationName: null } : null;
}

/** Counts the users holding a role (used to keep at least one platform administrator). */
export async function countUsersWithRole(tx: Tx, role: Role): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, role), eq(users.status, "active")));
  return row?.n ?? 0;
}

/** Stores a single-use emailed token (hashed). */
export async function insertEmailToken(
  tx: Tx,
  values: {
    userId: string;
    purpose: TokenPurpose;
    tokenHash: string;
    expiresAt: Date;
    newEmail?: string | null;
  },
): Promise<void> {
  await tx.insert(emailTokens).values(values);
}

/** Finds a token by hash and purpose(s), used or not (so the service can say which). */
export async function getEmailToken(tx: Tx, tokenHash: string, purposes: TokenPurpose[]) {
  const [row] = await tx
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, tokenHash), inArray(emailTokens.purpose, purposes)))
    .limit(1);
  return row ?? null;
}

/** Marks a token used, only if still unused: returns false when another request used it first. */
export async function markEmailTokenUsed(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.id, id), isNull(emailTokens.usedAt)))
    .returning({ id: emailTokens.id });
  return rows.length > 0;
}

/** Invalidates a user's other outstanding tokens of a purpose (a new link replaces old ones). */
export async function expireOpenTokens(tx: Tx, userId: string, purpose: TokenPurpose): Promise<void> {
  await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
}

/** Filters for the administrators' user search. */
export interface UserSearch {
  q?: string;
  status?: "active" | "expired";
  role?: Role;
  limit: number;
  offset: number;
}

/** A page of users matching name/email search, newest first, with the total. */
export async function searchUsers(tx: Tx, search: UserSearch) {
  const conditions: SQL[] = [];
  if (search.q) {
    const pattern = `%${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byText = or(
      ilike(users.email, pattern),
      ilike(users.givenName, pattern),
      ilike(users.familyName, pattern),
      ilike(sql`${users.givenName} || ' ' || ${users.familyName}`, pattern),
      eq(users.esrNumber, search.q.replace(/[\s-]/g, "")),
    );
    if (byText) conditions.push(byText);
  }
  if (search.status) conditions.push(eq(users.status, search.status));
  if (search.role) {
    conditions.push(
      sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${search.role})`,
    );
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [totalRow] = await tx.select({ n: count() }).from(users).where(where);
  const rows = await tx
    .select({ user: users, organisationName: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(where)
    .orderBy(sql`${users.createdAt} desc`, asc(users.id))
    .limit(search.limit)
    .offset(search.offset);
  return { rows, total: totalRow?.n ?? 0 };
}

/** A user with their organisation's name. */
export async function getUserWithOrganisation(tx: Tx, id: string) {
  const [row] = await tx
    .select({ user: users, organisation: organisations })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

/** Inputs to create a user, as the seeder and the service use them. */
export interface CreateUserValues {
  email: string;
  passwordHash: string;
  givenName: string;
  familyName: string;
  sector: Sector;
  organisationId: string | null;
  organisationNameOther: string | null;
  jobRole: string | null;
  esrNumber: string | null;
  emailVerifiedAt: Date | null;
}

/** Deletes sessions past their absolute or idle expiry, and emailed tokens used or expired over a day ago. */
export async function purgeEnded(tx: Tx, idleMs: number): Promise<{ sessions: number; tokens: number }> {
  const ended = await tx
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, sql`now()`),
        lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${idleMs / 1000})`),
      ),
    )
    .returning({ id: sessions.id });
  const spent = await tx
    .delete(emailTokens)
    .where(lt(sql`coalesce(${emailTokens.usedAt}, ${emailTokens.expiresAt})`, sql`now() - interval '1 day'`))
    .returning({ id: emailTokens.id });
  return { sessions: ended.length, tokens: spent.length };
}
