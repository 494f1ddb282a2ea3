import { eq, sql } from "drizzle-orm";
import type { FastifyBaseLogger as Logger } from "fastify";
import nodemailer from "nodemailer";
import { mailOutbox } from "../db/schema/index.js";
import { type Db, queryRows, type Tx } from "./db.js";

/** A message ready to send: plain text always, HTML alongside, and any extra headers (List-Unsubscribe). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Escapes text for HTML email bodies. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Builds an email from plain paragraphs and an optional link, as text and escaped HTML, signed "QI Academy", so every
 * message the platform sends reads alike. Line breaks inside a paragraph are kept.
 */
export function composeMail(
  to: string,
  subject: string,
  paragraphs: string[],
  link?: { url: string; label: string },
): MailMessage {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), "QI Academy"].join("\n\n");
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, "<br>\n")}</p>`),
    ...(link ? [`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`] : []),
    "<p>QI Academy</p>",
  ].join("\n");
  return { to, subject, text, html };
}

/** Queues mail inside the caller's transaction, so a message exists only if the change that caused it committed. */
export interface Mailer {
  enqueue: (tx: Tx, message: MailMessage) => Promise<void>;
}

/** Builds the mailer: with SMTP the outbox row is `pending` for the sender job; without, `stored` (the outbox is the inbox). */
export function createMailer(options: { smtp: boolean; logger: Logger }): Mailer {
  return {
    async enqueue(tx, message) {
      await tx.insert(mailOutbox).values({ ...message, status: options.smtp ? "pending" : "stored" });
      // Log who and what, never the body: it may hold a single-use link.
      options.logger.info(
        { to: message.to, subject: message.subject },
        options.smtp ? "mail queued" : "mail stored in outbox",
      );
    },
  };
}

const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;

/**
 * Sends pending outbox mail over SMTP. Each pass leases a batch with FOR UPDATE SKIP LOCKED, so several
 * instances can run it together and each message goes once. Once sent, the body is cleared from the outbox.
 */
export function startMailSender(options: {
  db: Db;
  smtpUrl: string;
  from: string;
  logger: Logger;
  intervalMs?: number;
}): {
  stop: () => Promise<void>;
  runOnce: () => Promise<number>;
} {
  const transport = nodemailer.createTransport(options.smtpUrl);
  let running: Promise<number> | null = null;
  const runOnce = async (): Promise<number> => {
    // Raw SQL: the lease needs SKIP LOCKED inside one UPDATE … RETURNING, which the query builder cannot express.
    const rows = await queryRows<{
      id: string;
      to_address: string;
      subject: string;
      body_text: string;
      body_html: string | null;
      headers: Record<string, string> | string | null;
    }>(
      options.db,
      sql`
      update mail_outbox set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
      where id in (
        select id from mail_outbox where status = 'pending' and next_attempt_at <= now()
        order by created_at limit 20 for update skip locked)
      returning id, to_address, subject, body_text, body_html, headers`,
    );
    let sent = 0;
    for (const row of rows) {
      try {
        await transport.sendMail({
          from: options.from,
          to: row.to_address,
          subject: row.subject,
          text: row.body_text,
          html: row.body_html ?? undefined,
          headers: typeof row.headers === "string" ? JSON.parse(row.headers) : (row.headers ?? undefined),
        });
        await options.db
          .update(mailOutbox)
          .set({ status: "sent", sentAt: new Date(), text: null, html: null, headers: null, lastError: null })
          .where(eq(mailOutbox.id, row.id));
        sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.logger.warn({ mailId: row.id, error: message }, "mail send failed");
        await options.db
          .update(mailOutbox)
          .set({
            lastError: message.slice(0, 500),
            status: sql`case when ${mailOutbox.attempts} >= ${MAX_ATTEMPTS} then 'failed'::mail_status else 'pending'::mail_status end`,
            nextAttemptAt: sql`now() + make_interval(secs => least(3600, 30 * power(2, ${mailOutbox.attempts})))`,
          })
          .where(eq(mailOutbox.id, row.id));
      }
    }
    return sent;
  };
  const timer = setInterval(() => {
    if (running) return;
    running = runOnce()
      .catch((error: unknown) => {
        options.logger.error({ err: error }, "mail sender pass failed");
        return 0;
      })
      .finally(() => {
        running = null;
      });
  }, options.intervalMs ?? 2000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
