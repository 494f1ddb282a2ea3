import { auditEvents } from "../db/schema/index.js";
import type { Tx } from "./db.js";

/** Where a request came from, for audit records. Built by routes from the request; services never see the request. */
export interface RequestContext {
  requestId: string;
  ipAddress: string;
  userAgent: string | null;
}

/** One audit record: who did or saw what. */
export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

/** Writes an audit record in the caller's transaction, so the record and the act stand or fall together. */
export async function recordAudit(tx: Tx, context: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId: entry.subjectId ?? null,
    details: entry.details ?? null,
    requestId: context.requestId,
    ipAddress: context.ipAddress,
  });
}
