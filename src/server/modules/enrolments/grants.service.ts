import type { Grant, GrantCreateInput, GrantPage, GrantQuery } from "../../../shared/entitlements.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import { conflict, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { assertCanManageGrants } from "./entitlements.policy.js";
import { placeGivenMessage } from "./grants.emails.js";
import * as repo from "./grants.repository.js";

/** What the grants service needs. */
export interface GrantsDeps {
  db: Db;
  config: AppConfig;
  mailer: Mailer;
  now?: () => Date;
}

const fullName = (given: string | null, family: string | null) =>
  given === null ? null : `${given} ${family ?? ""}`.trim();

function toGrant(row: repo.GrantListRow): Grant {
  return {
    id: row.id,
    user: {
      id: row.user.id,
      name: `${row.user.givenName} ${row.user.familyName}`,
      email: row.user.email,
    },
    course: row.course,
    reason: row.reason,
    status: row.revokedAt ? "revoked" : row.enrolmentId ? "used" : "live",
    grantedByName: fullName(row.grantorGivenName, row.grantorFamilyName),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedByName: fullName(row.revokerGivenName, row.revokerFamilyName),
    enrolmentId: row.enrolmentId,
  };
}

async function loadGrant(tx: Tx, id: string): Promise<Grant> {
  const { rows } = await repo.listGrants(tx, { id }, 1, 0);
  const [row] = rows;
  if (!row) throw notFound("The place");
  return toGrant(row);
}

/**
 * Places on courses given by platform administrators: a learner with a live grant may enrol without paying (the
 * enrolment records the grant it used). Revoking stops a grant being used; an enrolment already made stands.
 */
export function createGrantsService(deps: GrantsDeps) {
  const { db, config, mailer } = deps;
  const clock = deps.now ?? (() => new Date());

  return {
    /** Grants matching the filters, newest first; audited, as the list shows learners' names and addresses. */
    async list(actor: Actor, query: GrantQuery, context: RequestContext): Promise<GrantPage> {
      assertCanManageGrants(actor);
      return db.transaction(async (tx) => {
        const filters: repo.GrantFilters = {};
        if (query.email) filters.email = query.email;
        if (query.courseId) filters.courseId = query.courseId;
        if (query.status) filters.status = query.status;
        const { rows, total } = await repo.listGrants(
          tx,
          filters,
          query.pageSize,
          (query.page - 1) * query.pageSize,
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "grants.search",
          subjectType: "enrolment_grant",
          details: {
            filters: {
              email: query.email ?? null,
              courseId: query.courseId ?? null,
              status: query.status ?? null,
            },
            page: query.page,
            rows: rows.length,
          },
        });
        return { items: rows.map(toGrant), total, page: query.page, pageSize: query.pageSize };
      });
    },

    /** Gives a learner a place and emails them a link to the course; 409 when they already have one or are enrolled. */
    async create(actor: Actor, input: GrantCreateInput, context: RequestContext): Promise<Grant> {
      assertCanManageGrants(actor);
      return db.transaction(async (tx) => {
        const user = input.userId
          ? await repo.findUserById(tx, input.userId)
          : await repo.findUserByEmail(tx, input.email ?? "");
        if (!user)
          throw notFound(
            input.email ? `An account with the email address ${input.email}` : "The learner's account",
          );
        const course = await repo.findPublishedCourse(tx, input.courseId);
        if (!course) throw notFound("The course");
        if (await repo.hasEnrolment(tx, user.id, course.id)) {
          throw conflict(
            `${user.givenName} ${user.familyName} is already enrolled on ${course.title}, so they do not need a place.`,
          );
        }
        const grant = await repo.insertGrant(tx, {
          userId: user.id,
          courseId: course.id,
          reason: input.reason,
          grantedBy: actor.userId,
          createdAt: clock(),
        });
        if (!grant) {
          throw conflict(
            `${user.givenName} ${user.familyName} already has a place on ${course.title}. Revoke it first if you want to give it again.`,
          );
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "grants.create",
          subjectType: "enrolment_grant",
          subjectId: grant.id,
          details: { userId: user.id, courseId: course.id, reason: input.reason },
        });
        await mailer.enqueue(
          tx,
          placeGivenMessage(
            user.email,
            user.givenName,
            course.title,
            `${config.publicUrl}/courses/${encodeURIComponent(course.id)}`,
          ),
        );
        return loadGrant(tx, grant.id);
      });
    },

    /** Revokes a live grant so it can no longer be used; an enrolment already made with it is kept. */
    async revoke(actor: Actor, id: string, context: RequestContext): Promise<Grant> {
      assertCanManageGrants(actor);
      return db.transaction(async (tx) => {
        const revoked = await repo.revokeGrant(tx, id, actor.userId, clock());
        if (!revoked) {
          if (await repo.grantExists(tx, id)) throw conflict("This place has already been revoked.");
          throw notFound("The place");
        }
        const grant = await loadGrant(tx, id);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "grants.revoke",
          subjectType: "enrolment_grant",
          subjectId: id,
          details: { userId: grant.user.id, courseId: grant.course.id, used: grant.enrolmentId !== null },
        });
        return grant;
      });
    },
  };
}

/** The grants service's type. */
export type GrantsService = ReturnType<typeof createGrantsService>;
