/** What a notification is about; each kind can be chosen for the daily email digest on its own. */
export const NOTIFICATION_KINDS = ["reply", "mention", "highlight", "announcement"] as const;
/** A notification's kind. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
