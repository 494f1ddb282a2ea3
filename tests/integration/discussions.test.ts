import { ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../src/server/db/schema/index.js";
import type { Comment, LikeState, StepComments } from "../../src/shared/discussions.js";
import { buildFacilitator, buildRun, buildRunMember, runSteps } from "../support/community-fixtures.js";
import {
  ageComment,
  commentCountOfRun,
  commentRow,
  insertStepComments,
  notificationsOf,
  setCommentState,
} from "../support/discussions-fixtures.js";
import { auditFor, buildAdmin, buildUser, signIn } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
type Run = { id: string; courseId: string };
type Member = Awaited<ReturnType<typeof buildRunMember>>;
let run: Run;
let stepId: string;
let otherStepId: string;
let aisha: Member;
let ben: Member;
let suspended: Member;
let facilitator: Awaited<ReturnType<typeof buildFacilitator>>;
let outsiderCookie: string;
let adminCookie: string;

beforeAll(async () => {
  ctx = await createTestApp();
  run = await buildRun(ctx, { phase: "live" });
  const steps = await runSteps(ctx, run);
  stepId = steps[1]?.id ?? "";
  otherStepId = steps[2]?.id ?? "";
  aisha = await buildRunMember(ctx, run, { givenName: "Aisha", familyName: "Khan" });
  ben = await buildRunMember(ctx, run, { givenName: "Ben", familyName: "Okafor" });
  suspended = await buildRunMember(ctx, run, { suspended: true });
  facilitator = await buildFacilitator(ctx, run);
  const outsider = await buildUser(ctx);
  outsiderCookie = await signIn(ctx, outsider);
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
});

afterAll(async () => {
  await ctx?.close();
});

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function post(cookie: string, body: string, extra: Record<string, unknown> = {}, at = stepId) {
  const response = await call("POST", `/api/steps/${at}/comments`, cookie, { runId: run.id, body, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Comment;
}

async function list(cookie: string, query = "", at = stepId, runId = run.id) {
  const response = await call("GET", `/api/steps/${at}/comments?runId=${runId}${query}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as StepComments;
}

describe("step comments: who may read and post", () => {
  const id = "00000000-0000-4000-8000-000000000000";

  it("answers 401 on every endpoint when signed out", async () => {
    const requests: Array<[Method, string, unknown?]> = [
      ["GET", `/api/steps/${id}/comments?runId=${id}`],
      ["POST", `/api/steps/${id}/comments`, { runId: id, body: "x" }],
      ["PATCH", `/api/comments/${id}`, { body: "x" }],
      ["DELETE", `/api/comments/${id}`],
      ["PUT", `/api/comments/${id}/like`],
      ["DELETE", `/api/comments/${id}/like`],
      ["PUT", `/api/comments/${id}/highlight`],
      ["DELETE", `/api/comments/${id}/highlight`],
      ["PUT", `/api/comments/${id}/pin`],
      ["DELETE", `/api/comments/${id}/pin`],
      ["GET", `/api/runs/${id}/discussions/steps`],
    ];
    for (const [method, url, payload] of requests) {
      const response = await call(method, url, null, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it("lets members and the run's facilitators read; refuses people outside the run with 403", async () => {
    await list(aisha.cookie);
    await list(facilitator.cookie);
    await list(adminCookie);
    const outsider = await call("GET", `/api/steps/${stepId}/comments?runId=${run.id}`, outsiderCookie);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().message).toMatch(/not in this course run/);
    const otherFacilitator = await buildFacilitator(ctx);
    const response = await call(
      "GET",
      `/api/steps/${stepId}/comments?runId=${run.id}`,
      otherFacilitator.cookie,
    );
    expect(response.statusCode).toBe(403);
  });

  it("answers 404 for an unknown run, an unknown step, and a step of another course", async () => {
    expect((await call("GET", `/api/steps/${stepId}/comments?runId=${id}`, aisha.cookie)).statusCode).toBe(
      404,
    );
    expect((await call("GET", `/api/steps/${id}/comments?runId=${run.id}`, aisha.cookie)).statusCode).toBe(
      404,
    );
    const [other] = await ctx.database.db
      .select({ id: courses.id })
      .from(courses)
      .where(ne(courses.id, run.courseId))
      .limit(1);
    const otherRun = await buildRun(ctx, { courseId: other?.id });
    const otherMember = await buildRunMember(ctx, otherRun);
    // A member of the other run asking for this course's step in their run.
    const response = await call(
      "GET",
      `/api/steps/${stepId}/comments?runId=${otherRun.id}`,
      otherMember.cookie,
    );
    expect(response.statusCode).toBe(404);
    const posted = await call("POST", `/api/steps/${stepId}/comments`, otherMember.cookie, {
      runId: otherRun.id,
      body: "Wrong run",
    });
    expect(posted.statusCode).toBe(404);
    expect(await commentCountOfRun(ctx, otherRun.id)).toBe(0);
  });

  it("refuses posting to suspended members, outsiders, and members of closed or upcoming runs (403, nothing written)", async () => {
    const before = await commentCountOfRun(ctx, run.id);
    const s = await call("POST", `/api/steps/${stepId}/comments`, suspended.cookie, {
      runId: run.id,
      body: "Hi",
    });
    expect(s.statusCode).toBe(403);
    expect(s.json().message).toMatch(/suspended/);
    const o = await call("POST", `/api/steps/${stepId}/comments`, outsiderCookie, {
      runId: run.id,
      body: "Hi",
    });
    expect(o.statusCode).toBe(403);
    expect(await commentCountOfRun(ctx, run.id)).toBe(before);
    // A suspended member can still read.
    const read = await list(suspended.cookie);
    expect(read.viewer.canPost).toBe(false);
    expect(read.viewer.cannotPostReason).toMatch(/suspended/);

    const closed = await buildRun(ctx, { phase: "catch_up" });
    const closedMember = await buildRunMember(ctx, closed);
    const closedSteps = await runSteps(ctx, closed);
    const c = await call("POST", `/api/steps/${closedSteps[0]?.id}/comments`, closedMember.cookie, {
      runId: closed.id,
      body: "Late",
    });
    expect(c.statusCode).toBe(403);
    expect(c.json().message).toMatch(/closed for new comments/);
    const closedList = await call(
      "GET",
      `/api/steps/${closedSteps[0]?.id}/comments?runId=${closed.id}`,
      closedMember.cookie,
    );
    expect(closedList.statusCode).toBe(200);

    const upcoming = await buildRun(ctx, { phase: "upcoming" });
    const upcomingMember = await buildRunMember(ctx, upcoming);
    const upcomingSteps = await runSteps(ctx, upcoming);
    const u = await call("POST", `/api/steps/${upcomingSteps[0]?.id}/comments`, upcomingMember.cookie, {
      runId: upcoming.id,
      body: "Early",
    });
    expect(u.statusCode).toBe(403);
    const ul = await call(
      "GET",
      `/api/steps/${upcomingSteps[0]?.id}/comments?runId=${upcoming.id}`,
      upcomingMember.cookie,
    );
    expect(ul.statusCode).toBe(403);
    expect(await commentCountOfRun(ctx, closed.id)).toBe(0);
    expect(await commentCountOfRun(ctx, upcoming.id)).toBe(0);
  });

  it("refuses bad input: 400 for a missing runId or unknown fields, 422 for empty or too long bodies", async () => {
    const before = await commentCountOfRun(ctx, run.id);
    const noRun = await call("POST", `/api/steps/${stepId}/comments`, aisha.cookie, { body: "Hi" });
    expect(noRun.statusCode).toBe(400);
    const extra = await call("POST", `/api/steps/${stepId}/comments`, aisha.cookie, {
      runId: run.id,
      body: "Hi",
      html: "<b>",
    });
    expect(extra.statusCode).toBe(400);
    const empty = await call("POST", `/api/steps/${stepId}/comments`, aisha.cookie, {
      runId: run.id,
      body: " \u200B\u200C\u200D\u2060\uFEFF\u202E \n ",
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ message: "Write a comment", details: [{ field: "body" }] });
    const long = await call("POST", `/api/steps/${stepId}/comments`, aisha.cookie, {
      runId: run.id,
      body: "a".repeat(5001),
    });
    expect(long.statusCode).toBe(422);
    expect(long.json().message).toMatch(/5,000 characters/);
    const absurd = await call("POST", `/api/steps/${stepId}/comments`, aisha.cookie, {
      runId: run.id,
      body: "a".repeat(200_000),
    });
    expect(absurd.statusCode).toBe(413);
    const badQuery = await call(
      "GET",
      `/api/steps/${stepId}/comments?runId=${run.id}&sort=oldest`,
      aisha.cookie,
    );
    expect(badQuery.statusCode).toBe(400);
    expect(await commentCountOfRun(ctx, run.id)).toBe(before);
  });
});

describe("step comments: posting, rendering and threads", () => {
  it("stores the Markdown as typed (normalised) and renders sanitised HTML on output", async () => {
    const body =
      "Run *charts* help.\u200B\u202E\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [bad](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org) &#x6A;avascript:x\n\n# Heading\n\n![pic](https://example.org/a.png)";
    const comment = await post(aisha.cookie, body);
    const row = await commentRow(ctx, comment.id);
    expect(row?.body).toBe(body.replace("\u200B\u202E", "").normalize("NFC"));
    const html = comment.bodyHtml ?? "";
    expect(html).toContain("<em>charts</em>");
    // Every tag is an allow-listed one; links carry only an http(s) href and the fixed rel.
    for (const tag of html.match(/<[^>]*>/g) ?? []) {
      expect(tag).toMatch(
        /^<\/?(p|br|em|strong|ul|ol|li|code|blockquote|a)( \/)?>$|^<a href="https?:[^"]*" rel="nofollow noopener noreferrer ugc">$/,
      );
    }
    expect(html).not.toMatch(/href="(javascript|data)/i);
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer ugc">ok</a>');
    expect(html).toContain("&lt;script&gt;");
    const listed = await list(ben.cookie);
    const found = listed.comments.find((c) => c.id === comment.id);
    expect(found?.bodyHtml).toBe(html);
    expect(found?.body).toBeNull(); // only the author, while they may edit, gets the Markdown back
    expect(found).toMatchObject({
      canEdit: false,
      canDelete: false,
      canLike: true,
      canReport: true,
      canPin: false,
    });
  });

  it("nests replies (any depth) under their top-level comment, oldest first, and notifies the parent's author", async () => {
    const top = await post(aisha.cookie, "What did your run chart show?");
    const reply = await post(ben.cookie, "A shift after week 6", { parentId: top.id });
    const deeper = await post(aisha.cookie, "Interesting, what changed?", { parentId: reply.id });
    expect(deeper.inReplyTo).toEqual({ commentId: reply.id, authorName: "Ben Okafor" });
    const page = await list(facilitator.cookie);
    const thread = page.comments.find((c) => c.id === top.id);
    expect(thread?.replies.map((r) => r.id)).toEqual([reply.id, deeper.id]);
    expect(thread?.replyCount).toBe(2);
    expect(thread?.replies[0]?.inReplyTo).toBeNull();
    const toAisha = (await notificationsOf(ctx, aisha.id)).filter((n) => n.commentId === reply.id);
    expect(toAisha).toHaveLength(1);
    expect(toAisha[0]).toMatchObject({
      kind: "reply",
      summary: `Ben Okafor replied to your comment on “${page.step.title}”`,
      link: `/runs/${run.id}/steps/${stepId}#comment-${reply.id}`,
    });
    const toBen = (await notificationsOf(ctx, ben.id)).filter((n) => n.commentId === deeper.id);
    expect(toBen.map((n) => n.kind)).toEqual(["reply"]);
  });

  it("refuses a reply to a comment of another step (404) or one that is not shown (409)", async () => {
    const elsewhere = await post(aisha.cookie, "On another step", {}, otherStepId);
    const wrong = await call("POST", `/api/steps/${stepId}/comments`, ben.cookie, {
      runId: run.id,
      body: "Reply",
      parentId: elsewhere.id,
    });
    expect(wrong.statusCode).toBe(404);
    const hidden = await post(aisha.cookie, "Soon hidden");
    await setCommentState(ctx, hidden.id, "hidden");
    const toHidden = await call("POST", `/api/steps/${stepId}/comments`, ben.cookie, {
      runId: run.id,
      body: "Reply",
      parentId: hidden.id,
    });
    expect(toHidden.statusCode).toBe(409);
  });

  it("notifies each mentioned facilitator once, and nobody else", async () => {
    const before = (await notificationsOf(ctx, facilitator.id)).length;
    const comment = await post(
      ben.cookie,
      "@Femi Adeyemi could you look? Thanks @femi adeyemi. Not @Femi Adeyemis, nor @Aisha Khan.",
    );
    const mine = (await notificationsOf(ctx, facilitator.id)).slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "mention", commentId: comment.id });
    expect((await notificationsOf(ctx, aisha.id)).some((n) => n.commentId === comment.id)).toBe(false);
  });

  it("shows hidden comments' words only to facilitators and admins, and removed or deleted ones to nobody, keeping replies", async () => {
    const hidden = await post(aisha.cookie, "Hidden words");
    const reply = await post(ben.cookie, "Reply stays", { parentId: hidden.id });
    await setCommentState(ctx, hidden.id, "hidden");
    const asMember = (await list(ben.cookie)).comments.find((c) => c.id === hidden.id);
    expect(asMember).toMatchObject({ state: "hidden", bodyHtml: null, canReply: false, canLike: false });
    expect(asMember?.replies.map((r) => r.id)).toEqual([reply.id]);
    const asFacilitator = (await list(facilitator.cookie)).comments.find((c) => c.id === hidden.id);
    expect(asFacilitator?.bodyHtml).toContain("Hidden words");
    const asAdmin = (await list(adminCookie)).comments.find((c) => c.id === hidden.id);
    expect(asAdmin?.bodyHtml).toContain("Hidden words");
    await setCommentState(ctx, hidden.id, "removed");
    const removed = (await list(facilitator.cookie)).comments.find((c) => c.id === hidden.id);
    expect(removed).toMatchObject({ state: "removed", bodyHtml: null });
    expect(removed?.replies).toHaveLength(1);
  });
});

