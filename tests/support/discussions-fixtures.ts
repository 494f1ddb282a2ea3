import { eq, sql } from "drizzle-orm";
import { comments, notifications } from "../../src/server/db/schema/index.js";
import type { TestContext } from "./test-app.js";

/**
 * Top-level comments on a step straight in the database (bypassing the posting rate limit), one second apart, the
 * newest last; returns their ids in that order.
 */
export async function insertStepComments(
  ctx: TestContext,
  options: {
    runId: string;
    stepId: string;
    authorId: string;
    count: number;
    likeCounts?: number[];
    prefix?: string;
  },
): Promise<string[]> {
  const start = Date.now() - options.count * 1000 - 60_000;
  const rows = await ctx.database.db
    .insert(comments)
    .values(
      Array.from({ length: options.count }, (_, i) => ({
        runId: options.runId,
        stepId: options.stepId,
        authorId: options.authorId,
        body: `${options.prefix ?? "Comment"} ${i + 1}`,
        likeCount: options.likeCounts?.[i] ?? 0,
        createdAt: new Date(start + i * 1000),
      })),
    )
    .returning({ id: comments.id, createdAt: comments.createdAt });
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => r.id);
}

/** Moves a comment's posting time back, e.g. past the edit window. */
export async function ageComment(ctx: TestContext, commentId: string, minutes: number): Promise<void> {
  await ctx.database.db
    .update(comments)
    .set({ createdAt: sql`${comments.createdAt} - make_interval(mins => ${minutes})` })
    .where(eq(comments.id, commentId));
}

/** Sets a comment's moderation state straight in the database. */
export async function setCommentState(
  ctx: TestContext,
  commentId: string,
  state: "visible" | "hidden" | "removed" | "deleted",
): Promise<void> {
  await ctx.database.db.update(comments).set({ state }).where(eq(comments.id, commentId));
}

/** A comment's row. */
export async function commentRow(ctx: TestContext, commentId: string) {
  const [row] = await ctx.database.db.select().from(comments).where(eq(comments.id, commentId));
  return row;
}

/** Notifications for one person, oldest first. */
export async function notificationsOf(ctx: TestContext, userId: string) {
  return ctx.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt);
}

/** Every comment in a run (for checks that nothing was written). */
export async function commentCountOfRun(ctx: TestContext, runId: string): Promise<number> {
  const rows = await ctx.database.db
    .select({ id: comments.id })
    .from(comments)
    .where(eq(comments.runId, runId));
  return rows.length;
}
