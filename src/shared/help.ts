import { z } from "zod";
import { EmailOnlySchema, type Role } from "./accounts.js";

/** Roles that maintain the help centre: content editors write the answers; platform administrators can do anything. */
export const HELP_EDITOR_ROLES: readonly Role[] = ["content_editor", "platform_admin"];

/** The help centre's sections, in the order the help page shows them. Articles name one by its value. */
export const HELP_CATEGORIES = [
  { value: "account", label: "Your account" },
  { value: "learning", label: "Learning and progress" },
  { value: "courses", label: "Courses and prices" },
  { value: "certificates", label: "Certificates" },
  { value: "accessibility", label: "Accessibility" },
  { value: "support", label: "Getting help" },
] as const;
/** One of the help centre's sections. */
export type HelpCategory = (typeof HELP_CATEGORIES)[number]["value"];
const CATEGORY_VALUES = HELP_CATEGORIES.map((c) => c.value) as [HelpCategory, ...HelpCategory[]];

/** A section's heading as people read it. */
export function helpCategoryLabel(category: HelpCategory): string {
  return HELP_CATEGORIES.find((c) => c.value === category)?.label ?? category;
}

/** What the contact form asks the message to be about; support sorts its mailbox by these. */
export const SUPPORT_TOPICS = [
  { value: "registering", label: "Registering and signing in" },
  { value: "enrolment_payment", label: "Enrolment and payment" },
  { value: "progress_technical", label: "Progress and technical problems" },
  { value: "certificates", label: "Certificates" },
  { value: "accessibility", label: "Accessibility" },
  { value: "other", label: "Something else" },
] as const;
/** One of SUPPORT_TOPICS. */
export type SupportTopic = (typeof SUPPORT_TOPICS)[number]["value"];
const TOPIC_VALUES = SUPPORT_TOPICS.map((t) => t.value) as [SupportTopic, ...SupportTopic[]];

/** A topic as people read it. */
export function supportTopicLabel(topic: SupportTopic): string {
  return SUPPORT_TOPICS.find((t) => t.value === topic)?.label ?? topic;
}

/** Longest contact-form message, in characters (the form shows a character count). */
export const SUPPORT_MESSAGE_MAX = 5000;
/** Longest help answer body, in characters of Markdown. */
export const HELP_BODY_MAX = 20_000;
/** Slugs the web app uses for its own help pages, so no answer may take them. */
export const RESERVED_HELP_SLUGS: readonly string[] = ["contact"];

/**
 * A support reference: "QIA-" and two groups of four characters from an alphabet without 0/O, 1/I/L and U, so it
 * can be read out over the phone and typed back without confusion.
 */
export const SUPPORT_REFERENCE_PATTERN = /^QIA-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

/** GET /api/help query: optional search words. */
export const HelpQuerySchema = z
  .object({ q: z.string().trim().max(200, "Search for 200 characters or fewer").optional() })
  .strict();
/** Parsed help centre query. */
export type HelpQuery = z.infer<typeof HelpQuerySchema>;

/** A question as the help centre lists it. */
export const HelpArticleLinkSchema = z.object({ slug: z.string(), title: z.string(), summary: z.string() });

/** A piece of a search snippet: plain text, marked where it matched the search words. */
export const SnippetPartSchema = z.object({ text: z.string(), match: z.boolean() });
/** One piece of a snippet. */
export type SnippetPart = z.infer<typeof SnippetPartSchema>;

/** GET /api/help: published answers grouped by section, or, with ?q=, the best matches first. */
export const HelpIndexSchema = z.object({
  query: z.string().nullable().describe("the search words, when there were any"),
  categories: z
    .array(
      z.object({
        category: z.enum(CATEGORY_VALUES),
        label: z.string(),
        articles: z.array(HelpArticleLinkSchema),
      }),
    )
    .describe("every section with published answers, in order; empty when searching"),
  results: z
    .array(
      HelpArticleLinkSchema.extend({
        category: z.enum(CATEGORY_VALUES),
        snippet: z.array(SnippetPartSchema).describe("a short excerpt of the answer, matches marked"),
      }),
    )
    .describe("answers matching the search words, best first; empty when not searching"),
});
/** The help centre's front page or search results. */
export type HelpIndex = z.infer<typeof HelpIndexSchema>;