describe("step comments: edit and delete", () => {
  it("lets the author edit within 15 minutes, then refuses with 409; someone else's is 403", async () => {
    const comment = await post(aisha.cookie, "First words");
    expect(comment).toMatchObject({ canEdit: true, body: "First words" });
    const edited = await call("PATCH", `/api/comments/${comment.id}`, aisha.cookie, {
      body: "Better *words*",
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ bodyHtml: "<p>Better <em>words</em></p>" });
    expect(edited.json().editedAt).not.toBeNull();
    const other = await call("PATCH", `/api/comments/${comment.id}`, ben.cookie, { body: "Vandalism" });
    expect(other.statusCode).toBe(403);
    const empty = await call("PATCH", `/api/comments/${comment.id}`, aisha.cookie, { body: "\u200B" });
    expect(empty.statusCode).toBe(422);
    await ageComment(ctx, comment.id, 16);
    const late = await call("PATCH", `/api/comments/${comment.id}`, aisha.cookie, { body: "Too late" });
    expect(late.statusCode).toBe(409);
    expect(late.json().message).toMatch(/15 minutes/);
    expect((await commentRow(ctx, comment.id))?.body).toBe("Better *words*");
  });

  it("lets the author delete (state deleted, replies stay); someone else's is 403", async () => {
    const comment = await post(aisha.cookie, "To delete");
    const reply = await post(ben.cookie, "A reply", { parentId: comment.id });
    expect((await call("DELETE", `/api/comments/${comment.id}`, ben.cookie)).statusCode).toBe(403);
    expect((await call("DELETE", `/api/comments/${comment.id}`, aisha.cookie)).statusCode).toBe(204);
    expect((await call("DELETE", `/api/comments/${comment.id}`, aisha.cookie)).statusCode).toBe(204);
    expect((await commentRow(ctx, comment.id))?.state).toBe("deleted");
    const listed = (await list(ben.cookie)).comments.find((c) => c.id === comment.id);
    expect(listed).toMatchObject({ state: "deleted", bodyHtml: null });
    expect(listed?.replies.map((r) => r.id)).toEqual([reply.id]);
    expect(
      (await call("DELETE", `/api/comments/00000000-0000-4000-8000-000000000000`, aisha.cookie)).statusCode,
    ).toBe(404);
  });
});

