import {
  ACCESS_MONTHS_GRANTED,
  type AccessEnded,
  type AccessRevokeInput,
  type AdminApplication,
  type AdminApplicationPage,
  type AdminApplicationSummary,
  type Application,
  type ApplicationApproveInput,
  type ApplicationCreateInput,
  type ApplicationQuery,
  type ApplicationRejectInput,
  type LearnerAdminOverview,
  NOMINATION_LINK_DAYS,
  NOMINEE_FIELDS,
  NOMINEE_ROLE_PHRASES,
  NOMINEE_ROLES,
  type Nomination,
  type NominationAnswer,
  type Nominee,
  OPEN_APPLICATION_STATUSES,
  type ProgressVisibility,
  RENEWAL_OPENS_DAYS,
} from "../../../shared/learner-admin.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import { hashToken, newToken } from "../../platform/crypto.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { throttle } from "../../platform/rate-limit.js";
import * as emails from "./learner-admin.emails.js";
import {
  assertCanDecideApplications,
  assertOwnAccess,
  assertOwnApplication,
} from "./learner-admin.policy.js";
import * as repo from "./learner-admin.repository.js";

/** What the learner administrator access service needs. */
export interface LearnerAdminDeps {
  db: Db;
  config: AppConfig;
  mailer: Mailer;
  now?: () => Date;
}

const DAY_MS = 86_400_000;

/** 422: the application cannot be accepted as it stands; names the field to change where there is one. */
function refused(message: string, field?: string): AppError {
  return new AppError(422, "application_refused", message, [field ? { field, message } : { message }]);
}

/** 410: the nominee's link was used, has expired, or its application has ended. Says no more than that. */
function linkGone(message: string): AppError {
  return new AppError(410, "link_gone", message);
}

