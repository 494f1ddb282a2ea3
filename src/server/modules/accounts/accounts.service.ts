import type {
  AdminUser,
  Me,
  ProfileUpdateInput,
  RegisterInput,
  Role,
  Sector,
} from "../../../shared/accounts.js";
import type { RequestContext } from "../../platform/audit.js";
import { recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import { hashPassword, hashToken, needsRehash, newToken, verifyPassword } from "../../platform/crypto.js";
import type { Database, Tx } from "../../platform/db.js";
import { AppError, conflict, fieldError, forbidden, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { resetThrottle, throttle } from "../../platform/rate-limit.js";
import { hasStartedAccreditedCourse } from "../enrolments/enrolments.service.js";
import { findOrganisation, requireOrganisation } from "../organisations/organisations.service.js";
import { clearTeamIfOutsideOrganisation } from "../organisations/organisations-admin.service.js";
import { AccountCache } from "./account-cache.js";
import * as emails from "./accounts.emails.js";
import { assertCanManageUsers, assertNotSelf, ORGANISATION_SCOPED_ROLES } from "./accounts.policy.js";
import * as repo from "./accounts.repository.js";
import { assertAcceptablePassword } from "./passwords.js";

/** What the accounts service needs. */
export interface AccountsDeps {
  database: Database;
  config: AppConfig;
  mailer: Mailer;
}

const HOUR = 3_600_000;
const VERIFY_TTL_MS = 24 * HOUR;
const RESET_TTL_MS = 1 * HOUR;
const TOUCH_AFTER_MS = 60_000;
/** How many recently resolved sessions one instance remembers. */
const RECENT_SESSIONS = 20_000;

/** The same answer for registration whether or not the address is taken: no user enumeration. */
export const REGISTERED_MESSAGE =
  "Check your email. We have sent a link to confirm your email address. It expires in 24 hours.";
/** The same answer for a reset request whether or not the address is registered. */
export const RESET_REQUESTED_MESSAGE =
  "If an account exists for that email address, we have sent a link to reset the password. The link expires in 1 hour.";
/** The same answer for a resend request whether or not the address is registered or verified. */
export const RESEND_MESSAGE =
  "If that email address has an account that still needs confirming, we have sent a new link. It expires in 24 hours.";

/** Sectors whose members must name their organisation (chosen or typed). */
const SECTORS_NEEDING_ORGANISATION: ReadonlySet<Sector> = new Set([
  "nhs_england",
  "nhs_outside_england",
  "non_nhs",
]);

const tokenError = {
  invalid: () =>
    new AppError(
      400,
      "token_invalid",
      "This link is not valid. Check you copied the whole link, or ask for a new one.",
    ),
  used: () =>
    new AppError(
      400,
      "token_used",
      "This link has already been used. Ask for a new one if you still need it.",
    ),
  expired: () => new AppError(400, "token_expired", "This link has expired. Ask for a new one."),
};

/** Account lifecycle: registration, verification, sign-in, sessions, profile, and user administration. */
export function createAccountsService(deps: AccountsDeps) {
  const { database, config, mailer } = deps;
  const db = database.db;
  const accounts = new AccountCache();
  const link = (pathname: string, token: string) =>
    `${config.publicUrl}${pathname}?token=${encodeURIComponent(token)}`;
  const hash = (token: string) => hashToken(token, config.sessionSecret);
  /** Sessions this instance resolved in the last minute, by token hash, newest last (decision 0016). */
  const recentSessions = new Map<string, { actor: Actor; seenAt: number }>();
  const rememberSession = (tokenHash: string, actor: Actor, seenAt: number) => {
    recentSessions.delete(tokenHash);
    recentSessions.set(tokenHash, { actor, seenAt });
    if (recentSessions.size > RECENT_SESSIONS) {
      const oldest = recentSessions.keys().next().value;
      if (oldest !== undefined) recentSessions.delete(oldest);
    }
  };
  // Verifying against this when no account matches keeps sign-in time the same for unknown addresses.
  const dummyHash = hashPassword("not-a-real-password-for-timing", config.scryptCost);

  async function issueToken(
    tx: Tx,
    userId: string,
    purpose: repo.TokenPurpose,
    ttlMs: number,
    newEmail: string | null = null,
  ): Promise<string> {
    await repo.expireOpenTokens(tx, userId, purpose);
    const token = newToken();
    await repo.insertEmailToken(tx, {
      userId,
      purpose,
      tokenHash: hash(token),
      expiresAt: new Date(Date.now() + ttlMs),
      newEmail,
    });
    return token;
  }

  async function consumeToken(tx: Tx, token: string, purposes: repo.TokenPurpose[]) {
    const row = await repo.getEmailToken(tx, hash(token), purposes);
    if (!row) throw tokenError.invalid();
    if (row.usedAt) throw tokenError.used();
    if (row.expiresAt.getTime() <= Date.now()) throw tokenError.expired();
    if (!(await repo.markEmailTokenUsed(tx, row.id))) throw tokenError.used();
    return row;
  }

  async function startSession(tx: Tx, userId: string, context: RequestContext): Promise<string> {
    const token = newToken();
    await repo.createSession(tx, {
      tokenHash: hash(token),
      userId,
      expiresAt: new Date(Date.now() + config.sessionAbsoluteMs),
      userAgent: context.userAgent,
      ipAddress: context.ipAddress,
    });
    return token;
  }

  function checkOrganisationForSector(
    sector: Sector,
    organisationId: string | null | undefined,
    name: string | null | undefined,
  ) {
    if (SECTORS_NEEDING_ORGANISATION.has(sector) && !organisationId && !name) {
      throw fieldError(
        "organisationId",
        "Choose your organisation from the list, or select 'My organisation is not listed' and type its name",
      );
    }
  }

  /**
   * The current account: from this instance's cache when the version matches, else read and cached. Roles that have
   * lapsed since it was read are dropped here, on every request, because the passing of time bumps no version.
   */
  async function currentAccount(userId: string, accountVersion?: string): Promise<Me> {
    const cached = accountVersion ? accounts.get(userId, accountVersion) : null;
    const account = cached ?? (await loadAndCache(userId));
    const now = Date.now();
    const live = account.roles.filter((r) => r.expiresAt === null || Date.parse(r.expiresAt) > now);
    return live.length === account.roles.length ? account : { ...account, roles: live };
  }

  async function loadAndCache(userId: string): Promise<Me> {
    const snapshot = await repo.loadAccount(database, userId);
    if (!snapshot) throw notFound("Your account");
    accounts.set(snapshot);
    return snapshot.account;
  }

  async function toAdminUsers(
    tx: Tx,
    rows: Array<{ user: repo.UserRow; organisationName: string | null }>,
  ): Promise<AdminUser[]> {
    const grants = await repo.listRoleGrants(
      tx,
      rows.map((r) => r.user.id),
    );
    return rows.map(({ user, organisationName }) => ({
      id: user.id,
      email: user.email,
      emailVerified: user.emailVerifiedAt !== null,
      givenName: user.givenName,
      familyName: user.familyName,
      sector: user.sector,
      organisationName: organisationName ?? user.organisationNameOther,
      status: user.status,
      expiredReason: user.expiredReason,
      createdAt: user.createdAt.toISOString(),
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
      roles: grants
        .filter((g) => g.userId === user.id)
        .map(({ id, role, organisationId, organisationName: orgName, expiresAt }) => ({
          id,
          role,
          organisationId,
          organisationName: orgName,
          expiresAt: expiresAt?.toISOString() ?? null,
        })),
    }));
  }

  async function adminUser(tx: Tx, userId: string): Promise<AdminUser> {
    const found = await repo.getUserWithOrganisation(tx, userId);
    if (!found) throw notFound("The user");
    const [user] = await toAdminUsers(tx, [
      { user: found.user, organisationName: found.organisation?.name ?? null },
    ]);
    if (!user) throw notFound("The user");
    return user;
  }

  return {
    /** Looks up a session cookie; refreshes its idle timer at most once a minute to keep reads cheap. */
    async resolveSession(token: string): Promise<Actor | null> {
      const tokenHash = hash(token);
      const found = await repo.findLiveSession(database, tokenHash, config.sessionIdleMs);
      if (!found) {
        recentSessions.delete(tokenHash);
        return null;
      }
      let seenAt = found.lastSeenAt.getTime();
      if (Date.now() - seenAt > TOUCH_AFTER_MS) {
        await repo.touchSession(db, found.sessionId);
        seenAt = Date.now();
      }
      const account = await currentAccount(found.userId, found.accountVersion);
      const actor: Actor = {
        userId: account.id,
        sessionId: found.sessionId,
        email: account.email,
        emailVerified: account.emailVerified,
        roles: account.roles.map(({ role, organisationId }) => ({ role, organisationId })),
        account,
        learningVersion: found.learningVersion,
      };
      rememberSession(tokenHash, actor, seenAt);
      return actor;
    },

    /**
     * The person this session belonged to when this instance last resolved it, if that was under a minute after it
     * was last marked as seen (so it needs no touch yet) — NOT checked against the database now. Only for a route
     * whose own statement carries `liveSessionCondition` with `tokenHash` and falls back to resolveSession when that
     * statement does nothing (docs/decisions/0016).
     */
    recentSession(token: string): { actor: Actor; tokenHash: string } | null {
      const tokenHash = hash(token);
      const recent = recentSessions.get(tokenHash);
      if (!recent || Date.now() - recent.seenAt > TOUCH_AFTER_MS) return null;
      return { actor: recent.actor, tokenHash };
    },

    /** The hash a session token is stored under, for statements that check the session themselves. */
    sessionTokenHash(token: string): string {
      return hash(token);
    },

    /** The idle limit in seconds, for statements that check the session themselves. */
    sessionIdleSeconds: config.sessionIdleMs / 1000,

    /** Creates an account and emails a verification link; a taken address gets a notice instead, with the same answer. */
    async register(input: RegisterInput): Promise<string> {
      assertAcceptablePassword(input.password, "password", input.email);
      checkOrganisationForSector(input.sector, input.organisationId, input.organisationName);
      const passwordHash = await hashPassword(input.password, config.scryptCost);
      await db.transaction(async (tx) => {
        if (input.organisationId) await requireOrganisation(tx, input.organisationId);
        const created = await repo.insertUser(tx, {
          email: input.email,
          passwordHash,
          givenName: input.givenName,
          familyName: input.familyName,
          certificateName: `${input.givenName} ${input.familyName}`,
          sector: input.sector,
          organisationId: input.organisationId ?? null,
          organisationNameOther: input.organisationName ?? null,
          jobRole: input.jobRole || null,
          esrNumber: input.esrNumber ?? null,
        });
        if (!created) {
          const owner = await repo.getUserByEmail(tx, input.email);
          if (owner) {
            await mailer.enqueue(
              tx,
              emails.alreadyRegisteredMessage(
                owner.email,
                owner.givenName,
                `${config.publicUrl}/sign-in`,
                `${config.publicUrl}/forgot-password`,
              ),
            );
          }
          return;
        }
        await repo.insertRoleGrant(tx, {
          userId: created.id,
          role: "learner",
          organisationId: null,
          grantedBy: null,
        });
        const token = await issueToken(tx, created.id, "verify_email", VERIFY_TTL_MS);
        await mailer.enqueue(
          tx,
          emails.verifyEmailMessage(created.email, created.givenName, link("/verify-email", token)),
        );
      });
      return REGISTERED_MESSAGE;
    },

    /** Confirms an address from an emailed link: a new account's, or the new address of an email change. */
    async verifyEmail(token: string, context: RequestContext): Promise<string> {
      return db.transaction(async (tx) => {
        const row = await consumeToken(tx, token, ["verify_email", "change_email"]);
        const user = await repo.getUserById(tx, row.userId);
        if (!user) throw tokenError.invalid();
        if (row.purpose === "change_email" && row.newEmail) {
          const owner = await repo.getUserByEmail(tx, row.newEmail);
          if (owner && owner.id !== user.id)
            throw conflict(
              "That email address is now used by another account, so it cannot be added to yours.",
            );
          await repo.updateUser(tx, user.id, { email: row.newEmail, emailVerifiedAt: new Date() });
          await recordAudit(tx, context, {
            actorUserId: user.id,
            action: "account.email_changed",
            subjectType: "user",
            subjectId: user.id,
            details: { from: user.email, to: row.newEmail },
          });
          return "Your new email address is confirmed. Use it to sign in from now on.";
        }
        if (!user.emailVerifiedAt) await repo.updateUser(tx, user.id, { emailVerifiedAt: new Date() });
        return "Your email address is confirmed. You can now sign in.";
      });
    },

    /** Sends a fresh verification link if the address has an unverified account; the same answer either way. */
    async resendVerification(email: string, context: RequestContext): Promise<string> {
      await throttle(db, [
        { key: `resend:ip:${context.ipAddress}`, limit: config.rateLimits.resetPerIp },
        { key: `resend:acct:${email}`, limit: config.rateLimits.resetPerAccount },
      ]);
      await db.transaction(async (tx) => {
        const user = await repo.getUserByEmail(tx, email);
        if (!user || user.emailVerifiedAt || user.status !== "active") return;
        const token = await issueToken(tx, user.id, "verify_email", VERIFY_TTL_MS);
        await mailer.enqueue(
          tx,
          emails.verifyEmailMessage(user.email, user.givenName, link("/verify-email", token)),
        );
      });
      return RESEND_MESSAGE;
    },

    /** Checks credentials under throttling, then starts a new session (rotating any old one). Returns the cookie token. */
    async signIn(
      input: { email: string; password: string },
      context: RequestContext,
      previousSessionId: string | null,
    ): Promise<{ token: string; me: Me }> {
      const accountKey = `signin:acct:${input.email}`;
      await throttle(db, [
        { key: `signin:ip:${context.ipAddress}`, limit: config.rateLimits.signInPerIp },
        { key: accountKey, limit: config.rateLimits.signInPerAccount },
      ]);
      const user = await repo.getUserByEmail(db, input.email);
      const valid = user
        ? await verifyPassword(input.password, user.passwordHash)
        : await verifyPassword(input.password, await dummyHash);
      if (!user || !valid) {
        throw new AppError(
          401,
          "invalid_credentials",
          "The email address or password is not right. Check them and try again.",
        );
      }
      if (user.status === "expired") {
        throw new AppError(
          403,
          "account_expired",
          `Your account has expired${user.expiredReason ? `: ${user.expiredReason}` : ""}. Contact the QI Academy support team to re-activate it.`,
        );
      }
      const token = await db.transaction(async (tx) => {
        if (previousSessionId) await repo.deleteSession(tx, previousSessionId);
        const rehash = needsRehash(user.passwordHash, config.scryptCost)
          ? await hashPassword(input.password, config.scryptCost)
          : null;
        await repo.updateUser(tx, user.id, {
          lastSignInAt: new Date(),
          ...(rehash ? { passwordHash: rehash } : {}),
        });
        return startSession(tx, user.id, context);
      });
      await resetThrottle(db, accountKey);
      return { token, me: await currentAccount(user.id) };
    },

    /** Ends the current session. */
    async signOut(actor: Actor): Promise<void> {
      await repo.deleteSession(db, actor.sessionId);
    },

    /** Ends every session of the actor, this one included. */
    async signOutEverywhere(actor: Actor, context: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const ended = await repo.deleteSessionsForUser(tx, actor.userId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "account.signed_out_everywhere",
          subjectType: "user",
          subjectId: actor.userId,
          details: { sessions: ended },
        });
      });
    },

    /** Emails a reset link if the address has an active account; the same answer either way. */
    async forgotPassword(email: string, context: RequestContext): Promise<string> {
      await throttle(db, [
        { key: `reset:ip:${context.ipAddress}`, limit: config.rateLimits.resetPerIp },
        { key: `reset:acct:${email}`, limit: config.rateLimits.resetPerAccount },
      ]);
      await db.transaction(async (tx) => {
        const user = await repo.getUserByEmail(tx, email);
        if (user?.status !== "active") return;
        const token = await issueToken(tx, user.id, "reset_password", RESET_TTL_MS);
        await mailer.enqueue(
          tx,
          emails.resetPasswordMessage(user.email, user.givenName, link("/reset-password", token)),
        );
      });
      return RESET_REQUESTED_MESSAGE;
    },

    /** Sets a new password from a reset link and ends every session of the account. */
    async resetPassword(
      input: { token: string; password: string },
      context: RequestContext,
    ): Promise<string> {
      await throttle(db, [{ key: `reset:ip:${context.ipAddress}`, limit: config.rateLimits.resetPerIp }]);
      const passwordHash = await hashPassword(input.password, config.scryptCost);
      await db.transaction(async (tx) => {
        const row = await consumeToken(tx, input.token, ["reset_password"]);
        const user = await repo.getUserById(tx, row.userId);
        if (!user) throw tokenError.invalid();
        assertAcceptablePassword(input.password, "password", user.email);
        await repo.updateUser(tx, user.id, {
          passwordHash,
          emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
        });
        await repo.deleteSessionsForUser(tx, user.id);
        await recordAudit(tx, context, {
          actorUserId: user.id,
          action: "account.password_reset",
          subjectType: "user",
          subjectId: user.id,
        });
        await mailer.enqueue(tx, emails.passwordChangedMessage(user.email, user.givenName));
      });
      return "Your password has been reset and you have been signed out on every device. Sign in with your new password.";
    },

    /** The signed-in person's own account, as current as this request's session check (no further query). */
    getMe(actor: Actor): Me {
      return actor.account;
    },

    /** Changes profile fields. Changing the certificate name asks for confirmation again unless confirmed in the same request. */
    async updateProfile(actor: Actor, input: ProfileUpdateInput): Promise<Me> {
      await db.transaction(async (tx) => {
        const user = await repo.getUserById(tx, actor.userId);
        if (!user) throw notFound("Your account");
        const changes: Partial<repo.NewUser> = {};
        if (input.givenName !== undefined) changes.givenName = input.givenName;
        if (input.familyName !== undefined) changes.familyName = input.familyName;
        const renamesCertificate =
          input.certificateName !== undefined && input.certificateName !== user.certificateName;
        const frozen = await hasStartedAccreditedCourse(tx, user.id);
        if (renamesCertificate && frozen) {
          throw new AppError(
            409,
            "certificate_name_frozen",
            "Your name for certificates cannot change now that you have started an accredited course, so that your certificates match your assessment record. If it is wrong, contact the support team.",
          );
        }
        if (
          (input.givenName !== undefined || input.familyName !== undefined) &&
          !user.certificateNameConfirmedAt &&
          input.certificateName === undefined &&
          !frozen
        ) {
          changes.certificateName = `${input.givenName ?? user.givenName} ${input.familyName ?? user.familyName}`;
        }
        if (input.certificateName !== undefined && !frozen) {
          changes.certificateName = input.certificateName;
          changes.certificateNameConfirmedAt = input.certificateNameConfirmed ? new Date() : null;
        } else if (input.certificateNameConfirmed) {
          changes.certificateNameConfirmedAt = new Date();
        }
        if (input.sector !== undefined) changes.sector = input.sector;
        if (input.organisationId !== undefined) {
          if (input.organisationId) await requireOrganisation(tx, input.organisationId);
          changes.organisationId = input.organisationId;
          if (input.organisationId) changes.organisationNameOther = null;
        }
        if (input.organisationName !== undefined) {
          changes.organisationNameOther = input.organisationName;
          if (input.organisationName) changes.organisationId = null;
        }
        if (input.jobRole !== undefined) changes.jobRole = input.jobRole || null;
        if (input.esrNumber !== undefined) changes.esrNumber = input.esrNumber;
        const sector = changes.sector ?? user.sector;
        const organisationId =
          changes.organisationId !== undefined ? changes.organisationId : user.organisationId;
        const organisationName =
          changes.organisationNameOther !== undefined
            ? changes.organisationNameOther
            : user.organisationNameOther;
        checkOrganisationForSector(sector, organisationId, organisationName);
        if (Object.keys(changes).length > 0) await repo.updateUser(tx, user.id, changes);
        if (changes.organisationId !== undefined) await clearTeamIfOutsideOrganisation(tx, user.id);
      });
      return currentAccount(actor.userId);
    },

    /** Starts an email change: the new address must be confirmed before it takes effect. Same answer if it is taken. */
    async changeEmail(
      actor: Actor,
      input: { newEmail: string; currentPassword: string },
      context: RequestContext,
    ): Promise<string> {
      await throttle(db, [{ key: `signin:acct:${actor.email}`, limit: config.rateLimits.signInPerAccount }]);
      const user = await repo.getUserById(db, actor.userId);
      if (!user) throw notFound("Your account");
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw fieldError("currentPassword", "Your current password is not right");
      }
      if (input.newEmail === user.email)
        throw fieldError("newEmail", "Enter a different email address from the one you use now");
      await db.transaction(async (tx) => {
        const owner = await repo.getUserByEmail(tx, input.newEmail);
        if (owner) {
          await mailer.enqueue(
            tx,
            emails.alreadyRegisteredMessage(
              owner.email,
              owner.givenName,
              `${config.publicUrl}/sign-in`,
              `${config.publicUrl}/forgot-password`,
            ),
          );
        } else {
          const token = await issueToken(tx, user.id, "change_email", VERIFY_TTL_MS, input.newEmail);
          await mailer.enqueue(
            tx,
            emails.confirmNewEmailMessage(input.newEmail, user.givenName, link("/verify-email", token)),
          );
        }
        await mailer.enqueue(tx, emails.emailChangeNoticeMessage(user.email, user.givenName, input.newEmail));
        await recordAudit(tx, context, {
          actorUserId: user.id,
          action: "account.email_change_requested",
          subjectType: "user",
          subjectId: user.id,
        });
      });
      return `We have sent a link to ${input.newEmail}. Your email address will change when you open it. Until then, keep using ${user.email}.`;
    },

    /** Changes the password given the current one; other sessions end, this one stays. */
    async changePassword(
      actor: Actor,
      input: { currentPassword: string; newPassword: string },
      context: RequestContext,
    ): Promise<string> {
      await throttle(db, [{ key: `signin:acct:${actor.email}`, limit: config.rateLimits.signInPerAccount }]);
      const user = await repo.getUserById(db, actor.userId);
      if (!user) throw notFound("Your account");
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw fieldError("currentPassword", "Your current password is not right");
      }
      assertAcceptablePassword(input.newPassword, "newPassword", user.email);
      const passwordHash = await hashPassword(input.newPassword, config.scryptCost);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, user.id, { passwordHash });
        await repo.deleteSessionsForUser(tx, user.id, actor.sessionId);
        await recordAudit(tx, context, {
          actorUserId: user.id,
          action: "account.password_changed",
          subjectType: "user",
          subjectId: user.id,
        });
        await mailer.enqueue(tx, emails.passwordChangedMessage(user.email, user.givenName));
      });
      return "Your password has been changed. You have been signed out on your other devices.";
    },

    /** Platform administrators search users; the search is audited (it shows other people's personal data). */
    async listUsers(
      actor: Actor,
      query: { q?: string; status?: "active" | "expired"; role?: Role; page: number; pageSize: number },
      context: RequestContext,
    ) {
      assertCanManageUsers(actor);
      return db.transaction(async (tx) => {
        const { rows, total } = await repo.searchUsers(tx, {
          q: query.q || undefined,
          status: query.status,
          role: query.role,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        });
        const items = await toAdminUsers(tx, rows);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "users.search",
          subjectType: "user",
          details: {
            filters: { q: query.q ?? null, status: query.status ?? null, role: query.role ?? null },
            page: query.page,
            rows: items.length,
          },
        });
        return { items, total, page: query.page, pageSize: query.pageSize };
      });
    },

    /** One user for administrators; audited. */
    async getUser(actor: Actor, userId: string, context: RequestContext): Promise<AdminUser> {
      assertCanManageUsers(actor);
      return db.transaction(async (tx) => {
        const user = await adminUser(tx, userId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "users.view",
          subjectType: "user",
          subjectId: userId,
        });
        return user;
      });
    },

    /** Expires an account: it cannot sign in (and is told why); its sessions end now. */
    async expireUser(
      actor: Actor,
      userId: string,
      reason: string,
      context: RequestContext,
    ): Promise<AdminUser> {
      assertCanManageUsers(actor);
      assertNotSelf(actor, userId, "expire");
      return db.transaction(async (tx) => {
        const user = await repo.getUserById(tx, userId);
        if (!user) throw notFound("The user");
        if (user.status === "expired") throw conflict("This account has already expired.");
        await repo.updateUser(tx, userId, {
          status: "expired",
          expiredAt: new Date(),
          expiredReason: reason,
        });
        const ended = await repo.deleteSessionsForUser(tx, userId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "users.expire",
          subjectType: "user",
          subjectId: userId,
          details: { reason, sessionsEnded: ended },
        });
        return adminUser(tx, userId);
      });
    },

    /** Re-activates an expired account. */
    async reactivateUser(actor: Actor, userId: string, context: RequestContext): Promise<AdminUser> {
      assertCanManageUsers(actor);
      return db.transaction(async (tx) => {
        const user = await repo.getUserById(tx, userId);
        if (!user) throw notFound("The user");
        if (user.status === "active") throw conflict("This account is already active.");
        await repo.updateUser(tx, userId, { status: "active", expiredAt: null, expiredReason: null });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "users.reactivate",
          subjectType: "user",
          subjectId: userId,
        });
        return adminUser(tx, userId);
      });
    },

    /** Grants a role; learner administrator must name its organisation. */
    async grantRole(
      actor: Actor,
      userId: string,
      input: { role: Role; organisationId?: string | null },
      context: RequestContext,
    ): Promise<AdminUser> {
      assertCanManageUsers(actor);
      const organisationId = input.organisationId ?? null;
      if (ORGANISATION_SCOPED_ROLES.has(input.role) && !organisationId) {
        throw fieldError("organisationId", "Choose the organisation this learner administrator may see");
      }
      return db.transaction(async (tx) => {
        if (!(await repo.getUserById(tx, userId))) throw notFound("The user");
        if (organisationId && !(await findOrganisation(tx, organisationId))) {
          throw fieldError("organisationId", "Choose an organisation from the directory");
        }
        const added = await repo.insertRoleGrant(tx, {
          userId,
          role: input.role,
          organisationId,
          grantedBy: actor.userId,
        });
        if (!added) throw conflict("The user already has this role.");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "users.grant_role",
          subjectType: "user",
          subjectId: userId,
          details: { role: input.role, organisationId },
        });
        return adminUser(tx, userId);
      });
    },

    /** Removes a role grant; an administrator cannot remove their own administrator role, and one must remain. */
    async revokeRole(
      actor: Actor,
      userId: string,
      grantId: string,
      context: RequestContext,
    ): Promise<AdminUser> {
      assertCanManageUsers(actor);
      return db.transaction(async (tx) => {
        const grants = await repo.listRoleGrants(tx, [userId]);
        const grant = grants.find((g) => g.id === grantId);
        if (!grant) throw notFound("The role");
        if (grant.role === "platform_admin") {
          if (actor.userId === userId)
            throw forbidden(
              "You cannot remove your own administrator role. Ask another platform administrator.",
            );
          if ((await repo.countUsersWithRole(tx, "platform_admin")) <= 1)
            throw conflict("There must always be at least one platform administrator.");
        }
        await repo.deleteRoleGrant(tx, userId, grantId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "users.revoke_role",
          subjectType: "user",
          subjectId: userId,
          details: { role: grant.role, organisationId: grant.organisationId },
        });
        return adminUser(tx, userId);
      });
    },
  };
}

/** The accounts service's type, as routes and the seeder use it. */
export type AccountsService = ReturnType<typeof createAccountsService>;