/** GET /api/help/:slug: one answer, its Markdown rendered to sanitised HTML. */
export const HelpArticleSchema = z.object({
  id: z.string().describe("for content editors' edit link"),
  slug: z.string(),
  title: z.string(),
  category: z.enum(CATEGORY_VALUES),
  summary: z.string(),
  html: z.string().describe("the answer's Markdown rendered to sanitised HTML, headings from h2"),
  published: z.boolean().describe("false only when a content editor is looking at a draft"),
  updatedAt: z.string(),
  related: z.array(HelpArticleLinkSchema.omit({ summary: true })).describe("other answers in its section"),
});
/** One help answer as learners read it. */
export type HelpArticle = z.infer<typeof HelpArticleSchema>;

const slug = z
  .string()
  .trim()
  .min(3, "Enter a web address of at least 3 characters")
  .max(80, "The web address must be 80 characters or fewer")
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    "Use only lower-case letters, numbers and single hyphens in the web address, like where-to-find-my-esr-number",
  )
  .refine(
    (value) => !RESERVED_HELP_SLUGS.includes(value),
    "That web address is used by the help centre itself",
  );

/** POST /api/manage/help/articles and PUT /api/manage/help/articles/:id: everything a content editor sets. */
export const HelpArticleInputSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(5, "Enter the question, in at least 5 characters")
      .max(200, "The question must be 200 characters or fewer"),
    slug,
    category: z.enum(CATEGORY_VALUES, { error: "Select the section this answer belongs in" }),
    summary: z
      .string()
      .trim()
      .min(10, "Enter a short answer, in at least 10 characters")
      .max(300, "The short answer must be 300 characters or fewer"),
    body: z
      .string()
      .trim()
      .min(1, "Enter the full answer")
      .max(
        HELP_BODY_MAX,
        `The full answer must be ${HELP_BODY_MAX.toLocaleString("en-GB")} characters or fewer`,
      ),
    position: z
      .number({ error: "Enter the position as a whole number, like 10" })
      .int("Enter the position as a whole number, like 10")
      .min(0, "The position must be 0 or more")
      .max(9999, "The position must be 9999 or less"),
    published: z.boolean({ error: "Say whether the answer is published" }),
  })
  .strict();
/** What a content editor sends for an answer. */
export type HelpArticleInput = z.infer<typeof HelpArticleInputSchema>;

/** An answer as content editors edit it: the Markdown source, whether it is published. */
export const HelpArticleAdminSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  category: z.enum(CATEGORY_VALUES),
  summary: z.string(),
  body: z.string(),
  position: z.number().int(),
  published: z.boolean(),
  updatedAt: z.string(),
});
/** An editable answer. */
export type HelpArticleAdmin = z.infer<typeof HelpArticleAdminSchema>;

/** GET /api/manage/help/articles: every answer, published or not, by section and position. */
export const HelpArticleAdminListSchema = z.object({
  articles: z.array(HelpArticleAdminSchema.omit({ body: true, summary: true })),
});
/** The content editors' list of answers. */
export type HelpArticleAdminList = z.infer<typeof HelpArticleAdminListSchema>;

/** POST /api/help/preview: Markdown an editor is writing. */
export const HelpPreviewSchema = z
  .object({
    markdown: z
      .string()
      .max(
        HELP_BODY_MAX,
        `The full answer must be ${HELP_BODY_MAX.toLocaleString("en-GB")} characters or fewer`,
      ),
  })
  .strict();

/** The preview: the same sanitised HTML learners would see. */
export const HelpPreviewResultSchema = z.object({ html: z.string() });

/** POST /api/help/contact: a message for the support team. */
export const SupportRequestSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Enter your name")
      .max(100, "Your name must be 100 characters or fewer")
      .regex(/^[^\p{Cc}<>]+$/u, "Your name must not contain < or > or control characters"),
    email: EmailOnlySchema.shape.email,
    topic: z.enum(TOPIC_VALUES, { error: "Select what your message is about" }),
    message: z
      .string()
      .trim()
      .min(1, "Enter your message")
      .max(
        SUPPORT_MESSAGE_MAX,
        `Your message must be ${SUPPORT_MESSAGE_MAX.toLocaleString("en-GB")} characters or fewer`,
      ),
  })
  .strict();
/** A contact-form message. */
export type SupportRequestInput = z.infer<typeof SupportRequestSchema>;

/** 201 from POST /api/help/contact: the reference to quote. */
export const SupportRequestCreatedSchema = z.object({
  reference: z.string().describe('like "QIA-7K3M-9P2X"'),
});
