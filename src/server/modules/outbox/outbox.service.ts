import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db } from "../../platform/db.js";
import { assertCanReadOutbox } from "../accounts/accounts.policy.js";
import * as repo from "./outbox.repository.js";

/** Platform administrators read the outbox (audited: it holds other people's mail). */
export async function listOutbox(
  db: Db,
  actor: Actor,
  query: { to?: string; page: number; pageSize: number },
  context: RequestContext,
) {
  assertCanReadOutbox(actor);
  return db.transaction(async (tx) => {
    const { rows, total } = await repo.listMessages(tx, {
      to: query.to || undefined,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "outbox.view",
      subjectType: "mail_outbox",
      details: { filters: { to: query.to ?? null }, page: query.page, rows: rows.length },
    });
    return {
      items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}
