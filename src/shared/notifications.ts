import { z } from "zod";
import { NOTIFICATION_KINDS, type NotificationKind } from "./notifications-kinds.js";

/**
 * In-app notifications, the daily email digest's preferences, one-click unsubscribe and run announcements (issue 7).
 * The kinds live in notifications-kinds.ts so the database schema can use them without zod.
 */

export { NOTIFICATION_KINDS, type NotificationKind };

/** A notification kind, validated. */
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** How each kind is named in settings, emails and the unsubscribe page ("You have unsubscribed from … emails"). */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  reply: "Replies to my comments",
  mention: "Mentions of me",
  highlight: "Highlights of my comments",
  announcement: "Facilitators' announcements",
};

/** A hint under each kind's checkbox on the settings page. */
export const NOTIFICATION_KIND_HINTS: Record<NotificationKind, string> = {
  reply: "When someone replies to a comment you wrote.",
  mention: "When someone mentions you with @ in a comment.",
  highlight: "When a facilitator highlights one of your comments.",
  announcement: "When a facilitator of a course run you are in sends an announcement.",
};

/** How many notifications a page of the list holds. */
export const NOTIFICATIONS_PAGE_SIZE = 20;

/** One notification as its owner sees it. */
export const NotificationSchema = z.object({
  id: z.string().uuid(),
  kind: NotificationKindSchema,
  /** Plain text, written when the notification was made. */
  summary: z.string(),
  /** A local path to open. */
  link: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  /** Who caused it, when someone did and still has an account. */
  actorName: z.string().nullable(),
});
/** One notification. */
export type Notification = z.infer<typeof NotificationSchema>;

/** A page of my notifications, newest first; nextCursor fetches the next (older) page. */
export const NotificationPageSchema = z.object({
  notifications: z.array(NotificationSchema),
  nextCursor: z.string().nullable(),
  unread: z.number().int().nonnegative(),
});
/** A page of notifications. */
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

/** ?cursor= from a previous page's nextCursor. */
export const NotificationListQuerySchema = z.object({
  cursor: z.string().uuid("Use the cursor from the previous page").optional(),
});

/** How many of my notifications are unread. */
export const UnreadCountSchema = z.object({ unread: z.number().int().nonnegative() });
/** The unread count. */
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

/** A notification's id in the path. */
export const NotificationParamsSchema = z.object({ id: z.string().uuid("Use a notification's id") });

/** The kinds I want in the daily email digest (none means no digest). */
export const NotificationPreferencesSchema = z
  .object({
    digestKinds: z
      .array(NotificationKindSchema, { error: "Choose from the kinds of notification listed" })
      .max(NOTIFICATION_KINDS.length)
      .refine((kinds) => new Set(kinds).size === kinds.length, "Choose each kind of notification once"),
  })
  .strict();
/** Digest preferences. */
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

/** The token from a one-click unsubscribe link. */
export const UnsubscribeInputSchema = z
  .object({
    token: z
      .string()
      .min(20, "This unsubscribe link is not complete. Copy the whole link from the email.")
      .max(200, "This unsubscribe link is not valid.")
      .regex(/^[A-Za-z0-9_-]+$/, "This unsubscribe link is not valid."),
  })
  .strict();
/** The form body RFC 8058 mail programs send to a List-Unsubscribe address. */
export const OneClickUnsubscribeSchema = z.object({
  "List-Unsubscribe": z.literal("One-Click", {
    error: "Send List-Unsubscribe=One-Click, as RFC 8058 one-click unsubscribe does.",
  }),
});
/** Unsubscribe input. */
export type UnsubscribeInput = z.infer<typeof UnsubscribeInputSchema>;

/**
 * What an unsubscribe link stopped: one kind, or every kind (kind null); alreadyUsed when it had been used before
 * (nothing changed this time). Nothing else about the person is said: whoever holds the link is not signed in.
 */
export const UnsubscribeResultSchema = z.object({
  kind: NotificationKindSchema.nullable(),
  /** "replies to my comments" or "all QI Academy digest" — fits "You have unsubscribed from … emails". */
  stopped: z.string(),
  alreadyUsed: z.boolean(),
});
/** Unsubscribe result. */
export type UnsubscribeResult = z.infer<typeof UnsubscribeResultSchema>;

/** Words for "You have unsubscribed from … emails". */
export function unsubscribedWords(kind: NotificationKind | null): string {
  return kind === null ? "all daily digest" : `“${NOTIFICATION_KIND_LABELS[kind].toLowerCase()}” digest`;
}

/** Longest announcement subject, in characters. */
export const ANNOUNCEMENT_SUBJECT_MAX = 120;
/** Longest announcement body, in characters of Markdown. */
export const ANNOUNCEMENT_BODY_MAX = 5000;

/** A new announcement to a run's members. */
export const AnnouncementInputSchema = z
  .object({
    subject: z
      .string({ error: "Enter a subject" })
      .trim()
      .min(1, "Enter a subject")
      .max(ANNOUNCEMENT_SUBJECT_MAX, `Subject must be ${ANNOUNCEMENT_SUBJECT_MAX} characters or fewer`),
    body: z
      .string({ error: "Enter the announcement" })
      .trim()
      .min(1, "Enter the announcement")
      .max(
        ANNOUNCEMENT_BODY_MAX,
        `The announcement must be ${ANNOUNCEMENT_BODY_MAX.toLocaleString("en-GB")} characters or fewer`,
      ),
  })
  .strict();
/** Announcement input. */
export type AnnouncementInput = z.infer<typeof AnnouncementInputSchema>;

/** A run's id in the path. */
export const RunAnnouncementsParamsSchema = z.object({ runId: z.string().uuid("Use a course run's id") });

/** An announcement as members read it; bodyHtml is rendered from Markdown with raw HTML escaped. */
export const AnnouncementSchema = z.object({
  id: z.string().uuid(),
  runId: z.string().uuid(),
  subject: z.string(),
  body: z.string(),
  bodyHtml: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
/** One announcement. */
export type Announcement = z.infer<typeof AnnouncementSchema>;

/** A run's announcements, newest first, with the run's title and whether the reader may send one. */
export const AnnouncementListSchema = z.object({
  runTitle: z.string(),
  canAnnounce: z.boolean(),
  announcements: z.array(AnnouncementSchema),
});
/** The announcement list. */
export type AnnouncementList = z.infer<typeof AnnouncementListSchema>;

/** What sending an announcement did: the announcement and how many members were notified. */
export const AnnouncementCreatedSchema = z.object({
  announcement: AnnouncementSchema,
  notified: z.number().int().nonnegative(),
});
/** Sent announcement. */
export type AnnouncementCreated = z.infer<typeof AnnouncementCreatedSchema>;

/** The page where a run's members read its announcements; notifications link to one announcement on it. */
export function announcementsPath(runId: string, announcementId?: string): string {
  return `/runs/${runId}/announcements${announcementId ? `#announcement-${announcementId}` : ""}`;
}
