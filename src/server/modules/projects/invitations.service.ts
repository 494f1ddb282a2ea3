import {
  INVITATION_DAYS,
  type InvitationCreateInput,
  type InvitationView,
  type MemberUpdateInput,
  type PendingInvitation,
} from "../../../shared/project-contracts.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig, RateLimitConfig } from "../../platform/config.js";
import { hashToken, newToken } from "../../platform/crypto.js";
import type { Db, Tx } from "../../platform/db.js";
import { conflict, forbidden, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { throttle } from "../../platform/rate-limit.js";
import { assertCanEdit, assertCanManage, loadProjectAccess } from "./project-access.js";
import { projectInvitationMessage } from "./projects.emails.js";
import * as repo from "./projects.repository.js";

/** Invitations one person may send in an hour, across all their projects. */
export const INVITATIONS_PER_HOUR: RateLimitConfig = {
  windowSeconds: 3600,
  softLimit: 30,
  hardLimit: 30,
  slowDownMs: 0,
};

const DAY_MS = 86_400_000;
const LAST_LEAD =
  "A project must always have at least one lead. Make someone else a lead first, then try again.";

type InvitationRow = NonNullable<repo.InvitationRow>;

function stateOf(row: InvitationRow, now: Date): InvitationView["state"] {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "withdrawn";
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

function toView(row: InvitationRow, now: Date): InvitationView {
  return {
    id: row.id,
    projectId: row.projectId,
    projectTitle: row.projectTitle,
    role: row.role,
    responsibility: row.responsibility,
    invitedBy: row.invitedBy,
    expiresAt: row.expiresAt.toISOString(),
    state: stateOf(row, now),
  };
}

/** Refuses anyone but the person the invitation was sent to (compared without regard to case). */
function assertAddressee(actor: Actor, row: InvitationRow): void {
  if (row.email.toLowerCase() === actor.email.toLowerCase()) return;
  throw forbidden(
    "This invitation was sent to a different email address. Sign out and sign in with the address the invitation was sent to.",
  );
}

/** Refuses an invitation that can no longer be answered, saying why. */
function assertOpen(row: InvitationRow, now: Date): void {
  const state = stateOf(row, now);
  if (state === "accepted") throw conflict("This invitation has already been accepted.");
  if (state === "withdrawn") {
    throw conflict("This invitation was withdrawn or declined. Ask the project lead to invite you again.");
  }
  if (state === "expired") {
    throw conflict("This invitation has expired. Ask the project lead to invite you again.");
  }
}

/** Project teams: invitations by email, answering them, and managing members. */
export function createInvitationsService(deps: {
  db: Db;
  config: Pick<AppConfig, "sessionSecret" | "publicUrl">;
  mailer: Mailer;
  now?: () => Date;
}) {
  const { db, config, mailer } = deps;
  const clock = deps.now ?? (() => new Date());
  const hash = (token: string) => hashToken(token, config.sessionSecret);

  async function invitationForActor(tx: Tx, actor: Actor, invitationId: string, lock: boolean) {
    const row = await repo.getInvitationById(tx, invitationId, lock);
    if (!row) throw notFound("The invitation");
    assertAddressee(actor, row);
    return row;
  }

  return {
    /**
     * Invites an address to the team (leads). The answer is the same whether or not the address has an account;
     * a newer invitation to the same address replaces any open one.
     */
    async invite(
      actor: Actor,
      projectId: string,
      input: InvitationCreateInput,
    ): Promise<{ email: string; expiresAt: string }> {
      const access = await loadProjectAccess(db, projectId, actor);
      assertCanManage(access);
      await throttle(db, [{ key: `project-invite:${actor.userId}`, limit: INVITATIONS_PER_HOUR }]);
      const email = input.email;
      const expiresAt = new Date(clock().getTime() + INVITATION_DAYS * DAY_MS);
      await db.transaction(async (tx) => {
        if (await repo.isEmailOnTeam(tx, projectId, email)) {
          throw conflict(`${email} is already on the project team.`);
        }
        await repo.revokeOpenInvitationsTo(tx, projectId, email);
        const token = newToken();
        await repo.insertInvitation(tx, {
          projectId,
          email,
          tokenHash: hash(token),
          role: input.role,
          responsibility: input.responsibility,
          invitedBy: actor.userId,
          expiresAt,
        });
        await mailer.enqueue(
          tx,
          projectInvitationMessage(email, {
            inviterName: `${actor.account.givenName} ${actor.account.familyName}`,
            projectTitle: access.project.title,
            role: input.role,
            responsibility: input.responsibility,
            days: INVITATION_DAYS,
            url: `${config.publicUrl}/projects/invitation?token=${encodeURIComponent(token)}`,
          }),
        );
      });
      return { email, expiresAt: expiresAt.toISOString() };
    },

    /** A project's open invitations (the team). */
    async listForProject(actor: Actor, projectId: string): Promise<{ invitations: PendingInvitation[] }> {
      const access = await loadProjectAccess(db, projectId, actor);
      assertCanEdit(access);
      const rows = await repo.listOpenInvitations(db, projectId, clock());
      return {
        invitations: rows.map((r) => ({
          id: r.id,
          email: r.email,
          role: r.role,
          responsibility: r.responsibility,
          invitedBy: r.invitedBy,
          createdAt: r.createdAt.toISOString(),
          expiresAt: r.expiresAt.toISOString(),
        })),
      };
    },

    /** Withdraws an open invitation (leads). */
    async revoke(actor: Actor, projectId: string, invitationId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanManage(access);
        const row = await repo.getInvitationById(tx, invitationId, true);
        if (!row || row.projectId !== projectId) throw notFound("The invitation");
        if (!(await repo.markInvitationRevoked(tx, invitationId))) {
          throw conflict("This invitation has already been accepted, declined or withdrawn.");
        }
      });
    },

    /** Finds an invitation by its emailed token, for the person it was sent to. */
    async lookup(actor: Actor, token: string): Promise<InvitationView> {
      const row = await repo.getInvitationByTokenHash(db, hash(token));
      if (!row) throw notFound("The invitation");
      assertAddressee(actor, row);
      return toView(row, clock());
    },

    /** Accepts an invitation: the actor joins the team with the role offered, and says whether they may be named. */
    async accept(actor: Actor, invitationId: string, nameInLibrary: boolean): Promise<{ projectId: string }> {
      return db.transaction(async (tx) => {
        const row = await invitationForActor(tx, actor, invitationId, true);
        assertOpen(row, clock());
        await repo.markInvitationAccepted(tx, invitationId, actor.userId);
        const added = await repo.insertMember(tx, {
          projectId: row.projectId,
          userId: actor.userId,
          role: row.role,
          responsibility: row.responsibility,
          nameInLibrary,
        });
        if (!added) await repo.updateMember(tx, row.projectId, actor.userId, { nameInLibrary });
        await repo.touchProject(tx, row.projectId);
        return { projectId: row.projectId };
      });
    },

    /** Declines an invitation (the person it was sent to). */
    async decline(actor: Actor, invitationId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await invitationForActor(tx, actor, invitationId, true);
        assertOpen(row, clock());
        await repo.markInvitationRevoked(tx, invitationId);
      });
    },

    /**
     * Changes a member: leads change role and responsibility; each member changes only their own consent to be
     * named. The last lead cannot step down.
     */
    async updateMember(
      actor: Actor,
      projectId: string,
      userId: string,
      input: MemberUpdateInput,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanEdit(access);
        await repo.lockProject(tx, projectId);
        const member = await repo.getMember(tx, projectId, userId);
        if (!member) throw notFound("The team member");
        if (input.role !== undefined || input.responsibility !== undefined) assertCanManage(access);
        if (input.nameInLibrary !== undefined && userId !== actor.userId) {
          throw forbidden("Only the team member themselves can say whether their name may be shown.");
        }
        if (
          input.role === "member" &&
          member.role === "lead" &&
          (await repo.countLeads(tx, projectId)) <= 1
        ) {
          throw conflict(LAST_LEAD);
        }
        await repo.updateMember(tx, projectId, userId, input);
      });
    },

    /** Removes a member (leads) or leaves (a member themselves); the last lead cannot go. */
    async removeMember(actor: Actor, projectId: string, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanEdit(access);
        if (userId !== actor.userId) assertCanManage(access);
        await repo.lockProject(tx, projectId);
        const member = await repo.getMember(tx, projectId, userId);
        if (!member) throw notFound("The team member");
        if (member.role === "lead" && (await repo.countLeads(tx, projectId)) <= 1) {
          throw conflict(LAST_LEAD);
        }
        await repo.deleteMember(tx, projectId, userId);
      });
    },
  };
}