/** The same instant `months` calendar months later (the end of access). */
export function addMonths(at: Date, months: number): Date {
  const end = new Date(at.getTime());
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

/** True when access ending at `expiresAt` may be renewed at `now` (60 days before the end, or after it). */
export function renewalOpen(expiresAt: Date | null, now: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() - now.getTime() <= RENEWAL_OPENS_DAYS * DAY_MS;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;
const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`.trim();

function toNominee(row: repo.NomineeRow): Nominee {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    email: row.email,
    status: row.status,
    sentAt: row.sentAt.toISOString(),
    respondedAt: iso(row.respondedAt),
    linkExpiresAt: row.status === "pending" ? iso(row.tokenExpiresAt) : null,
  };
}

function toApplication(
  row: { application: repo.ApplicationRow; organisationName: string },
  nominees: repo.NomineeRow[],
): Application {
  const a = row.application;
  return {
    id: a.id,
    organisation: { id: a.organisationId, name: row.organisationName },
    kind: a.kind,
    status: a.status,
    reason: a.reason,
    createdAt: a.createdAt.toISOString(),
    decidedAt: iso(a.decidedAt),
    decisionReason: a.decisionReason,
    nominees: nominees.filter((n) => n.applicationId === a.id).map(toNominee),
  };
}

/**
 * Learner administrator access: a member of an organisation applies naming three nominees, who each confirm or decline
 * through a single-use emailed link; a platform administrator then approves (a learner_admin role for 12 months) or
 * rejects. Access ends when it lapses, when its holder gives it up, or when an administrator revokes it.
 */
export function createLearnerAdminService(deps: LearnerAdminDeps) {
  const { db, config, mailer } = deps;
  const clock = deps.now ?? (() => new Date());
  const myPageUrl = `${config.publicUrl}/account/learner-administrator`;
  const nominationUrl = (token: string) =>
    `${config.publicUrl}/nominations/respond?token=${encodeURIComponent(token)}`;
  const adminUrl = (id: string) =>
    `${config.publicUrl}/admin/learner-administrators/${encodeURIComponent(id)}`;
  const mailContext = (a: repo.ApplicationWithPeople): emails.ApplicationMailContext => ({
    applicantName: fullName(a.applicant),
    organisationName: a.organisationName,
    kind: a.application.kind,
  });
  const newLink = (now: Date) => {
    const token = newToken();
    return {
      token,
      tokenHash: hashToken(token, config.sessionSecret),
      tokenExpiresAt: new Date(now.getTime() + NOMINATION_LINK_DAYS * DAY_MS),
    };
  };

  /** Organisations the actor may apply for, or why they may not apply at all. */
  async function applyOptions(tx: Tx, actor: Actor, lock = false) {
    const applicant = await repo.getApplicant(tx, actor.userId, lock);
    if (!applicant) throw notFound("Your account");
    const cannotApply = !applicant.emailVerifiedAt
      ? "Confirm your email address before you apply. We sent you a link when you created your account."
      : !applicant.organisationId
        ? "Choose your organisation from the list on your account page before you apply. Learner administrator access is only for organisations in our directory."
        : null;
    const organisations = applicant.organisationId
      ? await repo.listOrganisationsBelow(tx, applicant.organisationId)
      : [];
    return { applicant, cannotApply, organisations };
  }

  /** The nominee and application behind a link, or why the link no longer works. */
  async function nominationFor(tx: Tx, token: string, lock: boolean) {
    const nominee = await repo.getNomineeByTokenHash(tx, hashToken(token, config.sessionSecret));
    if (!nominee) throw notFound("This link");
    const found = await repo.getApplication(tx, nominee.applicationId, lock);
    if (!found) throw notFound("This link");
    if (nominee.status !== "pending")
      throw linkGone(
        "This link has already been used. Each link works once, and your answer has been recorded.",
      );
    if (!nominee.tokenExpiresAt || nominee.tokenExpiresAt.getTime() <= clock().getTime())
      throw linkGone(
        `This link has expired. Links work for ${NOMINATION_LINK_DAYS} days. Ask the person who applied to send you a new one.`,
      );
    if (found.application.status !== "awaiting_nominees")
      throw linkGone("This application is no longer waiting for answers, so there is nothing to do.");
    return { nominee, found };
  }

  async function adminView(tx: Tx, id: string): Promise<AdminApplication> {
    const found = await repo.getApplication(tx, id);
    if (!found) throw notFound("The application");
    const nominees = await repo.listNominees(tx, [id]);
    const a = found.application;
    const now = clock();
    return {
      ...toSummary({
        application: a,
        organisationName: found.organisationName,
        applicant: found.applicant,
        confirmedNominees: nominees.filter((n) => n.status === "confirmed").length,
      }),
      reason: a.reason,
      nominees: nominees.map(toNominee),
      decidedAt: iso(a.decidedAt),
      decidedByName:
        found.deciderGivenName === null
          ? null
          : `${found.deciderGivenName} ${found.deciderFamilyName ?? ""}`.trim(),
      decisionReason: a.decisionReason,
      access: a.userRoleId
        ? {
            roleId: a.userRoleId,
            expiresAt: iso(found.roleExpiresAt),
            active: found.roleExpiresAt === null || found.roleExpiresAt.getTime() > now.getTime(),
          }
        : null,
    };
  }

  function toSummary(row: {
    application: repo.ApplicationRow;
    organisationName: string;
    applicant: { id: string; email: string; givenName: string; familyName: string; jobRole: string | null };
    confirmedNominees: number;
  }): AdminApplicationSummary {
    return {
      id: row.application.id,
      applicant: {
        id: row.applicant.id,
        name: fullName(row.applicant),
        email: row.applicant.email,
        jobRole: row.applicant.jobRole,
      },
      organisation: { id: row.application.organisationId, name: row.organisationName },
      kind: row.application.kind,
      status: row.application.status,
      createdAt: row.application.createdAt.toISOString(),
      confirmedNominees: Number(row.confirmedNominees),
    };
  }

  /** An application awaiting a decision, locked; 404 unknown, 409 not awaiting a decision. */
  async function awaitingDecision(tx: Tx, id: string) {
    const found = await repo.getApplication(tx, id, true);
    if (!found) throw notFound("The application");
    if (found.application.status !== "awaiting_decision")
      throw conflict(
        found.application.status === "awaiting_nominees"
          ? "This application is still waiting for its nominees to confirm. It can be decided once all three have."
          : "This application has already been decided or has ended, so it cannot be decided again.",
      );
    return found;
  }

  return {
    /** The applicant's page: access held, applications with each nominee's answer, and what they may apply for. */
    async overview(actor: Actor): Promise<LearnerAdminOverview> {
      const now = clock();
      const { cannotApply, organisations } = await applyOptions(db, actor);
      const access = await repo.listActiveAccess(db, actor.userId, now);
      const applications = await repo.listApplicationsForApplicant(db, actor.userId);
      const nominees = await repo.listNominees(
        db,
        applications.map((a) => a.application.id),
      );
      return {
        access: access.map((a) => ({
          roleId: a.roleId,
          organisation: { id: a.organisationId, name: a.organisationName },
          grantedAt: a.grantedAt.toISOString(),
          expiresAt: iso(a.expiresAt),
          renewalOpen: renewalOpen(a.expiresAt, now),
        })),
        applications: applications.map((a) => toApplication(a, nominees)),
        organisations,
        cannotApply,
      };
    },

    /** Applies (or renews), emailing each nominee a single-use link in the same transaction. */
    async apply(actor: Actor, input: ApplicationCreateInput, context: RequestContext): Promise<Application> {
      const now = clock();
      const emailsGiven = NOMINEE_ROLES.map((role) => ({ role, email: input[NOMINEE_FIELDS[role].email] }));
      return db.transaction(async (tx) => {
        const { applicant, cannotApply, organisations } = await applyOptions(tx, actor, true);
        if (cannotApply) throw refused(cannotApply);
        const organisation = organisations.find((o) => o.id === input.organisationId);
        if (!organisation)
          throw refused(
            "Choose your own organisation or one below it. To apply for another organisation, first change your organisation on your account page.",
            "organisationId",
          );
        const own = applicant.email.toLowerCase();
        for (const { role, email } of emailsGiven) {
          if (email === own)
            throw refused(
              `You cannot be your own ${NOMINEE_ROLE_PHRASES[role]}. Enter the email address of someone else who can confirm your application.`,
              NOMINEE_FIELDS[role].email,
            );
        }
        for (const [i, { role, email }] of emailsGiven.entries()) {
          const earlier = emailsGiven.slice(0, i).find((e) => e.email === email);
          if (earlier)
            throw refused(
              `Enter a different person for each nominee. This email address is also given for your ${NOMINEE_ROLE_PHRASES[earlier.role]}.`,
              NOMINEE_FIELDS[role].email,
            );
        }
        if (await repo.findOpenApplication(tx, actor.userId, organisation.id))
          throw refused(
            `You already have an open application for ${organisation.name}. Wait for it to be decided, or withdraw it first.`,
            "organisationId",
          );
        const role = await repo.getLearnerAdminRole(tx, actor.userId, organisation.id);
        if (role && !renewalOpen(role.expiresAt, now))
          throw refused(
            role.expiresAt
              ? `You already have learner administrator access for ${organisation.name} until ${emails.formatDay(role.expiresAt)}. You can renew it from ${RENEWAL_OPENS_DAYS} days before then.`
              : `You already have learner administrator access for ${organisation.name}, and it does not end.`,
            "organisationId",
          );
        const application = await repo.insertApplication(tx, {
          applicantId: actor.userId,
          organisationId: organisation.id,
          kind: role ? "renewal" : "new",
          reason: input.reason,
          createdAt: now,
        });
        const links = NOMINEE_ROLES.map(() => newLink(now));
        const nominees = await repo.insertNominees(
          tx,
          NOMINEE_ROLES.map((nomineeRole, i) => ({
            applicationId: application.id,
            role: nomineeRole,
            name: input[NOMINEE_FIELDS[nomineeRole].name],
            email: input[NOMINEE_FIELDS[nomineeRole].email],
            tokenHash: links[i]?.tokenHash ?? "",
            tokenExpiresAt: links[i]?.tokenExpiresAt ?? now,
            sentAt: now,
          })),
        );
        const ctx: emails.ApplicationMailContext = {
          applicantName: fullName(applicant),
          organisationName: organisation.name,
          kind: application.kind,
        };
        for (const [i, nomineeRole] of NOMINEE_ROLES.entries()) {
          const link = links[i];
          if (!link) continue;
          await mailer.enqueue(
            tx,
            emails.nominationMessage(
              input[NOMINEE_FIELDS[nomineeRole].email],
              input[NOMINEE_FIELDS[nomineeRole].name],
              nomineeRole,
              ctx,
              nominationUrl(link.token),
              link.tokenExpiresAt,
            ),
          );
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.apply",
          subjectType: "learner_admin_application",
          subjectId: application.id,
          details: { organisationId: organisation.id, kind: application.kind },
        });
        return toApplication({ application, organisationName: organisation.name }, nominees);
      });
    },

    /** Sends a pending nominee a new link; the old one stops working. Throttled per nominee and per applicant. */
    async resend(
      actor: Actor,
      applicationId: string,
      nomineeId: string,
      context: RequestContext,
    ): Promise<Nominee> {
      const now = clock();
      const found = await repo.getApplication(db, applicationId);
      assertOwnApplication(actor, found?.application ?? null);
      await throttle(db, [
        { key: `learner-admin-resend:nominee:${nomineeId}`, limit: config.rateLimits.resetPerAccount },
        { key: `learner-admin-resend:user:${actor.userId}`, limit: config.rateLimits.resetPerIp },
      ]);
      return db.transaction(async (tx) => {
        const application = await repo.getApplication(tx, applicationId, true);
        if (!application) throw notFound("The application");
        const nominee = (await repo.listNominees(tx, [applicationId])).find((n) => n.id === nomineeId);
        if (!nominee) throw notFound("The nominee");
        if (application.application.status !== "awaiting_nominees")
          throw conflict(
            "This application is no longer waiting for its nominees, so there is nothing to send.",
          );
        if (nominee.status !== "pending")
          throw conflict(`${nominee.name} has already answered, so there is nothing to send.`);
        const link = newLink(now);
        const updated = await repo.replaceNomineeToken(tx, nomineeId, {
          tokenHash: link.tokenHash,
          tokenExpiresAt: link.tokenExpiresAt,
          sentAt: now,
        });
        if (!updated) throw conflict(`${nominee.name} has just answered, so there is nothing to send.`);
        await mailer.enqueue(
          tx,
          emails.nominationMessage(
            nominee.email,
            nominee.name,
            nominee.role,
            mailContext(application),
            nominationUrl(link.token),
            link.tokenExpiresAt,
          ),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.resend",
          subjectType: "learner_admin_application",
          subjectId: applicationId,
          details: { nomineeId, role: nominee.role },
        });
        return toNominee(updated);
      });
    },

    /** The applicant withdraws an open application; its links stop working. */
    async withdraw(actor: Actor, applicationId: string, context: RequestContext): Promise<Application> {
      const now = clock();
      return db.transaction(async (tx) => {
        const found = await repo.getApplication(tx, applicationId, true);
        assertOwnApplication(actor, found?.application ?? null);
        const updated = await repo.updateApplication(tx, applicationId, OPEN_APPLICATION_STATUSES, {
          status: "withdrawn",
          updatedAt: now,
        });
        if (!updated) throw conflict("This application has already ended, so it cannot be withdrawn.");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.withdraw",
          subjectType: "learner_admin_application",
          subjectId: applicationId,
        });
        return toApplication(
          { application: updated, organisationName: found?.organisationName ?? "" },
          await repo.listNominees(tx, [applicationId]),
        );
      });
    },

    /** What a nominee's link shows: who applied, for which organisation, as what, and why. */
    async nomination(token: string): Promise<Nomination> {
      const { nominee, found } = await nominationFor(db, token, false);
      return {
        applicantName: fullName(found.applicant),
        applicantEmail: found.applicant.email,
        applicantJobRole: found.applicant.jobRole,
        organisationName: found.organisationName,
        kind: found.application.kind,
        reason: found.application.reason,
        nomineeName: nominee.name,
        nomineeRole: nominee.role,
        linkExpiresAt: (nominee.tokenExpiresAt ?? clock()).toISOString(),
      };
    },

    /**
     * A nominee answers through their link (no sign-in). Confirming the third makes the application await a decision
     * and emails the platform administrators; a decline ends it and emails the applicant.
     */
    async answer(
      token: string,
      answer: { status: "confirmed" } | { status: "declined"; reason: string | null },
      context: RequestContext,
    ): Promise<NominationAnswer> {
      const now = clock();
      return db.transaction(async (tx) => {
        const { nominee, found } = await nominationFor(tx, token, true);
        const answered = await repo.answerNominee(tx, nominee.id, answer.status, now);
        if (!answered)
          throw linkGone(
            "This link has already been used. Each link works once, and your answer has been recorded.",
          );
        const applicationId = found.application.id;
        const ctx = mailContext(found);
        if (answer.status === "declined") {
          await repo.updateApplication(tx, applicationId, ["awaiting_nominees"], {
            status: "declined_by_nominee",
            updatedAt: now,
          });
          await mailer.enqueue(
            tx,
            emails.declinedByNomineeMessage(
              found.applicant.email,
              found.applicant.givenName,
              ctx,
              nominee.role,
              nominee.name,
              answer.reason,
              myPageUrl,
            ),
          );
        } else {
          const nominees = await repo.listNominees(tx, [applicationId]);
          if (nominees.length === NOMINEE_ROLES.length && nominees.every((n) => n.status === "confirmed")) {
            await repo.updateApplication(tx, applicationId, ["awaiting_nominees"], {
              status: "awaiting_decision",
              updatedAt: now,
            });
            for (const to of await repo.listPlatformAdminEmails(tx, now))
              await mailer.enqueue(tx, emails.awaitingDecisionMessage(to, ctx, adminUrl(applicationId)));
          }
        }
        await recordAudit(tx, context, {
          actorUserId: null,
          action:
            answer.status === "confirmed" ? "learner_admin.nominee_confirm" : "learner_admin.nominee_decline",
          subjectType: "learner_admin_application",
          subjectId: applicationId,
          details: {
            nomineeId: nominee.id,
            role: nominee.role,
            ...(answer.status === "declined" && answer.reason ? { reason: answer.reason } : {}),
          },
        });
        return { status: answer.status, applicantName: fullName(found.applicant) };
      });
    },

    /** The administrators' list by status; audited, as it shows applicants' names and addresses. */
    async list(
      actor: Actor,
      query: ApplicationQuery,
      context: RequestContext,
    ): Promise<AdminApplicationPage> {
      assertCanDecideApplications(actor);
      return db.transaction(async (tx) => {
        const { rows, total } = await repo.listApplications(
          tx,
          query.status,
          query.pageSize,
          (query.page - 1) * query.pageSize,
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.list",
          subjectType: "learner_admin_application",
          details: { status: query.status, page: query.page, rows: rows.length },
        });
        return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
      });
    },

    /** One application with its nominees' answers, for administrators; audited. */
    async get(actor: Actor, id: string, context: RequestContext): Promise<AdminApplication> {
      assertCanDecideApplications(actor);
      return db.transaction(async (tx) => {
        const view = await adminView(tx, id);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.view",
          subjectType: "learner_admin_application",
          subjectId: id,
        });
        return view;
      });
    },

    /** Approves: grants (or extends) learner_admin for the organisation for 12 months, and emails the applicant. */
    async approve(
      actor: Actor,
      id: string,
      input: ApplicationApproveInput,
      context: RequestContext,
    ): Promise<AdminApplication> {
      assertCanDecideApplications(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const found = await awaitingDecision(tx, id);
        const a = found.application;
        const expiresAt = addMonths(now, ACCESS_MONTHS_GRANTED);
        const roleId = await repo.upsertLearnerAdminRole(tx, {
          userId: a.applicantId,
          organisationId: a.organisationId,
          grantedBy: actor.userId,
          grantedAt: now,
          expiresAt,
        });
        const note = input.reason ? input.reason : null;
        await repo.updateApplication(tx, id, ["awaiting_decision"], {
          status: "approved",
          decidedBy: actor.userId,
          decidedAt: now,
          decisionReason: note,
          userRoleId: roleId,
          updatedAt: now,
        });
        await mailer.enqueue(
          tx,
          emails.approvedMessage(
            found.applicant.email,
            found.applicant.givenName,
            mailContext(found),
            expiresAt,
            note,
            myPageUrl,
          ),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.approve",
          subjectType: "learner_admin_application",
          subjectId: id,
          details: {
            applicantId: a.applicantId,
            organisationId: a.organisationId,
            roleId,
            expiresAt: expiresAt.toISOString(),
          },
        });
        return adminView(tx, id);
      });
    },

    /** Rejects with a reason the applicant is emailed. */
    async reject(
      actor: Actor,
      id: string,
      input: ApplicationRejectInput,
      context: RequestContext,
    ): Promise<AdminApplication> {
      assertCanDecideApplications(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const found = await awaitingDecision(tx, id);
        await repo.updateApplication(tx, id, ["awaiting_decision"], {
          status: "rejected",
          decidedBy: actor.userId,
          decidedAt: now,
          decisionReason: input.reason,
          updatedAt: now,
        });
        await mailer.enqueue(
          tx,
          emails.rejectedMessage(
            found.applicant.email,
            found.applicant.givenName,
            mailContext(found),
            input.reason,
            myPageUrl,
          ),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.reject",
          subjectType: "learner_admin_application",
          subjectId: id,
          details: { applicantId: found.application.applicantId, reason: input.reason },
        });
        return adminView(tx, id);
      });
    },

    /** The holder gives up access: the role row goes at once, so every session sees it on its next request. */
    async giveUp(actor: Actor, roleId: string, context: RequestContext): Promise<AccessEnded> {
      const now = clock();
      return db.transaction(async (tx) => {
        const role = await repo.getRole(tx, roleId);
        assertOwnAccess(actor, role);
        const removed = await repo.deleteLearnerAdminRole(tx, roleId);
        if (!removed) throw notFound("The access");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.give_up",
          subjectType: "user_role",
          subjectId: roleId,
          details: { organisationId: role.organisationId },
        });
        return { roleId, endedAt: now.toISOString() };
      });
    },

    /** A platform administrator revokes someone's access with a reason they are emailed. */
    async revoke(
      actor: Actor,
      roleId: string,
      input: AccessRevokeInput,
      context: RequestContext,
    ): Promise<AccessEnded> {
      assertCanDecideApplications(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const role = await repo.getRole(tx, roleId);
        if (role?.role !== "learner_admin") throw notFound("The access");
        const holder = await repo.getApplicant(tx, role.userId);
        const removed = await repo.deleteLearnerAdminRole(tx, roleId);
        if (!removed || !holder) throw notFound("The access");
        await mailer.enqueue(
          tx,
          emails.revokedMessage(
            holder.email,
            holder.givenName,
            role.organisationName ?? "",
            input.reason,
            myPageUrl,
          ),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "learner_admin.revoke",
          subjectType: "user_role",
          subjectId: roleId,
          details: { userId: role.userId, organisationId: role.organisationId, reason: input.reason },
        });
        return { roleId, endedAt: now.toISOString() };
      });
    },

    /** Organisations (mine, my team's, and every one above) with at least one active learner administrator. */
    async progressVisibility(actor: Actor): Promise<ProgressVisibility> {
      const applicant = await repo.getApplicant(db, actor.userId);
      const starts = [applicant?.organisationId, applicant?.teamId].filter((id): id is string => !!id);
      return { organisations: await repo.listWatchingOrganisations(db, starts, clock()) };
    },
  };
}

/** The learner administrator access service's type. */
export type LearnerAdminService = ReturnType<typeof createLearnerAdminService>;
