/** Query keys of notifications; everything under ["notifications"] refreshes when one is read or arrives. */
export const notificationKeys = {
  all: ["notifications"] as const,
  list: ["notifications", "list"] as const,
  unread: ["notifications", "unread"] as const,
  preferences: ["notification-preferences"] as const,
  announcements: (runId: string) => ["announcements", runId] as const,
};
