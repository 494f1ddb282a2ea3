import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  AssessorQueue,
  DecisionResult,
  SubmissionDetail,
  VerdictResult,
  VerificationQueue,
} from "../../src/shared/assessment.js";
import {
  assessmentState,
  buildStaff,
  buildSubmission,
  decisionBody,
  ensureCriteria,
  resubmit,
  setSampling,
  setTeam,
  submissionState,
  type TestSubmission,
} from "../support/assessment-fixtures.js";
import { auditFor, buildOrganisation, mailTo, type TestUser } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: { user: TestUser; cookie: string };
let verifier: { user: TestUser; cookie: string };
let plainLearner: { user: TestUser; cookie: string };

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const RATIONALE = "The evidence for 1.2 is a description, not a measure.";

type Method = "GET" | "POST";
const call = (method: Method, url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const viewUrl = (id: string) => `/api/verification/submissions/${id}`;
const verdictUrl = (id: string) => `/api/verification/submissions/${id}/verdict`;
const decisionUrl = (id: string) => `/api/assessment/submissions/${id}/decision`;

const assessor = (options: Parameters<typeof buildStaff>[2] = {}) => buildStaff(ctx, ["assessor"], options);

async function decide(
  cookie: string,
  sub: Pick<TestSubmission, "submissionId" | "criteria">,
  outcome: "pass" | "refer",
) {
  const response = await call(
    "POST",
    decisionUrl(sub.submissionId),
    cookie,
    decisionBody(sub.criteria, outcome),
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<DecisionResult>();
}

/** A submission whose decision (pass unless told) is waiting for verification. */
async function sampledDecision(
  outcome: "pass" | "refer" = "pass",
  options: Parameters<typeof buildSubmission>[1] = {},
) {
  const me = await assessor({ givenName: "Asha" });
  const sub = await buildSubmission(ctx, { ...options, assessorId: me.user.id });
  const result = await decide(me.cookie, sub, outcome);
  expect(result.status).toBe("awaiting_verification");
  return { assessor: me, sub, decision: result.decision };
}

async function verdict(
  cookie: string,
  id: string,
  outcome: "confirmed" | "overturned",
  rationale = RATIONALE,
) {
  return call("POST", verdictUrl(id), cookie, { outcome, rationale });
}

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildStaff(ctx, ["platform_admin"]);
  verifier = await buildStaff(ctx, ["internal_verifier"], { givenName: "Vera", familyName: "Ify" });
  plainLearner = await buildStaff(ctx, []);
  await ensureCriteria(ctx);
});
afterAll(async () => ctx.close());
// Every decision goes to verification unless a test says otherwise.
beforeEach(async () => setSampling(ctx, { samplePercent: 100, newAssessorDecisions: 0 }));

describe("the verification queue", () => {
  it("lists decisions waiting for verification, oldest first, withholding ones I may not verify (audited)", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const me = await buildStaff(ctx, ["internal_verifier", "assessor"], { teamId: team });
    const first = await sampledDecision("pass");
    const second = await sampledDecision("refer");
    const mine = await buildSubmission(ctx, { assessorId: me.user.id });
    await decide(me.cookie, mine, "pass");
    const teammate = await sampledDecision("pass");
    await setTeam(ctx, teammate.sub.userId, team);

    const response = await call("GET", "/api/verification/queue", me.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const queue = response.json<VerificationQueue>();
    const ids = queue.items.map((i) => i.submissionId);
    expect(ids.indexOf(first.sub.submissionId)).toBeLessThan(ids.indexOf(second.sub.submissionId));
    expect(ids).not.toContain(mine.submissionId);
    expect(ids).not.toContain(teammate.sub.submissionId);
    expect(queue.withheld).toBe(2);
    expect(queue.items.find((i) => i.submissionId === second.sub.submissionId)).toMatchObject({
      outcome: "refer",
      status: "awaiting_verification",
      assessor: { id: second.assessor.user.id },
      learner: { id: second.sub.userId },
    });
    const everything = (
      await call("GET", "/api/verification/queue", verifier.cookie)
    ).json<VerificationQueue>();
    expect(everything.items.map((i) => i.submissionId)).toEqual(
      expect.arrayContaining([mine.submissionId, teammate.sub.submissionId]),
    );
    expect(everything.withheld).toBe(0);
    expect((await auditFor(ctx, "verification.queue_viewed"))[0]).toMatchObject({
      actorUserId: verifier.user.id,
      details: { rows: everything.items.length },
    });
  });

  it("is for internal verifiers only", async () => {
    const me = await assessor();
    expect((await call("GET", "/api/verification/queue")).statusCode).toBe(401);
    for (const who of [me, admin, plainLearner]) {
      const response = await call("GET", "/api/verification/queue", who.cookie);
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toContain("internal verifiers");
    }
  });
});

