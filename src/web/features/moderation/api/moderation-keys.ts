/** Query keys of moderation; everything under ["moderation"] is refreshed after an action. */
export const moderationKeys = {
  all: ["moderation"] as const,
  overview: ["moderation", "overview"] as const,
  run: (runId: string) => ["moderation", "run", runId] as const,
  member: (runId: string, userId: string) => ["moderation", "member", runId, userId] as const,
};
