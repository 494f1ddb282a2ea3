import { and, count, desc, eq, gte, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import { auditEvents, users } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** Filters on the audit log, already turned into instants. */
export interface AuditFilter {
  actorText?: string;
  actorUserId?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  before?: Date;
}

/** An audit row with the actor's name and email. */
export interface AuditRow {
  id: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  actorGivenName: string | null;
  actorFamilyName: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
  ipAddress: string | null;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(filter: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.actorUserId) parts.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.actorText) {
    const pattern = like(filter.actorText);
    const actorMatch = or(
      ilike(users.email, pattern),
      // the full name as people type it, "Given Family"
      sql`(${users.givenName} || ' ' || ${users.familyName}) ilike ${pattern}`,
    );
    if (actorMatch) parts.push(actorMatch);
  }
  if (filter.action) parts.push(eq(auditEvents.action, filter.action));
  if (filter.subjectType) parts.push(eq(auditEvents.subjectType, filter.subjectType));
  if (filter.subjectId) parts.push(eq(auditEvents.subjectId, filter.subjectId));
  if (filter.from) parts.push(gte(auditEvents.occurredAt, filter.from));
  if (filter.before) parts.push(lt(auditEvents.occurredAt, filter.before));
  return parts.length > 0 ? and(...parts) : undefined;
}

/** One page of audit entries matching the filter, newest first, and how many match in all. */
export async function search(
  tx: Tx,
  filter: AuditFilter,
  limit: number,
  offset: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = conditions(filter);
  const [rows, [totalRow]] = await Promise.all([
    tx
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        actorUserId: auditEvents.actorUserId,
        actorEmail: users.email,
        actorGivenName: users.givenName,
        actorFamilyName: users.familyName,
        action: auditEvents.action,
        subjectType: auditEvents.subjectType,
        subjectId: auditEvents.subjectId,
        details: auditEvents.details,
        requestId: auditEvents.requestId,
        ipAddress: auditEvents.ipAddress,
      })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(where)
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(limit)
      .offset(offset),
    tx
      .select({ n: count() })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(where),
  ]);
  return { rows, total: totalRow?.n ?? 0 };
}