describe("likes", () => {
  it("is idempotent, refuses your own comment, and counts 20 concurrent likes by different people as 20", async () => {
    const comment = await post(aisha.cookie, "Like me");
    const first = await call("PUT", `/api/comments/${comment.id}/like`, ben.cookie);
    expect(first.json()).toEqual({ likeCount: 1, likedByMe: true } satisfies LikeState);
    const again = await call("PUT", `/api/comments/${comment.id}/like`, ben.cookie);
    expect(again.json()).toEqual({ likeCount: 1, likedByMe: true });
    const listed = (await list(ben.cookie)).comments.find((c) => c.id === comment.id);
    expect(listed).toMatchObject({ likeCount: 1, likedByMe: true });
    const own = await call("PUT", `/api/comments/${comment.id}/like`, aisha.cookie);
    expect(own.statusCode).toBe(403);
    expect((await call("PUT", `/api/comments/${comment.id}/like`, suspended.cookie)).statusCode).toBe(403);
    expect((await call("PUT", `/api/comments/${comment.id}/like`, outsiderCookie)).statusCode).toBe(403);
    const off = await call("DELETE", `/api/comments/${comment.id}/like`, ben.cookie);
    expect(off.json()).toEqual({ likeCount: 0, likedByMe: false });
    const offAgain = await call("DELETE", `/api/comments/${comment.id}/like`, ben.cookie);
    expect(offAgain.json()).toEqual({ likeCount: 0, likedByMe: false });

    const likers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => buildRunMember(ctx, run, { givenName: `Liker${i}` })),
    );
    const responses = await Promise.all(
      likers.map((l) => call("PUT", `/api/comments/${comment.id}/like`, l.cookie)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect((await commentRow(ctx, comment.id))?.likeCount).toBe(20);
  });
});

