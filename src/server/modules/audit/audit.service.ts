import type { AuditEvent, AuditEventPage, AuditQuery } from "../../../shared/audit.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db } from "../../platform/db.js";
import { startOfUkDate } from "../enrolments/access-window.rules.js";
import { assertCanReadOwnAudit, assertCanSearchAudit } from "./audit.policy.js";
import * as repo from "./audit.repository.js";

const DAY_MS = 86_400_000;

function toEvent(row: repo.AuditRow): AuditEvent {
  const rows = row.details?.rows ?? row.details?.count;
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor:
      row.actorUserId === null || row.actorEmail === null
        ? null
        : {
            id: row.actorUserId,
            name: `${row.actorGivenName ?? ""} ${row.actorFamilyName ?? ""}`.trim(),
            email: row.actorEmail,
          },
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: row.details,
    rows: typeof rows === "number" ? rows : null,
    requestId: row.requestId,
    ipAddress: row.ipAddress,
  };
}

/** The day after a UK date, at midnight UK time (the end of a "to" filter, exclusive). */
function endOfUkDate(isoDate: string): Date {
  // noon of the next day is always the next UK date, whatever the clock change
  const next = new Date(startOfUkDate(isoDate).getTime() + DAY_MS + DAY_MS / 2);
  return startOfUkDate(next.toISOString().slice(0, 10));
}

/** The audit log: platform administrators search everything (and that search is audited); learner administrators read their own. */
export function createAuditService(deps: { db: Db }) {
  return {
    /** Searches every entry, newest first; the search itself is recorded with its filters and row count. */
    async search(actor: Actor, query: AuditQuery, context: RequestContext): Promise<AuditEventPage> {
      assertCanSearchAudit(actor);
      return deps.db.transaction(async (tx) => {
        const { rows, total } = await repo.search(
          tx,
          {
            actorText: query.actor || undefined,
            action: query.action || undefined,
            subjectType: query.subjectType || undefined,
            subjectId: query.subjectId || undefined,
            from: query.from ? startOfUkDate(query.from) : undefined,
            before: query.to ? endOfUkDate(query.to) : undefined,
          },
          query.pageSize,
          (query.page - 1) * query.pageSize,
        );
        const filters = Object.fromEntries(
          (["actor", "action", "subjectType", "subjectId", "from", "to"] as const)
            .filter((key) => query[key])
            .map((key) => [key, query[key]]),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "audit.searched",
          subjectType: "audit_event",
          details: { filters, page: query.page, rows: rows.length, total },
        });
        return { items: rows.map(toEvent), total, page: query.page, pageSize: query.pageSize };
      });
    },

    /** A learner administrator's own entries, newest first. */
    async mine(actor: Actor, query: { page: number; pageSize: number }): Promise<AuditEventPage> {
      assertCanReadOwnAudit(actor);
      const { rows, total } = await repo.search(
        deps.db,
        { actorUserId: actor.userId },
        query.pageSize,
        (query.page - 1) * query.pageSize,
      );
      return { items: rows.map(toEvent), total, page: query.page, pageSize: query.pageSize };
    },
  };
}
