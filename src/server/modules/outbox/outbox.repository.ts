import { count, desc, eq } from "drizzle-orm";
import { mailOutbox } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A page of outbox messages, newest first, optionally for one recipient. */
export async function listMessages(tx: Tx, filter: { to?: string; limit: number; offset: number }) {
  const where = filter.to ? eq(mailOutbox.to, filter.to.toLowerCase()) : undefined;
  const [totalRow] = await tx.select({ n: count() }).from(mailOutbox).where(where);
  const rows = await tx
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      subject: mailOutbox.subject,
      text: mailOutbox.text,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .where(where)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return { rows, total: totalRow?.n ?? 0 };
}