describe("facilitator tools", () => {
  it("highlights (audited, author notified), pins and unpins; members get 403", async () => {
    const comment = await post(aisha.cookie, "Worth highlighting");
    expect((await call("PUT", `/api/comments/${comment.id}/highlight`, ben.cookie)).statusCode).toBe(403);
    expect((await call("PUT", `/api/comments/${comment.id}/pin`, aisha.cookie)).statusCode).toBe(403);
    expect((await call("PUT", `/api/comments/${comment.id}/highlight`, facilitator.cookie)).statusCode).toBe(
      204,
    );
    expect((await call("PUT", `/api/comments/${comment.id}/highlight`, facilitator.cookie)).statusCode).toBe(
      204,
    );
    const highlights = (await notificationsOf(ctx, aisha.id)).filter(
      (n) => n.commentId === comment.id && n.kind === "highlight",
    );
    expect(highlights).toHaveLength(1);
    expect(highlights[0]?.summary).toMatch(/^Femi Adeyemi highlighted your comment on “/);
    expect(
      (await auditFor(ctx, "discussions.comment_highlighted")).some((a) => a.subjectId === comment.id),
    ).toBe(true);
    const highlighted = await list(ben.cookie, "&sort=highlighted");
    expect(highlighted.comments.every((c) => c.highlighted)).toBe(true);
    expect(highlighted.comments.map((c) => c.id)).toContain(comment.id);

    expect((await call("PUT", `/api/comments/${comment.id}/pin`, facilitator.cookie)).statusCode).toBe(204);
    for (const sort of ["newest", "most_liked", "highlighted"]) {
      const page = await list(ben.cookie, `&sort=${sort}`);
      expect(page.comments[0]?.id, sort).toBe(comment.id);
      expect(page.comments[0]?.pinned).toBe(true);
    }
    const page2 = await list(ben.cookie, "&page=2&pageSize=2");
    expect(page2.comments.map((c) => c.id)).not.toContain(comment.id);
    expect((await auditFor(ctx, "discussions.comment_pinned")).some((a) => a.subjectId === comment.id)).toBe(
      true,
    );
    expect((await call("DELETE", `/api/comments/${comment.id}/pin`, facilitator.cookie)).statusCode).toBe(
      204,
    );
    expect((await call("DELETE", `/api/comments/${comment.id}/highlight`, adminCookie)).statusCode).toBe(204);
    expect((await commentRow(ctx, comment.id))?.pinnedAt).toBeNull();
    expect((await commentRow(ctx, comment.id))?.highlightedAt).toBeNull();

    const reply = await post(ben.cookie, "A reply", { parentId: comment.id });
    expect((await call("PUT", `/api/comments/${reply.id}/pin`, facilitator.cookie)).statusCode).toBe(409);
  });

  it("lists every step with its comment counts for facilitators only", async () => {
    const response = await call("GET", `/api/runs/${run.id}/discussions/steps`, facilitator.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const steps = response
      .json()
      .modules.flatMap((m: { steps: Array<{ id: string; commentCount: number }> }) => m.steps);
    expect(steps.length).toBe(15);
    expect(steps.find((s: { id: string }) => s.id === stepId)?.commentCount).toBeGreaterThan(0);
    expect((await call("GET", `/api/runs/${run.id}/discussions/steps`, aisha.cookie)).statusCode).toBe(403);
  });
});

describe("paging, sorting and statement counts", () => {
  it("pages top-level comments 20 at a time, newest first or most liked, with a constant number of statements", async () => {
    const pagingRun = await buildRun(ctx, { phase: "live" });
    const reader = await buildRunMember(ctx, pagingRun);
    const author = await buildRunMember(ctx, pagingRun);
    const [step] = await runSteps(ctx, pagingRun);
    const stepOf = step?.id ?? "";
    const likes = Array.from({ length: 60 }, (_, i) => (i * 37) % 11);
    const ids = await insertStepComments(ctx, {
      runId: pagingRun.id,
      stepId: stepOf,
      authorId: author.id,
      count: 60,
      likeCounts: likes,
    });
    // Replies on several comments of every page.
    for (const id of ids.filter((_, i) => i % 7 === 0)) {
      await call("POST", `/api/steps/${stepOf}/comments`, reader.cookie, {
        runId: pagingRun.id,
        body: "Reply",
        parentId: id,
      });
    }
    const first = await list(reader.cookie, "", stepOf, pagingRun.id);
    expect(first).toMatchObject({ page: 1, pageSize: 20, pageCount: 3, topLevelCount: 60 });
    expect(first.commentCount).toBe(60 + ids.filter((_, i) => i % 7 === 0).length);
    expect(first.comments.map((c) => c.id)).toEqual(ids.slice(40).reverse());
    const third = await list(reader.cookie, "&page=3", stepOf, pagingRun.id);
    expect(third.comments.map((c) => c.id)).toEqual(ids.slice(0, 20).reverse());

    // A sort not read yet, so every page size starts cold: reading a page costs the same number of statements
    // whatever its size, and reading it again while the thread is unchanged costs only the session and the thread's
    // context (the page and the reader's likes come from the cache).
    const cold: number[] = [];
    const warm: number[] = [];
    for (const pageSize of [5, 20, 50]) {
      for (const into of [cold, warm]) {
        const before = ctx.database.queryCount();
        const page = await list(reader.cookie, `&sort=most_liked&pageSize=${pageSize}`, stepOf, pagingRun.id);
        into.push(ctx.database.queryCount() - before);
        expect(page.comments).toHaveLength(pageSize);
        if (pageSize === 50) expect(page.comments.some((c) => c.replies.length > 0)).toBe(true);
      }
    }
    expect(new Set(cold).size, `statements per page size: ${cold.join(", ")}`).toBe(1);
    expect(warm, "statements when the thread has not changed").toEqual([2, 2, 2]);
    const liked = await list(reader.cookie, "&sort=most_liked", stepOf, pagingRun.id);
    const counts = liked.comments.map((c) => c.likeCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(Math.max(...likes));
    // A like moves the thread on: the next read sees it, with the reader's own like.
    const target = liked.comments[0]?.id ?? "";
    const other = await buildRunMember(ctx, pagingRun, { givenName: "Lee", familyName: "Other" });
    expect((await call("PUT", `/api/comments/${target}/like`, other.cookie)).statusCode).toBe(200);
    const after = await list(other.cookie, "&sort=most_liked", stepOf, pagingRun.id);
    const seen = after.comments.find((c) => c.id === target);
    expect(seen).toMatchObject({ likedByMe: true, likeCount: (liked.comments[0]?.likeCount ?? 0) + 1 });
    const byReader = await list(reader.cookie, "&sort=most_liked", stepOf, pagingRun.id);
    expect(byReader.comments.find((c) => c.id === target)?.likedByMe).toBe(false);
  });

  it("never answers from the cache once the reader's standing or the thread has changed", async () => {
    const cacheRun = await buildRun(ctx, { phase: "live" });
    const at = (await runSteps(ctx, cacheRun))[0]?.id ?? "";
    const reader = await buildRunMember(ctx, cacheRun, { givenName: "Cara", familyName: "Reed" });
    const before = await list(reader.cookie, "", at, cacheRun.id);
    expect(before.viewer.canPost).toBe(true);
    expect(before.comments).toHaveLength(0);
    // Suspended elsewhere (a moderator on another instance): the next read says so at once.
    await ctx.database.rawQuery(
      "update run_members set suspended_at = now() where run_id = $1 and user_id = $2",
      [cacheRun.id, reader.id],
    );
    expect((await list(reader.cookie, "", at, cacheRun.id)).viewer.canPost).toBe(false);
    // A comment written straight into the database (as another instance would) is seen on the next read.
    await ctx.database.rawQuery(
      "insert into comments (run_id, step_id, author_id, body) values ($1, $2, $3, 'Written elsewhere')",
      [cacheRun.id, at, reader.id],
    );
    expect((await list(reader.cookie, "", at, cacheRun.id)).comments).toHaveLength(1);
    // Removed from the run: no answer at all, cached or not.
    await ctx.database.rawQuery("delete from run_members where run_id = $1 and user_id = $2", [
      cacheRun.id,
      reader.id,
    ]);
    const refused = await call("GET", `/api/steps/${at}/comments?runId=${cacheRun.id}`, reader.cookie);
    expect(refused.statusCode).toBe(403);
  });
});

describe("flood control", () => {
  it("refuses the 11th comment in a minute with 429, Retry-After and a message", async () => {
    const poster = await buildRunMember(ctx, run);
    for (let i = 0; i < 10; i += 1) await post(poster.cookie, `Comment ${i}`);
    const response = await call("POST", `/api/steps/${stepId}/comments`, poster.cookie, {
      runId: run.id,
      body: "One too many",
    });
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
    expect(response.json().message).toMatch(/10 comments a minute/);
  });
});
