import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comment, TopicList, TopicSummary, TopicThread } from "../../src/shared/discussions.js";
import { buildFacilitator, buildRun, buildRunMember } from "../support/community-fixtures.js";
import { commentRow, notificationsOf } from "../support/discussions-fixtures.js";
import { auditFor, buildUser, signIn } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
type Run = { id: string; courseId: string };
type Member = Awaited<ReturnType<typeof buildRunMember>>;
let run: Run;
let aisha: Member;
let ben: Member;
let suspended: Member;
let facilitator: Awaited<ReturnType<typeof buildFacilitator>>;
let outsiderCookie: string;

beforeAll(async () => {
  ctx = await createTestApp();
  run = await buildRun(ctx, { phase: "live" });
  aisha = await buildRunMember(ctx, run, { givenName: "Aisha", familyName: "Khan" });
  ben = await buildRunMember(ctx, run, { givenName: "Ben", familyName: "Okafor" });
  suspended = await buildRunMember(ctx, run, { suspended: true });
  facilitator = await buildFacilitator(ctx, run);
  outsiderCookie = await signIn(ctx, await buildUser(ctx));
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

async function startTopic(cookie: string, title: string, body: string) {
  const response = await call("POST", `/api/runs/${run.id}/topics`, cookie, { title, body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as TopicSummary;
}

async function topics(cookie: string) {
  const response = await call("GET", `/api/runs/${run.id}/topics`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TopicList;
}

describe("the run's board", () => {
  const id = "00000000-0000-4000-8000-000000000000";

  it("answers 401 signed out, 403 outside the run, 404 for unknown runs and topics", async () => {
    const requests: Array<[Method, string, unknown?]> = [
      ["GET", `/api/runs/${id}/topics`],
      ["POST", `/api/runs/${id}/topics`, { title: "t", body: "b" }],
      ["GET", `/api/topics/${id}`],
      ["POST", `/api/topics/${id}/comments`, { body: "b" }],
      ["PUT", `/api/topics/${id}/pin`],
    ];
    for (const [method, url, payload] of requests) {
      expect((await call(method, url, null, payload)).statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await call("GET", `/api/runs/${run.id}/topics`, outsiderCookie)).statusCode).toBe(403);
    expect((await call("GET", `/api/runs/${id}/topics`, aisha.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/topics/${id}`, aisha.cookie)).statusCode).toBe(404);
  });

  it("starts a topic whose opening post is its first comment, and refuses bad input with nothing written", async () => {
    const topic = await startTopic(aisha.cookie, "  Introductions ", "Hello, I work in **A&E**.");
    expect(topic).toMatchObject({ title: "Introductions", commentCount: 1, pinned: false });
    const thread = (await call("GET", `/api/topics/${topic.id}`, ben.cookie)).json() as TopicThread;
    expect(thread.openingPost?.bodyHtml).toBe("<p>Hello, I work in <strong>A&amp;E</strong>.</p>");
    expect(thread.comments).toEqual([]);

    const before = (await topics(aisha.cookie)).topics.length;
    const noTitle = await call("POST", `/api/runs/${run.id}/topics`, aisha.cookie, { title: " ", body: "x" });
    expect(noTitle.statusCode).toBe(400);
    const noBody = await call("POST", `/api/runs/${run.id}/topics`, aisha.cookie, {
      title: "T",
      body: "\u200B",
    });
    expect(noBody.statusCode).toBe(422);
    const longTitle = await call("POST", `/api/runs/${run.id}/topics`, aisha.cookie, {
      title: "x".repeat(121),
      body: "ok",
    });
    expect(longTitle.statusCode).toBe(400);
    expect(
      (await call("POST", `/api/runs/${run.id}/topics`, suspended.cookie, { title: "T", body: "b" }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call("POST", `/api/runs/${run.id}/topics`, outsiderCookie, { title: "T", body: "b" }))
        .statusCode,
    ).toBe(403);
    expect((await topics(aisha.cookie)).topics.length).toBe(before);
  });

  it("takes comments and replies, counts them, moves the topic up by activity, and notifies", async () => {
    const older = await startTopic(aisha.cookie, "Sharing run charts", "Post yours here");
    const newer = await startTopic(ben.cookie, "Useful reading", "Any books?");
    expect((await topics(ben.cookie)).topics.slice(0, 2).map((t) => t.id)).toEqual([newer.id, older.id]);
    const comment = await call("POST", `/api/topics/${older.id}/comments`, ben.cookie, {
      body: "Here is mine @Femi Adeyemi",
    });
    expect(comment.statusCode, comment.body).toBe(201);
    const posted = comment.json() as Comment;
    const reply = await call("POST", `/api/topics/${older.id}/comments`, aisha.cookie, {
      body: "Thanks",
      parentId: posted.id,
    });
    expect(reply.statusCode).toBe(201);
    const list = await topics(ben.cookie);
    expect(list.topics[0]?.id).toBe(older.id);
    expect(list.topics[0]?.commentCount).toBe(3);
    const thread = (await call("GET", `/api/topics/${older.id}`, ben.cookie)).json() as TopicThread;
    expect(thread.comments.map((c) => c.id)).toEqual([posted.id]);
    expect(thread.comments[0]?.replies.map((r) => r.body ?? r.bodyHtml)).toEqual(["<p>Thanks</p>"]);
    const mention = (await notificationsOf(ctx, facilitator.id)).find((n) => n.commentId === posted.id);
    expect(mention).toMatchObject({
      kind: "mention",
      link: `/runs/${run.id}/board/${older.id}#comment-${posted.id}`,
    });
    const replyNote = (await notificationsOf(ctx, ben.id)).find((n) => n.kind === "reply");
    expect(replyNote?.summary).toBe("Aisha Khan replied to your comment on “Sharing run charts”");

    // A reply to a comment of another topic is 404.
    const wrong = await call("POST", `/api/topics/${newer.id}/comments`, aisha.cookie, {
      body: "x",
      parentId: posted.id,
    });
    expect(wrong.statusCode).toBe(404);

    // Deleting takes the comment out of the topic's count; likes work as on steps.
    const like = await call("PUT", `/api/comments/${posted.id}/like`, aisha.cookie);
    expect(like.json()).toEqual({ likeCount: 1, likedByMe: true });
    expect((await call("DELETE", `/api/comments/${posted.id}`, ben.cookie)).statusCode).toBe(204);
    expect((await commentRow(ctx, posted.id))?.state).toBe("deleted");
    expect((await topics(ben.cookie)).topics.find((t) => t.id === older.id)?.commentCount).toBe(2);
  });

  it("lets facilitators pin topics to the top (audited); members get 403", async () => {
    const topic = await startTopic(aisha.cookie, "Pin me", "Important");
    await startTopic(ben.cookie, "Later topic", "Newer");
    expect((await call("PUT", `/api/topics/${topic.id}/pin`, aisha.cookie)).statusCode).toBe(403);
    expect((await call("PUT", `/api/topics/${topic.id}/pin`, facilitator.cookie)).statusCode).toBe(204);
    const list = await topics(aisha.cookie);
    expect(list.topics[0]).toMatchObject({ id: topic.id, pinned: true });
    expect((await auditFor(ctx, "discussions.topic_pinned")).some((a) => a.subjectId === topic.id)).toBe(
      true,
    );
    expect((await call("DELETE", `/api/topics/${topic.id}/pin`, facilitator.cookie)).statusCode).toBe(204);
    expect((await topics(aisha.cookie)).topics[0]?.id).not.toBe(topic.id);
  });

  it("is read-only once the run closes for comments", async () => {
    const closed = await buildRun(ctx, { phase: "catch_up" });
    const member = await buildRunMember(ctx, closed);
    const list = await call("GET", `/api/runs/${closed.id}/topics`, member.cookie);
    expect(list.statusCode).toBe(200);
    expect((list.json() as TopicList).viewer).toMatchObject({ canPost: false });
    const refused = await call("POST", `/api/runs/${closed.id}/topics`, member.cookie, {
      title: "T",
      body: "b",
    });
    expect(refused.statusCode).toBe(403);
  });
});
