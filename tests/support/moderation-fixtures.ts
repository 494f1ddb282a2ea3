import { eq } from "drizzle-orm";
import { commentReports, comments, discussionTopics } from "../../src/server/db/schema/index.js";
import type { CommentState } from "../../src/shared/runs.js";
import { runSteps } from "./community-fixtures.js";
import type { TestContext } from "./test-app.js";

/**
 * A comment straight in the comments table (not through the discussions API), on the run's first step unless a
 * step or a board topic is given.
 */
export async function insertComment(
  ctx: TestContext,
  run: { id: string; courseId: string },
  options: { authorId: string; body?: string; state?: CommentState; stepId?: string; topicId?: string },
): Promise<{ id: string }> {
  const stepId = options.topicId ? null : (options.stepId ?? (await runSteps(ctx, run))[0]?.id ?? null);
  const [row] = await ctx.database.db
    .insert(comments)
    .values({
      runId: run.id,
      stepId,
      topicId: options.topicId ?? null,
      authorId: options.authorId,
      body: options.body ?? "A comment about measuring for improvement.",
      state: options.state ?? "visible",
    })
    .returning({ id: comments.id });
  if (!row) throw new Error("comment insert returned no row");
  return row;
}

/** A topic on the run's board, counting `commentCount` visible comments. */
export async function insertTopic(
  ctx: TestContext,
  run: { id: string },
  options: { authorId: string; title?: string; commentCount?: number },
): Promise<{ id: string }> {
  const [row] = await ctx.database.db
    .insert(discussionTopics)
    .values({
      runId: run.id,
      authorId: options.authorId,
      title: options.title ?? "Introduce yourself",
      commentCount: options.commentCount ?? 0,
    })
    .returning({ id: discussionTopics.id });
  if (!row) throw new Error("topic insert returned no row");
  return row;
}

/** A comment's row as stored. */
export async function commentRow(ctx: TestContext, id: string) {
  const [row] = await ctx.database.db.select().from(comments).where(eq(comments.id, id));
  return row;
}

/** The reports on a comment, open and resolved. */
export async function reportsOf(ctx: TestContext, commentId: string) {
  return ctx.database.db.select().from(commentReports).where(eq(commentReports.commentId, commentId));
}
