import { randomInt } from "node:crypto";
import {
  HELP_CATEGORIES,
  type HelpArticle,
  type HelpArticleAdmin,
  type HelpArticleAdminList,
  type HelpArticleInput,
  type HelpCategory,
  type HelpIndex,
  type SnippetPart,
  type SupportRequestInput,
} from "../../../shared/help.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import type { Database } from "../../platform/db.js";
import { AppError, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { renderMarkdown } from "../../platform/markdown.js";
import { throttle } from "../../platform/rate-limit.js";
import { supportAcknowledgementMessage, supportRequestMessage } from "./help.emails.js";
import { assertCanEditHelp, canEditHelp } from "./help.policy.js";
import * as repo from "./help.repository.js";

/** What the help service needs; `newReference` is replaceable so tests can force a clash. */
export interface HelpDeps {
  database: Database;
  config: AppConfig;
  mailer: Mailer;
  newReference?: () => string;
}

/** The most search results one query returns: a help centre has tens of answers, not thousands. */
const SEARCH_LIMIT = 20;
/** How many fresh references to draw before giving up (a clash is about one in 10^11 per draw). */
const REFERENCE_ATTEMPTS = 5;
/** Characters of a support reference: no 0/O, 1/I/L or U, which people misread or mistype. */
const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new support reference like "QIA-7K3M-9P2X", from the crypto-random generator (unbiased per character). */
export function newSupportReference(): string {
  const group = () => Array.from({ length: 4 }, () => REFERENCE_ALPHABET[randomInt(30)]).join("");
  return `QIA-${group()}-${group()}`;
}

/**
 * A search headline (ts_headline over the Markdown body, matches between MATCH_START and MATCH_END) as plain
 * text parts: link targets, emphasis, heading and list marks are dropped. Falls back to the summary when nothing
 * in the body matched (the words were in the title or summary).
 */
export function toSnippet(headline: string, summary: string): SnippetPart[] {
  const text = headline
    .replace(/!?\[([^\]]*)\]\([^)\s]*\)?/g, "$1")
    .replace(/\]\([^)\s]*\)?/g, " ")
    .replace(/(^|\n)[ \t]*(?:[-+*]|\d+\.)[ \t]+/g, "$1")
    .replace(/[*`#>|[\]]/g, "")
    .replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  // Each piece after a start mark opens with the matched words, up to the end mark.
  const [before = "", ...marked] = text.split(repo.MATCH_START);
  const parts: SnippetPart[] = [{ text: before.replaceAll(repo.MATCH_END, ""), match: false }];
  for (const piece of marked) {
    const [matched = "", ...after] = piece.split(repo.MATCH_END);
    parts.push({ text: matched, match: true }, { text: after.join(""), match: false });
  }
  const snippet = parts.filter((part) => part.text !== "");
  if (!snippet.some((part) => part.match)) return [{ text: summary, match: false }];
  return snippet;
}

/**
 * The search words joined with "or", for a second try when every word together found nothing: websearch_to_tsquery
 * reads "or" as either, and quotes and leading minus signs are dropped so no word becomes a phrase or an exclusion.
 * Null when there is only one word (the second try would be the same search).
 */
export function anyOfWords(q: string): string | null {
  const words = q
    .split(/\s+/)
    .map((word) => word.replace(/"/g, "").replace(/^-+/, ""))
    .filter((word) => word !== "" && word.toLowerCase() !== "or");
  return words.length > 1 ? words.join(" or ") : null;
}

const CATEGORY_ORDER = new Map<string, number>(HELP_CATEGORIES.map((c, index) => [c.value, index]));

/** A stored section name as a known one. Answers are only written through validated input, so this is a guard. */
function asCategory(value: string): HelpCategory {
  return HELP_CATEGORIES.find((c) => c.value === value)?.value ?? "support";
}

/** The conflict when an answer's web address is already used, placed against the slug field. */
function slugTaken(): AppError {
  const message = "Another answer already uses that web address. Choose a different one.";
  return new AppError(409, "conflict", message, [{ field: "slug", message }]);
}

function toAdmin(row: repo.HelpArticleRow): HelpArticleAdmin {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    category: asCategory(row.category),
    summary: row.summary,
    body: row.body,
    position: row.position,
    published: row.published,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The fields of an answer that an edit changed, for the audit record (names only, never the text). */
function changedFields(before: repo.HelpArticleRow, after: HelpArticleInput): string[] {
  const keys = ["title", "slug", "category", "summary", "body", "position", "published"] as const;
  return keys.filter((key) => before[key] !== after[key]);
}

/** The help centre: answers anyone can read and search, content editors maintain, and the contact form. */
export function createHelpService(deps: HelpDeps) {
  const { database, config, mailer } = deps;
  const db = database.db;
  const newReference = deps.newReference ?? newSupportReference;

  return {
    /**
     * Published answers by section, or with search words the best matches first, each with a snippet. Answers with
     * all the words come first; only when none has them all are answers with any of them shown.
     */
    async getIndex(q: string | undefined): Promise<HelpIndex> {
      const query = q?.trim() || null;
      if (query) {
        let rows = await repo.searchPublished(db, query, SEARCH_LIMIT);
        const anyOf = rows.length === 0 ? anyOfWords(query) : null;
        if (anyOf) rows = await repo.searchPublished(db, anyOf, SEARCH_LIMIT);
        return {
          query,
          categories: [],
          results: rows.map((row) => ({
            slug: row.slug,
            title: row.title,
            summary: row.summary,
            category: asCategory(row.category),
            snippet: toSnippet(row.headline, row.summary),
          })),
        };
      }
      const rows = await repo.listPublished(db);
      const categories = HELP_CATEGORIES.map((c) => ({
        category: c.value,
        label: c.label,
        articles: rows
          .filter((row) => asCategory(row.category) === c.value)
          .map(({ slug, title, summary }) => ({ slug, title, summary })),
      })).filter((c) => c.articles.length > 0);
      return { query: null, categories, results: [] };
    },

    /** One answer with its body as sanitised HTML; drafts only for people who may edit them, 404 for anyone else. */
    async getArticle(viewer: Actor | null, slug: string): Promise<HelpArticle> {
      const row = await repo.getBySlug(db, slug);
      if (!row || (!row.published && !canEditHelp(viewer))) throw notFound("The help page");
      const related = await repo.listPublishedInCategory(db, row.category, row.id);
      return {
        id: row.id,
        slug: row.slug,
        title: row.title,
        category: asCategory(row.category),
        summary: row.summary,
        html: renderMarkdown(row.body),
        published: row.published,
        updatedAt: row.updatedAt.toISOString(),
        related,
      };
    },

    /** The HTML learners would see for this Markdown, for the editor's preview. */
    preview(actor: Actor, markdown: string): { html: string } {
      assertCanEditHelp(actor);
      return { html: renderMarkdown(markdown) };
    },

    /** Every answer, drafts included, by section then position. */
    async listForEditors(actor: Actor): Promise<HelpArticleAdminList> {
      assertCanEditHelp(actor);
      const rows = await repo.listAll(db);
      const articles = rows
        .map((row) => ({
          id: row.id,
          slug: row.slug,
          title: row.title,
          category: asCategory(row.category),
          position: row.position,
          published: row.published,
          updatedAt: row.updatedAt.toISOString(),
        }))
        .sort((a, b) => (CATEGORY_ORDER.get(a.category) ?? 99) - (CATEGORY_ORDER.get(b.category) ?? 99));
      return { articles };
    },

    /** One answer's source, for its edit page. */
    async getForEditor(actor: Actor, id: string): Promise<HelpArticleAdmin> {
      assertCanEditHelp(actor);
      const row = await repo.getById(db, id);
      if (!row) throw notFound("The help answer");
      return toAdmin(row);
    },

    /** Adds an answer; its web address must be unused. Audited. */
    async createArticle(
      actor: Actor,
      input: HelpArticleInput,
      context: RequestContext,
    ): Promise<HelpArticleAdmin> {
      assertCanEditHelp(actor);
      return db.transaction(async (tx) => {
        const row = await repo.insertArticle(tx, { ...input, updatedBy: actor.userId });
        if (!row) throw slugTaken();
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "help.article_created",
          subjectType: "help_article",
          subjectId: row.id,
          details: { slug: row.slug, title: row.title, published: row.published },
        });
        return toAdmin(row);
      });
    },

    /** Replaces an answer's fields; its web address must stay unique. Audited with the names of the fields changed. */
    async updateArticle(
      actor: Actor,
      id: string,
      input: HelpArticleInput,
      context: RequestContext,
    ): Promise<HelpArticleAdmin> {
      assertCanEditHelp(actor);
      return db.transaction(async (tx) => {
        const before = await repo.getById(tx, id);
        if (!before) throw notFound("The help answer");
        if (input.slug !== before.slug && (await repo.slugTaken(tx, input.slug, id))) throw slugTaken();
        const row = await repo.updateArticle(tx, id, { ...input, updatedBy: actor.userId });
        if (!row) throw notFound("The help answer");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "help.article_updated",
          subjectType: "help_article",
          subjectId: id,
          details: {
            slug: row.slug,
            ...(before.slug !== row.slug ? { previousSlug: before.slug } : {}),
            changed: changedFields(before, input),
            published: row.published,
          },
        });
        return toAdmin(row);
      });
    },

    /** Deletes an answer for good. Audited with its address and question, so it can be written again. */
    async deleteArticle(actor: Actor, id: string, context: RequestContext): Promise<void> {
      assertCanEditHelp(actor);
      await db.transaction(async (tx) => {
        const row = await repo.deleteArticle(tx, id);
        if (!row) throw notFound("The help answer");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "help.article_deleted",
          subjectType: "help_article",
          subjectId: id,
          details: { slug: row.slug, title: row.title },
        });
      });
    },

    /**
     * Records a contact-form message under a new reference, emails it to the support mailbox and an
     * acknowledgement quoting the reference to the sender, all in one transaction. Throttled per address the
     * request came from and per email address given, so the form cannot be used to flood an inbox.
     */
    async contact(
      viewer: Actor | null,
      input: SupportRequestInput,
      context: RequestContext,
    ): Promise<string> {
      // The reset limits fit: like a reset request, each message sends an email to an address someone typed.
      await throttle(db, [
        { key: `contact:ip:${context.ipAddress}`, limit: config.rateLimits.resetPerIp },
        { key: `contact:email:${input.email}`, limit: config.rateLimits.resetPerAccount },
      ]);
      return db.transaction(async (tx) => {
        let created: { id: string; reference: string } | null = null;
        for (let attempt = 0; attempt < REFERENCE_ATTEMPTS && !created; attempt += 1) {
          created = await repo.insertSupportRequest(tx, {
            reference: newReference(),
            userId: viewer?.userId ?? null,
            name: input.name,
            email: input.email,
            topic: input.topic,
            message: input.message,
          });
        }
        if (!created) throw new Error(`no unused support reference after ${REFERENCE_ATTEMPTS} draws`);
        const { reference } = created;
        await mailer.enqueue(
          tx,
          supportRequestMessage(config.supportEmail, {
            reference,
            name: input.name,
            email: input.email,
            topic: input.topic,
            message: input.message,
            account: viewer ? { userId: viewer.userId, email: viewer.email } : null,
          }),
        );
        await mailer.enqueue(tx, supportAcknowledgementMessage(input.email, reference, input.topic));
        return reference;
      });
    },
  };
}

/** The help service's type, as the routes use it. */
export type HelpService = ReturnType<typeof createHelpService>;