describe("the verifier's view", () => {
  it("shows the decision under review beside the evidence, and whether I may verify it (audited)", async () => {
    const { sub, decision } = await sampledDecision("refer");
    const response = await call("GET", viewUrl(sub.submissionId), verifier.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json<SubmissionDetail>();
    expect(view.status).toBe("awaiting_verification");
    expect(view.underReview).toMatchObject({
      id: decision.id,
      outcome: "refer",
      sampled: true,
      verification: null,
    });
    expect(view.underReview?.criteria.map((c) => [c.code, c.decision])).toEqual([
      ["1.1", "not_yet_met"],
      ["1.2", "met"],
      ["1.3", "met"],
      ["2.1", "met"],
    ]);
    expect(view.actions).toEqual({ decide: false, verify: true, reason: null });
    expect((await auditFor(ctx, "assessment.submission_viewed"))[0]).toMatchObject({
      actorUserId: verifier.user.id,
      subjectId: sub.submissionId,
      details: { via: "verification" },
    });
  });

  it("tells a verifier who made the decision that they cannot verify it", async () => {
    const both = await buildStaff(ctx, ["assessor", "internal_verifier"]);
    const sub = await buildSubmission(ctx, { assessorId: both.user.id });
    await decide(both.cookie, sub, "pass");
    const view = (await call("GET", viewUrl(sub.submissionId), both.cookie)).json<SubmissionDetail>();
    expect(view.actions).toEqual({
      decide: false,
      verify: false,
      reason: "You made this decision as the assessor, so another internal verifier must verify it.",
    });
  });

  it("is open to internal verifiers and platform administrators only", async () => {
    const { assessor: who, sub } = await sampledDecision();
    expect((await call("GET", viewUrl(sub.submissionId), admin.cookie)).statusCode).toBe(200);
    expect((await call("GET", viewUrl(sub.submissionId))).statusCode).toBe(401);
    expect((await call("GET", viewUrl(sub.submissionId), who.cookie)).statusCode).toBe(403);
    expect((await call("GET", viewUrl(sub.submissionId), plainLearner.cookie)).statusCode).toBe(403);
    expect((await call("GET", viewUrl(UNKNOWN_ID), verifier.cookie)).statusCode).toBe(404);
    expect((await call("GET", viewUrl("x"), verifier.cookie)).statusCode).toBe(400);
  });
});

describe("verdicts", () => {
  it("confirms a sampled pass: it takes effect, the learner is emailed, and a second verdict is refused (audited)", async () => {
    const { sub, decision } = await sampledDecision("pass");
    await ctx.database.rawQuery("update enrolments set completed_at = now() where id = $1", [
      sub.enrolmentId,
    ]);
    const achievements = async () =>
      (await ctx.database.rawQuery("select count(*)::int as n from achievements where enrolment_id = $1", [
        sub.enrolmentId,
      ])) as Array<{ n: number }>;
    expect(await achievements()).toEqual([{ n: 0 }]);
    const response = await verdict(
      verifier.cookie,
      sub.submissionId,
      "confirmed",
      "  Sound judgement throughout.  ",
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<VerdictResult>()).toMatchObject({
      submissionId: sub.submissionId,
      status: "passed",
      verification: {
        outcome: "confirmed",
        rationale: "Sound judgement throughout.",
        verifier: { id: verifier.user.id, name: "Vera Ify" },
      },
    });
    expect(await submissionState(ctx, sub.submissionId)).toMatchObject({
      status: "passed",
      portfolio_status: "passed",
    });
    expect(await achievements()).toEqual([{ n: 1 }]);
    const subjects = (await mailTo(ctx, sub.learner?.email ?? "")).map((m) => m.subject);
    expect(subjects).toContain("Your portfolio for The Productive Ward: Practitioner has passed");
    const [audit] = await auditFor(ctx, "verification.confirmed");
    expect(audit).toMatchObject({
      actorUserId: verifier.user.id,
      subjectId: sub.submissionId,
      details: { decisionId: decision.id, decisionOutcome: "pass", learnerId: sub.userId },
    });

    const before = await assessmentState(ctx);
    const again = await verdict(verifier.cookie, sub.submissionId, "overturned");
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("not waiting for internal verification");
    expect(await assessmentState(ctx)).toEqual(before);

    const view = (await call("GET", viewUrl(sub.submissionId), verifier.cookie)).json<SubmissionDetail>();
    expect(view.underReview).toBeNull();
    expect(view.decisions[0]?.verification).toMatchObject({ outcome: "confirmed" });
  });

  it("confirms a sampled referral: the learner's portfolio is referred and they are emailed", async () => {
    const { sub } = await sampledDecision("refer");
    const response = await verdict(verifier.cookie, sub.submissionId, "confirmed");
    expect(response.statusCode, response.body).toBe(200);
    expect(await submissionState(ctx, sub.submissionId)).toMatchObject({
      status: "referred",
      portfolio_status: "referred",
    });
    const [mail] = await mailTo(ctx, sub.learner?.email ?? "");
    expect(mail?.subject).toContain("has been referred back");
  });

  it("runs the overturn loop: back to the assessor with the rationale, decided again (always sampled), then confirmed", async () => {
    const {
      assessor: me,
      sub,
      decision,
    } = await sampledDecision("pass", {
      user: { givenName: "Nia", familyName: "Jones" },
    });
    // Even at 0% and with no new-assessor rule, the re-decision must be sampled.
    await setSampling(ctx, { samplePercent: 0, newAssessorDecisions: 0 });
    const overturned = await verdict(verifier.cookie, sub.submissionId, "overturned");
    expect(overturned.statusCode, overturned.body).toBe(200);
    expect(overturned.json<VerdictResult>().status).toBe("overturned");
    expect(await submissionState(ctx, sub.submissionId)).toMatchObject({
      status: "overturned",
      portfolio_status: "submitted",
      assessor_id: me.user.id,
    });
    const [mail] = await mailTo(ctx, me.user.email);
    expect(mail?.subject).toBe(
      "Your decision on a portfolio for The Productive Ward: Practitioner was overturned",
    );
    expect(mail?.text).toContain("Nia Jones's portfolio");
    expect(mail?.text).toContain(`/assessment/submissions/${sub.submissionId}`);
    expect((await auditFor(ctx, "verification.overturned"))[0]).toMatchObject({
      actorUserId: verifier.user.id,
      subjectId: sub.submissionId,
      details: { decisionId: decision.id, rationale: RATIONALE },
    });

    // Back in the assessor's queue; the view shows the rationale and lets them decide again.
    const queue = (await call("GET", "/api/assessment/queue", me.cookie)).json<AssessorQueue>();
    expect(queue.allocated.find((i) => i.submissionId === sub.submissionId)?.status).toBe("overturned");
    const view = (
      await call("GET", `/api/assessment/submissions/${sub.submissionId}`, me.cookie)
    ).json<SubmissionDetail>();
    expect(view.overturnedBy).toMatchObject({
      outcome: "overturned",
      rationale: RATIONALE,
      verifier: { name: "Vera Ify" },
    });
    expect(view.decisions[0]).toMatchObject({ id: decision.id, supersededAt: expect.any(String) });
    expect(view.actions.decide).toBe(true);

    const second = await decide(me.cookie, sub, "refer");
    expect(second).toMatchObject({ status: "awaiting_verification", sampled: true });
    const again = (await call("GET", viewUrl(sub.submissionId), verifier.cookie)).json<SubmissionDetail>();
    expect(again.decisions.map((d) => [d.outcome, d.supersededAt === null])).toEqual([
      ["pass", false],
      ["refer", true],
    ]);
    expect(again.underReview?.id).toBe(second.decision.id);
    expect(again.overturnedBy).toBeNull();

    const confirmed = await verdict(verifier.cookie, sub.submissionId, "confirmed");
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await submissionState(ctx, sub.submissionId)).toMatchObject({
      status: "referred",
      portfolio_status: "referred",
    });

    // The learner resubmits; the new version shows the earlier one and its decisions.
    const v2 = await resubmit(ctx, sub, { assessorId: me.user.id });
    const v2View = (
      await call("GET", `/api/assessment/submissions/${v2}`, me.cookie)
    ).json<SubmissionDetail>();
    expect(v2View.version).toBe(2);
    expect(v2View.earlierVersions).toHaveLength(1);
    expect(v2View.earlierVersions[0]).toMatchObject({ version: 1, status: "referred" });
    expect(v2View.earlierVersions[0]?.decisions.map((d) => d.verification?.outcome)).toEqual([
      "overturned",
      "confirmed",
    ]);
    expect(v2View.evidence.some((e) => e.title.includes("(version 2)"))).toBe(true);
    const pass = await decide(me.cookie, { submissionId: v2, criteria: sub.criteria }, "pass");
    expect(pass.sampled).toBe(false);
    expect(await submissionState(ctx, v2)).toMatchObject({ status: "passed", portfolio_status: "passed" });
  });

  it("refuses a verifier's own decision, their own portfolio and their team's (403), and other roles, writing nothing", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const both = await buildStaff(ctx, ["assessor", "internal_verifier"], { teamId: team });
    const ownDecision = await buildSubmission(ctx, { assessorId: both.user.id });
    await decide(both.cookie, ownDecision, "pass");
    const ownPortfolio = await sampledDecision("pass", { userId: both.user.id });
    const teammate = await sampledDecision("pass");
    await setTeam(ctx, teammate.sub.userId, team);
    const before = await assessmentState(ctx);

    const assessed = await verdict(both.cookie, ownDecision.submissionId, "confirmed");
    expect(assessed.statusCode).toBe(403);
    expect(assessed.json().message).toBe(
      "You made this decision as the assessor, so another internal verifier must verify it.",
    );
    const self = await verdict(both.cookie, ownPortfolio.sub.submissionId, "confirmed");
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain("your own portfolio");
    const sameTeam = await verdict(both.cookie, teammate.sub.submissionId, "confirmed");
    expect(sameTeam.statusCode).toBe(403);
    expect(sameTeam.json().message).toContain("in your own team");

    expect((await verdict("", teammate.sub.submissionId, "confirmed")).statusCode).toBe(401);
    for (const who of [teammate.assessor, admin, plainLearner]) {
      expect((await verdict(who.cookie, teammate.sub.submissionId, "confirmed")).statusCode).toBe(403);
    }
    expect((await verdict(verifier.cookie, UNKNOWN_ID, "confirmed")).statusCode).toBe(404);
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it("refuses a verdict on something not waiting for verification with 409", async () => {
    await setSampling(ctx, { samplePercent: 0, newAssessorDecisions: 0 });
    const me = await assessor();
    const waiting = await buildSubmission(ctx, { assessorId: me.user.id });
    const decided = await buildSubmission(ctx, { assessorId: me.user.id });
    await decide(me.cookie, decided, "pass");
    const before = await assessmentState(ctx);
    expect((await verdict(verifier.cookie, waiting.submissionId, "confirmed")).statusCode).toBe(409);
    expect((await verdict(verifier.cookie, decided.submissionId, "confirmed")).statusCode).toBe(409);
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it.each([
    [
      { outcome: "confirmed", rationale: "Too short" },
      "rationale",
      "Write your rationale in at least 10 characters",
    ],
    [
      { outcome: "confirmed", rationale: "         x         " },
      "rationale",
      "Write your rationale in at least 10 characters",
    ],
    [{ outcome: "confirmed" }, "rationale", "Enter your rationale"],
    [{ outcome: "agreed", rationale: RATIONALE }, "outcome", "Select confirm or overturn"],
    [
      { outcome: "confirmed", rationale: "x".repeat(5001) },
      "rationale",
      "Your rationale must be 5,000 characters or fewer",
    ],
    [
      { outcome: "confirmed", rationale: RATIONALE, extra: true },
      "extra",
      'Remove the unknown field "extra"',
    ],
  ])("refuses %j with 400, writing nothing", async (payload, field, message) => {
    const { sub } = await sampledDecision();
    const before = await assessmentState(ctx);
    const response = await call("POST", verdictUrl(sub.submissionId), verifier.cookie, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toContainEqual({ field, message });
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it("gives one verdict when two verifiers answer at the same moment", async () => {
    const other = await buildStaff(ctx, ["internal_verifier"]);
    const { sub } = await sampledDecision();
    const responses = await Promise.all([
      verdict(verifier.cookie, sub.submissionId, "confirmed"),
      verdict(other.cookie, sub.submissionId, "overturned"),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [row] = (await ctx.database.rawQuery(
      "select count(*)::int as n from verifications v join assessment_decisions d on d.id = v.decision_id where d.submission_id = $1",
      [sub.submissionId],
    )) as Array<{ n: number }>;
    expect(row?.n).toBe(1);
  });
});
