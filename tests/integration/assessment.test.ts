import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  AllocationPage,
  AssessorOptions,
  AssessorQueue,
  DecisionResult,
  QueueItem,
  SubmissionDetail,
  VerificationSettings,
} from "../../src/shared/assessment.js";
import {
  assessmentState,
  buildStaff,
  buildSubmission,
  decisionBody,
  ensureCriteria,
  setSampling,
  setTeam,
  submissionState,
} from "../support/assessment-fixtures.js";
import { auditFor, buildOrganisation, mailTo, signIn, type TestUser } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: { user: TestUser; cookie: string };
let verifier: { user: TestUser; cookie: string };
let plainLearner: { user: TestUser; cookie: string };

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const DAY = 86_400_000;

type Method = "GET" | "POST" | "PUT";
const call = (method: Method, url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const pickUpUrl = (id: string) => `/api/assessment/submissions/${id}/pick-up`;
const viewUrl = (id: string) => `/api/assessment/submissions/${id}`;
const decisionUrl = (id: string) => `/api/assessment/submissions/${id}/decision`;
const allocateUrl = (id: string) => `/api/admin/assessment/submissions/${id}/allocate`;

const assessor = (options: Parameters<typeof buildStaff>[2] = {}) => buildStaff(ctx, ["assessor"], options);

async function queue(cookie: string): Promise<AssessorQueue> {
  const response = await call("GET", "/api/assessment/queue", cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as AssessorQueue;
}

/** The achievements recorded for an enrolment (by the certificates domain, when a pass takes effect). */
async function achievementsOf(enrolmentId: string) {
  return (await ctx.database.rawQuery("select rule::text as rule from achievements where enrolment_id = $1", [
    enrolmentId,
  ])) as Array<{ rule: string }>;
}

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildStaff(ctx, ["platform_admin"], { givenName: "Dana", familyName: "Reid" });
  verifier = await buildStaff(ctx, ["internal_verifier"], { givenName: "Vera", familyName: "Ify" });
  plainLearner = await buildStaff(ctx, [], { givenName: "Lou", familyName: "Learner" });
  await ensureCriteria(ctx);
});
afterAll(async () => ctx.close());
// Decisions take effect at once unless a test asks for sampling.
beforeEach(async () => setSampling(ctx, { samplePercent: 0, newAssessorDecisions: 0 }));

describe("the assessor's queue", () => {
  it("lists my allocated submissions oldest first and the ones I may pick up, never my own or my team's (audited)", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const me = await assessor({ teamId: team, givenName: "Asha", familyName: "Sessor" });
    const older = await buildSubmission(ctx, {
      assessorId: me.user.id,
      submittedAt: new Date(Date.now() - 9 * DAY),
      user: { givenName: "Olwen", familyName: "Older" },
    });
    const newer = await buildSubmission(ctx, {
      assessorId: me.user.id,
      submittedAt: new Date(Date.now() - DAY),
    });
    const open = await buildSubmission(ctx);
    const teammate = await buildSubmission(ctx);
    await setTeam(ctx, teammate.userId, team);
    const own = await buildSubmission(ctx, { userId: me.user.id });
    const elsewhere = await buildSubmission(ctx, { assessorId: admin.user.id });

    const mine = await queue(me.cookie);
    expect(mine.allocated.map((i) => i.submissionId)).toEqual([older.submissionId, newer.submissionId]);
    expect(mine.allocated[0]).toMatchObject({
      version: 1,
      status: "awaiting_assessment",
      waitingDays: 9,
      learner: { id: older.userId, name: "Olwen Older" },
      course: { id: older.courseId, title: "The Productive Ward: Practitioner", level: "practitioner" },
      assessor: { id: me.user.id, name: "Asha Sessor" },
    });
    const available = mine.available.map((i) => i.submissionId);
    expect(available).toContain(open.submissionId);
    expect(available).not.toContain(teammate.submissionId);
    expect(available).not.toContain(own.submissionId);
    expect(available).not.toContain(elsewhere.submissionId);
    expect(available).not.toContain(older.submissionId);

    const [audit] = await auditFor(ctx, "assessment.queue_viewed");
    expect(audit).toMatchObject({ actorUserId: me.user.id });
    expect(audit?.details).toMatchObject({ rows: mine.allocated.length + mine.available.length });
  });

  it("refuses people who are not assessors: 401 signed out, 403 for learners, verifiers and administrators", async () => {
    expect((await call("GET", "/api/assessment/queue")).statusCode).toBe(401);
    for (const who of [plainLearner, verifier, admin]) {
      const response = await call("GET", "/api/assessment/queue", who.cookie);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({
        error: "forbidden",
        message: expect.stringContaining("assessors"),
      });
    }
  });
});

describe("picking up", () => {
  it("makes an unallocated submission mine, once, and tells the next assessor someone got it (audited)", async () => {
    const first = await assessor();
    const second = await assessor();
    const sub = await buildSubmission(ctx);
    const response = await call("POST", pickUpUrl(sub.submissionId), first.cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<QueueItem>()).toMatchObject({
      submissionId: sub.submissionId,
      assessor: { id: first.user.id },
    });
    expect((await submissionState(ctx, sub.submissionId)).assessor_id).toBe(first.user.id);
    expect((await queue(first.cookie)).allocated.map((i) => i.submissionId)).toContain(sub.submissionId);
    expect((await queue(second.cookie)).available.map((i) => i.submissionId)).not.toContain(sub.submissionId);

    const before = await assessmentState(ctx);
    const again = await call("POST", pickUpUrl(sub.submissionId), second.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("Another assessor has just picked this submission up");
    const mine = await call("POST", pickUpUrl(sub.submissionId), first.cookie);
    expect(mine.statusCode).toBe(409);
    expect(mine.json().message).toContain("already picked this submission up");
    expect(await assessmentState(ctx)).toEqual(before);

    const [audit] = await auditFor(ctx, "assessment.picked_up");
    expect(audit).toMatchObject({
      actorUserId: first.user.id,
      subjectId: sub.submissionId,
      details: { learnerId: sub.userId, version: 1 },
    });
  });

  it("gives a submission to exactly one of two assessors picking it up at the same moment", async () => {
    const contenders = await Promise.all([assessor(), assessor(), assessor()]);
    const sub = await buildSubmission(ctx);
    const responses = await Promise.all(
      contenders.map((c) => call("POST", pickUpUrl(sub.submissionId), c.cookie)),
    );
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409]);
    const winner = contenders[responses.findIndex((r) => r.statusCode === 200)];
    expect((await submissionState(ctx, sub.submissionId)).assessor_id).toBe(winner?.user.id);
    expect(
      (await auditFor(ctx, "assessment.picked_up")).filter((a) => a.subjectId === sub.submissionId),
    ).toHaveLength(1);
  });

  it("refuses my own portfolio and my team's with 403, and the wrong people, changing nothing", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const me = await assessor({ teamId: team });
    const own = await buildSubmission(ctx, { userId: me.user.id });
    const teammate = await buildSubmission(ctx);
    await setTeam(ctx, teammate.userId, team);
    const before = await assessmentState(ctx);

    const self = await call("POST", pickUpUrl(own.submissionId), me.cookie);
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toBe(
      "You cannot assess your own portfolio. A platform administrator will allocate it to another assessor.",
    );
    const sameTeam = await call("POST", pickUpUrl(teammate.submissionId), me.cookie);
    expect(sameTeam.statusCode).toBe(403);
    expect(sameTeam.json().message).toContain("You cannot assess a learner in your own team");
    expect((await call("POST", pickUpUrl(teammate.submissionId))).statusCode).toBe(401);
    expect((await call("POST", pickUpUrl(teammate.submissionId), plainLearner.cookie)).statusCode).toBe(403);
    expect((await call("POST", pickUpUrl(teammate.submissionId), verifier.cookie)).statusCode).toBe(403);
    expect((await call("POST", pickUpUrl(teammate.submissionId), admin.cookie)).statusCode).toBe(403);
    expect((await call("POST", pickUpUrl(UNKNOWN_ID), me.cookie)).statusCode).toBe(404);
    const bad = await call("POST", pickUpUrl("not-an-id"), me.cookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe("The submission id is not valid");
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it("will not pick up a submission that has been decided", async () => {
    const me = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    expect(
      (await call("POST", decisionUrl(sub.submissionId), me.cookie, decisionBody(sub.criteria, "pass")))
        .statusCode,
    ).toBe(200);
    await ctx.database.rawQuery("update portfolio_submissions set assessor_id = null where id = $1", [
      sub.submissionId,
    ]);
    const other = await assessor();
    const response = await call("POST", pickUpUrl(sub.submissionId), other.cookie);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain("no longer waiting for an assessor");
  });
});

describe("the side-by-side view", () => {
  it("shows the allocated assessor the criteria with guidance, the evidence against each (safely), and is audited", async () => {
    const me = await assessor();
    const sub = await buildSubmission(ctx, {
      assessorId: me.user.id,
      user: { givenName: "Priya", familyName: "Shah" },
    });
    const response = await call("GET", viewUrl(sub.submissionId), me.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json<SubmissionDetail>();
    expect(view).toMatchObject({
      id: sub.submissionId,
      portfolioId: sub.portfolioId,
      version: 1,
      status: "awaiting_assessment",
      declaration: "I confirm that this portfolio is my own work.",
      learner: { id: sub.userId, name: "Priya Shah" },
      course: {
        title: "The Productive Ward: Practitioner",
        level: "practitioner",
        programme: "The Productive Ward",
      },
      assessor: { id: me.user.id },
      decisions: [],
      underReview: null,
      overturnedBy: null,
      earlierVersions: [],
      actions: { decide: true, verify: false, reason: null },
    });
    expect(view.units.map((u) => [u.title, u.outcomes.map((o) => o.criteria.map((c) => c.code))])).toEqual([
      ["Unit 1: Leading improvement on the ward", [["1.1", "1.2"], ["1.3"]]],
      ["Unit 2: Sustaining the gains", [["2.1"]]],
    ]);
    const c12 = view.units[0]?.outcomes[0]?.criteria[1];
    expect(c12?.assessorGuidance).toBe(
      "A run chart or SPC chart with at least 12 points is strong evidence.",
    );
    const [reflection, link, file] = view.evidence;
    expect(c12?.evidenceIds).toEqual([reflection?.id, link?.id]);
    expect(reflection?.bodyHtml).toContain("<strong>halved</strong>");
    expect(reflection?.bodyHtml).not.toContain("<script>");
    expect(reflection?.bodyHtml).toContain("&lt;script&gt;");
    expect(link?.link).toEqual({
      href: "https://example.org/spc-chart",
      text: "https://example.org/spc-chart",
    });
    expect(file?.file).toEqual({
      href: `/api/portfolios/${sub.portfolioId}/files/${sub.fileId}`,
      filename: "ward-audit.pdf",
      contentType: "application/pdf",
      sizeBytes: expect.any(Number),
    });

    const [audit] = await auditFor(ctx, "assessment.submission_viewed");
    expect(audit).toMatchObject({
      actorUserId: me.user.id,
      subjectType: "portfolio_submission",
      subjectId: sub.submissionId,
      details: { learnerId: sub.userId, version: 1, via: "assessment" },
    });
  });

  it("is open to internal verifiers and platform administrators (who cannot decide), and closed to everyone else", async () => {
    const me = await assessor();
    const other = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    for (const who of [verifier, admin]) {
      const response = await call("GET", viewUrl(sub.submissionId), who.cookie);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<SubmissionDetail>().actions).toEqual({
        decide: false,
        verify: false,
        reason: null,
      });
    }
    expect((await call("GET", viewUrl(sub.submissionId))).statusCode).toBe(401);
    const learnerView = await call("GET", viewUrl(sub.submissionId), plainLearner.cookie);
    expect(learnerView.statusCode).toBe(403);
    if (!sub.learner) throw new Error("the fixture made no learner");
    const ownerCookie = await signIn(ctx, sub.learner);
    expect((await call("GET", viewUrl(sub.submissionId), ownerCookie)).statusCode).toBe(403);
    const otherView = await call("GET", viewUrl(sub.submissionId), other.cookie);
    expect(otherView.statusCode).toBe(403);
    expect(otherView.json().message).toContain("allocated to another assessor");
    expect((await call("GET", viewUrl(UNKNOWN_ID), me.cookie)).statusCode).toBe(404);
    expect((await call("GET", viewUrl("nope"), me.cookie)).statusCode).toBe(400);
    const viewers = (await auditFor(ctx, "assessment.submission_viewed"))
      .filter((a) => a.subjectId === sub.submissionId)
      .map((a) => a.actorUserId);
    expect(viewers.sort()).toEqual([verifier.user.id, admin.user.id].sort());
  });

  it("says why an assessor allocated their own team's work cannot decide it", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const me = await assessor({ teamId: team });
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    await setTeam(ctx, sub.userId, team);
    const view = (await call("GET", viewUrl(sub.submissionId), me.cookie)).json<SubmissionDetail>();
    expect(view.actions.decide).toBe(false);
    expect(view.actions.reason).toContain("You cannot assess a learner in your own team");
  });
});

describe("deciding", () => {
  it("refers back at once when not sampled: submission and portfolio referred, learner emailed, audited", async () => {
    const me = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id, user: { givenName: "Rhian" } });
    const body = decisionBody(sub.criteria, "refer");
    const response = await call("POST", decisionUrl(sub.submissionId), me.cookie, body);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<DecisionResult>();
    expect(result).toMatchObject({ submissionId: sub.submissionId, status: "referred", sampled: false });
    expect(result.decision).toMatchObject({
      outcome: "refer",
      feedback: body.feedback,
      assessor: { id: me.user.id },
      sampled: false,
      supersededAt: null,
      verification: null,
    });
    expect(result.decision.criteria[0]).toEqual({
      criterionId: sub.criteria[0]?.id,
      code: "1.1",
      statement: sub.criteria[0]?.statement,
      decision: "not_yet_met",
      feedback: "Show a before-and-after measure.",
    });
    expect(await submissionState(ctx, sub.submissionId)).toMatchObject({
      status: "referred",
      portfolio_status: "referred",
    });
    const [mail] = await mailTo(ctx, sub.learner?.email ?? "");
    expect(mail?.subject).toBe("Your portfolio for The Productive Ward: Practitioner has been referred back");
    expect(mail?.text).toContain("Dear Rhian,");
    expect(mail?.text).toContain(`/learning/${sub.enrolmentId}/portfolio`);
    const [audit] = await auditFor(ctx, "assessment.decided");
    expect(audit).toMatchObject({
      actorUserId: me.user.id,
      subjectId: sub.submissionId,
      details: {
        outcome: "refer",
        sampled: false,
        learnerId: sub.userId,
        version: 1,
        decisionId: result.decision.id,
      },
    });

    // The view now shows the decision and no action; a second decision is refused.
    const view = (await call("GET", viewUrl(sub.submissionId), me.cookie)).json<SubmissionDetail>();
    expect(view.decisions.map((d) => d.id)).toEqual([result.decision.id]);
    expect(view.actions.decide).toBe(false);
    const before = await assessmentState(ctx);
    const again = await call(
      "POST",
      decisionUrl(sub.submissionId),
      me.cookie,
      decisionBody(sub.criteria, "pass"),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("already been decided");
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it("passes at once when not sampled: submission and portfolio passed, achievement recorded, learner emailed", async () => {
    const me = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    await ctx.database.rawQuery("update enrolments set completed_at = now() where id = $1", [
      sub.enrolmentId,
    ]);
    const response = await call("POST", decisionUrl(sub.submissionId), me.cookie, {
      ...decisionBody(sub.criteria, "pass"),
      feedback: "",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<DecisionResult>()).toMatchObject({ status: "passed", sampled: false });
    expect(await submissionState(ctx, sub.submissionId)).toMatchObject({
      status: "passed",
      portfolio_status: "passed",
    });
    expect(await achievementsOf(sub.enrolmentId)).toEqual([{ rule: "completion_and_portfolio" }]);
    const subjects = (await mailTo(ctx, sub.learner?.email ?? "")).map((m) => m.subject);
    expect(subjects).toContain("Your portfolio for The Productive Ward: Practitioner has passed");
    const again = await call(
      "POST",
      decisionUrl(sub.submissionId),
      me.cookie,
      decisionBody(sub.criteria, "pass"),
    );
    expect(again.statusCode).toBe(409);
  });

  it("samples every decision at 100%: it waits for verification, the portfolio stays submitted, nobody is emailed", async () => {
    await setSampling(ctx, { samplePercent: 100, newAssessorDecisions: 0 });
    const me = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    const mailBefore = (await mailTo(ctx, sub.learner?.email ?? "")).length;
    const response = await call(
      "POST",
      decisionUrl(sub.submissionId),
      me.cookie,
      decisionBody(sub.criteria, "pass"),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<DecisionResult>()).toMatchObject({ status: "awaiting_verification", sampled: true });
    expect(await submissionState(ctx, sub.submissionId)).toMatchObject({
      status: "awaiting_verification",
      portfolio_status: "submitted",
    });
    expect(await mailTo(ctx, sub.learner?.email ?? "")).toHaveLength(mailBefore);
    expect(await achievementsOf(sub.enrolmentId)).toEqual([]);
    const again = await call(
      "POST",
      decisionUrl(sub.submissionId),
      me.cookie,
      decisionBody(sub.criteria, "pass"),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("waiting for internal verification");
  });

  it("samples each new assessor's first decisions whatever the percentage, then none at 0%", async () => {
    await setSampling(ctx, { samplePercent: 0, newAssessorDecisions: 2 });
    const me = await assessor();
    const sampled: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      const sub = await buildSubmission(ctx, { assessorId: me.user.id });
      const response = await call(
        "POST",
        decisionUrl(sub.submissionId),
        me.cookie,
        decisionBody(sub.criteria, "pass"),
      );
      expect(response.statusCode, response.body).toBe(200);
      sampled.push(response.json<DecisionResult>().sampled);
    }
    expect(sampled).toEqual([true, true, false]);
    const [audit] = await auditFor(ctx, "assessment.decided");
    expect(audit?.details).toMatchObject({ sampled: false });
  });

  it.each([
    [
      "a criterion left out",
      (b: ReturnType<typeof decisionBody>) => ({ ...b, criteria: b.criteria.slice(1) }),
      "criteria.{0}.decision",
      "Select whether criterion 1.1 is met or not yet met",
    ],
    [
      "an unknown criterion",
      (b: ReturnType<typeof decisionBody>) => ({
        ...b,
        criteria: [...b.criteria, { criterionId: UNKNOWN_ID, decision: "met", feedback: "" }],
      }),
      "criteria",
      `Remove the criteria that are not part of this version: ${UNKNOWN_ID}`,
    ],
    [
      "a criterion judged twice",
      (b: ReturnType<typeof decisionBody>) => ({ ...b, criteria: [...b.criteria, b.criteria[0]] }),
      "criteria.{0}.decision",
      "Judge criterion 1.1 once: it appears more than once in this decision",
    ],
    [
      "a pass with a criterion not yet met",
      (b: ReturnType<typeof decisionBody>) => ({ ...b, outcome: "pass" }),
      "outcome",
      "To pass, every criterion must be met: 1.1 is not yet met, so refer back instead",
    ],
    [
      "a referral with every criterion met",
      (b: ReturnType<typeof decisionBody>) => ({
        ...b,
        criteria: b.criteria.map((c) => ({ ...c, decision: "met" })),
      }),
      "outcome",
      "To refer back, mark at least one criterion not yet met, or pass the portfolio",
    ],
    [
      "a referral without overall feedback",
      (b: ReturnType<typeof decisionBody>) => ({ ...b, feedback: "   " }),
      "feedback",
      "Give overall feedback: say what the learner needs to do before they resubmit",
    ],
    [
      "a criterion not yet met without feedback",
      (b: ReturnType<typeof decisionBody>) => ({
        ...b,
        criteria: b.criteria.map((c, i) => (i === 0 ? { ...c, feedback: "" } : c)),
      }),
      "criteria.{0}.feedback",
      "Give feedback on criterion 1.1: say what the learner needs to show",
    ],
  ])("refuses %s with 422 naming the field, writing nothing", async (_name, change, field, message) => {
    const me = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    const before = await assessmentState(ctx);
    const response = await call(
      "POST",
      decisionUrl(sub.submissionId),
      me.cookie,
      change(decisionBody(sub.criteria, "refer")),
    );
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json();
    expect(body.error).toBe("decision_refused");
    expect(body.details).toEqual([{ field: field.replace("{0}", sub.criteria[0]?.id ?? ""), message }]);
    expect(body.message).toBe(message);
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it("names every missing criterion when none are judged", async () => {
    const me = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    const response = await call("POST", decisionUrl(sub.submissionId), me.cookie, {
      outcome: "pass",
      criteria: [],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toContain("There are 4 problems with this decision");
    for (const code of ["1.1", "1.2", "1.3", "2.1"])
      expect(response.json().message).toContain(`criterion ${code}`);
  });

  it("refuses a malformed decision with 400 and the field", async () => {
    const me = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    const before = await assessmentState(ctx);
    const cases: [unknown, string][] = [
      [{ ...decisionBody(sub.criteria, "pass"), outcome: "maybe" }, "outcome"],
      [{ ...decisionBody(sub.criteria, "pass"), extra: 1 }, "extra"],
      [{ outcome: "pass", criteria: [{ criterionId: "x", decision: "met" }] }, "criteria.0.criterionId"],
      [
        { outcome: "pass", criteria: [{ criterionId: sub.criteria[0]?.id, decision: "sort of" }] },
        "criteria.0.decision",
      ],
      [{ ...decisionBody(sub.criteria, "pass"), feedback: "x".repeat(5001) }, "feedback"],
    ];
    for (const [payload, field] of cases) {
      const response = await call("POST", decisionUrl(sub.submissionId), me.cookie, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it("lets only the allocated assessor decide, never on their own or their team's work (403, nothing written)", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const me = await assessor({ teamId: team });
    const other = await assessor();
    const sub = await buildSubmission(ctx, { assessorId: me.user.id });
    const unallocated = await buildSubmission(ctx);
    // Allocated before the conflicts arose (the learner joined the team; an assessor's own portfolio).
    const teammate = await buildSubmission(ctx, { assessorId: me.user.id });
    await setTeam(ctx, teammate.userId, team);
    const own = await buildSubmission(ctx, { userId: me.user.id, assessorId: me.user.id });
    const before = await assessmentState(ctx);
    const body = (s: { criteria: typeof sub.criteria }) => decisionBody(s.criteria, "pass");

    expect((await call("POST", decisionUrl(sub.submissionId), undefined, body(sub))).statusCode).toBe(401);
    for (const who of [plainLearner, verifier, admin]) {
      expect((await call("POST", decisionUrl(sub.submissionId), who.cookie, body(sub))).statusCode).toBe(403);
    }
    const wrong = await call("POST", decisionUrl(sub.submissionId), other.cookie, body(sub));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toBe(
      "This submission is allocated to another assessor, so only they can decide it.",
    );
    const notPicked = await call("POST", decisionUrl(unallocated.submissionId), me.cookie, body(unallocated));
    expect(notPicked.statusCode).toBe(403);
    expect(notPicked.json().message).toContain("Pick it up from your queue");
    const sameTeam = await call("POST", decisionUrl(teammate.submissionId), me.cookie, body(teammate));
    expect(sameTeam.statusCode).toBe(403);
    expect(sameTeam.json().message).toContain("in your own team");
    const self = await call("POST", decisionUrl(own.submissionId), me.cookie, body(own));
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain("your own portfolio");
    expect((await call("POST", decisionUrl(UNKNOWN_ID), me.cookie, body(sub))).statusCode).toBe(404);
    expect(await assessmentState(ctx)).toEqual(before);
  });
});

describe("allocation by platform administrators", () => {
  it("lists open submissions with filters, oldest first (audited)", async () => {
    const me = await assessor();
    const waiting = await buildSubmission(ctx, { submittedAt: new Date(Date.now() - 30 * DAY) });
    const allocated = await buildSubmission(ctx, {
      assessorId: me.user.id,
      submittedAt: new Date(Date.now() - 29 * DAY),
    });
    const list = async (query: string) => {
      const response = await call("GET", `/api/admin/assessment/submissions${query}`, admin.cookie);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<AllocationPage>();
    };
    const all = await list("?pageSize=100");
    const ids = all.items.map((i) => i.submissionId);
    expect(ids.indexOf(waiting.submissionId)).toBeLessThan(ids.indexOf(allocated.submissionId));
    expect(all.courses).toContainEqual({ id: waiting.courseId, title: "The Productive Ward: Practitioner" });
    const unallocated = await list(`?allocated=no&courseId=${waiting.courseId}&pageSize=100`);
    expect(unallocated.items.map((i) => i.submissionId)).toContain(waiting.submissionId);
    expect(unallocated.items.every((i) => i.assessor === null)).toBe(true);
    const withAssessor = await list("?allocated=yes&status=awaiting_assessment&pageSize=100");
    expect(withAssessor.items.map((i) => i.submissionId)).toContain(allocated.submissionId);
    expect(withAssessor.items.find((i) => i.submissionId === allocated.submissionId)?.assessor?.id).toBe(
      me.user.id,
    );
    expect(withAssessor.items.every((i) => i.assessor !== null && i.status === "awaiting_assessment")).toBe(
      true,
    );
    const verifying = await list("?status=awaiting_verification");
    expect(verifying.items.every((i) => i.status === "awaiting_verification")).toBe(true);
    const paged = await list("?pageSize=1&page=2");
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(paged.items).toHaveLength(1);

    const [audit] = await auditFor(ctx, "assessment.allocation_list_viewed");
    expect(audit).toMatchObject({ actorUserId: admin.user.id, details: { page: 2, rows: 1 } });

    for (const query of [
      "?status=passed",
      "?allocated=maybe",
      "?courseId=abc",
      "?pageSize=101",
      "?colour=red",
    ]) {
      expect((await call("GET", `/api/admin/assessment/submissions${query}`, admin.cookie)).statusCode).toBe(
        400,
      );
    }
    expect((await call("GET", "/api/admin/assessment/submissions")).statusCode).toBe(401);
    for (const who of [me, verifier, plainLearner])
      expect((await call("GET", "/api/admin/assessment/submissions", who.cookie)).statusCode).toBe(403);
  });

  it("lists assessors with their open work and says which cannot take a submission", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const free = await assessor({ givenName: "Fran", familyName: "Aaronson" });
    const teamAssessor = await assessor({ teamId: team, givenName: "Tam", familyName: "Aaronson" });
    const lapsed = await buildStaff(ctx, [], { givenName: "Lapsed" });
    await ctx.database.rawQuery(
      "insert into user_roles (user_id, role, expires_at) values ($1, 'assessor', now() - interval '1 day')",
      [lapsed.user.id],
    );
    const sub = await buildSubmission(ctx);
    await setTeam(ctx, sub.userId, team);
    await buildSubmission(ctx, { assessorId: free.user.id });
    const response = await call(
      "GET",
      `/api/admin/assessment/assessors?submissionId=${sub.submissionId}`,
      admin.cookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    const { assessors, submission } = response.json<AssessorOptions>();
    expect(submission).toMatchObject({
      submissionId: sub.submissionId,
      learner: { id: sub.userId },
      assessor: null,
    });
    expect(assessors.find((a) => a.id === free.user.id)).toMatchObject({
      name: "Fran Aaronson",
      email: free.user.email,
      openAllocations: 1,
      conflict: null,
    });
    expect(assessors.find((a) => a.id === teamAssessor.user.id)).toMatchObject({
      openAllocations: 0,
      conflict: "In the learner's team",
    });
    expect(assessors.some((a) => a.id === lapsed.user.id)).toBe(false);
    expect(assessors.some((a) => a.id === verifier.user.id)).toBe(false);
    expect((await auditFor(ctx, "assessment.assessors_listed"))[0]).toMatchObject({
      actorUserId: admin.user.id,
    });
    expect((await call("GET", "/api/admin/assessment/assessors", free.cookie)).statusCode).toBe(403);
    expect((await call("GET", "/api/admin/assessment/assessors")).statusCode).toBe(401);
    expect(
      (await call("GET", `/api/admin/assessment/assessors?submissionId=${UNKNOWN_ID}`, admin.cookie))
        .statusCode,
    ).toBe(404);
  });

  it("allocates and re-allocates, emailing the assessor each time (audited)", async () => {
    const first = await assessor({ givenName: "Ffion" });
    const second = await assessor({ givenName: "Sol" });
    const sub = await buildSubmission(ctx, { user: { givenName: "Nia", familyName: "Jones" } });
    const response = await call("POST", allocateUrl(sub.submissionId), admin.cookie, {
      assessorId: first.user.id,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<QueueItem>()).toMatchObject({
      assessor: { id: first.user.id },
      status: "awaiting_assessment",
    });
    const [mail] = await mailTo(ctx, first.user.email);
    expect(mail?.subject).toBe("A portfolio has been allocated to you: The Productive Ward: Practitioner");
    expect(mail?.text).toContain("Dear Ffion,");
    expect(mail?.text).toContain("Nia Jones's portfolio");
    expect(mail?.text).toContain(`http://localhost:3000/assessment/submissions/${sub.submissionId}`);
    expect((await queue(first.cookie)).allocated.map((i) => i.submissionId)).toContain(sub.submissionId);

    const again = await call("POST", allocateUrl(sub.submissionId), admin.cookie, {
      assessorId: first.user.id,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("already allocated to Ffion");

    const moved = await call("POST", allocateUrl(sub.submissionId), admin.cookie, {
      assessorId: second.user.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await mailTo(ctx, second.user.email)).toHaveLength(1);
    expect((await queue(first.cookie)).allocated.map((i) => i.submissionId)).not.toContain(sub.submissionId);
    const [audit] = await auditFor(ctx, "assessment.allocated");
    expect(audit).toMatchObject({
      actorUserId: admin.user.id,
      subjectId: sub.submissionId,
      details: {
        assessorId: second.user.id,
        previousAssessorId: first.user.id,
        learnerId: sub.userId,
        version: 1,
      },
    });
  });

  it("refuses people who are not assessors now (422), conflicts (403), decided work (409) and non-admins, writing nothing", async () => {
    const team = await buildOrganisation(ctx, { type: "team" });
    const teamAssessor = await assessor({ teamId: team });
    const selfAssessor = await assessor();
    const fine = await assessor();
    const lapsed = await buildStaff(ctx, [], {});
    await ctx.database.rawQuery(
      "insert into user_roles (user_id, role, expires_at) values ($1, 'assessor', now() - interval '1 minute')",
      [lapsed.user.id],
    );
    const sub = await buildSubmission(ctx);
    await setTeam(ctx, sub.userId, team);
    const selfSub = await buildSubmission(ctx, { userId: selfAssessor.user.id });
    const decided = await buildSubmission(ctx, { assessorId: fine.user.id });
    expect(
      (
        await call(
          "POST",
          decisionUrl(decided.submissionId),
          fine.cookie,
          decisionBody(decided.criteria, "pass"),
        )
      ).statusCode,
    ).toBe(200);
    const before = await assessmentState(ctx);

    for (const target of [plainLearner.user.id, verifier.user.id, lapsed.user.id, UNKNOWN_ID]) {
      const response = await call("POST", allocateUrl(sub.submissionId), admin.cookie, {
        assessorId: target,
      });
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({
        error: "allocation_refused",
        details: [{ field: "assessorId" }],
      });
    }
    const sameTeam = await call("POST", allocateUrl(sub.submissionId), admin.cookie, {
      assessorId: teamAssessor.user.id,
    });
    expect(sameTeam.statusCode).toBe(403);
    expect(sameTeam.json().message).toContain("is in the learner's team");
    const self = await call("POST", allocateUrl(selfSub.submissionId), admin.cookie, {
      assessorId: selfAssessor.user.id,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().message).toContain("cannot assess their own portfolio");
    const done = await call("POST", allocateUrl(decided.submissionId), admin.cookie, {
      assessorId: teamAssessor.user.id,
    });
    expect(done.statusCode).toBe(409);
    expect(
      (await call("POST", allocateUrl(UNKNOWN_ID), admin.cookie, { assessorId: fine.user.id })).statusCode,
    ).toBe(404);
    expect(
      (await call("POST", allocateUrl(sub.submissionId), admin.cookie, { assessorId: "x" })).statusCode,
    ).toBe(400);
    expect((await call("POST", allocateUrl(sub.submissionId), admin.cookie, {})).statusCode).toBe(400);
    expect(
      (await call("POST", allocateUrl(sub.submissionId), undefined, { assessorId: fine.user.id })).statusCode,
    ).toBe(401);
    for (const who of [fine, verifier, plainLearner]) {
      expect(
        (await call("POST", allocateUrl(sub.submissionId), who.cookie, { assessorId: fine.user.id }))
          .statusCode,
      ).toBe(403);
    }
    expect(await assessmentState(ctx)).toEqual(before);
  });
});

describe("verification settings", () => {
  it("shows and changes the sample percentage and new-assessor count (audited)", async () => {
    const response = await call("GET", "/api/admin/assessment/settings", admin.cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<VerificationSettings>()).toMatchObject({
      samplePercent: 0,
      newAssessorDecisions: 0,
    });
    const put = await call("PUT", "/api/admin/assessment/settings", admin.cookie, {
      samplePercent: 25,
      newAssessorDecisions: 5,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<VerificationSettings>()).toMatchObject({
      samplePercent: 25,
      newAssessorDecisions: 5,
      updatedBy: { id: admin.user.id, name: "Dana Reid" },
    });
    expect((await call("GET", "/api/admin/assessment/settings", admin.cookie)).json()).toMatchObject({
      samplePercent: 25,
      newAssessorDecisions: 5,
    });
    const [audit] = await auditFor(ctx, "assessment.settings_changed");
    expect(audit).toMatchObject({
      actorUserId: admin.user.id,
      details: {
        from: { samplePercent: 0, newAssessorDecisions: 0 },
        to: { samplePercent: 25, newAssessorDecisions: 5 },
      },
    });
  });

  it.each([
    [{ samplePercent: 101, newAssessorDecisions: 3 }, "samplePercent"],
    [{ samplePercent: -1, newAssessorDecisions: 3 }, "samplePercent"],
    [{ samplePercent: 12.5, newAssessorDecisions: 3 }, "samplePercent"],
    [{ samplePercent: "20", newAssessorDecisions: 3 }, "samplePercent"],
    [{ samplePercent: 20, newAssessorDecisions: 51 }, "newAssessorDecisions"],
    [{ samplePercent: 20 }, "newAssessorDecisions"],
    [{ samplePercent: 20, newAssessorDecisions: 3, colour: "red" }, "colour"],
  ])("refuses %j with 400 naming %s, changing nothing", async (payload, field) => {
    const before = await assessmentState(ctx);
    const response = await call("PUT", "/api/admin/assessment/settings", admin.cookie, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await assessmentState(ctx)).toEqual(before);
  });

  it("is for platform administrators only", async () => {
    const me = await assessor();
    const before = await assessmentState(ctx);
    expect((await call("GET", "/api/admin/assessment/settings")).statusCode).toBe(401);
    expect(
      (
        await call("PUT", "/api/admin/assessment/settings", undefined, {
          samplePercent: 1,
          newAssessorDecisions: 1,
        })
      ).statusCode,
    ).toBe(401);
    for (const who of [me, verifier, plainLearner]) {
      expect((await call("GET", "/api/admin/assessment/settings", who.cookie)).statusCode).toBe(403);
      expect(
        (
          await call("PUT", "/api/admin/assessment/settings", who.cookie, {
            samplePercent: 1,
            newAssessorDecisions: 1,
          })
        ).statusCode,
      ).toBe(403);
    }
    expect(await assessmentState(ctx)).toEqual(before);
  });
});

describe("the API description", () => {
  it("documents every assessment and verification route", async () => {
    const response = await call("GET", "/api/openapi.json");
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/assessment/queue",
        "/api/assessment/submissions/{id}",
        "/api/assessment/submissions/{id}/pick-up",
        "/api/assessment/submissions/{id}/decision",
        "/api/verification/queue",
        "/api/verification/submissions/{id}",
        "/api/verification/submissions/{id}/verdict",
        "/api/admin/assessment/submissions",
        "/api/admin/assessment/submissions/{id}/allocate",
        "/api/admin/assessment/assessors",
        "/api/admin/assessment/settings",
      ]),
    );
  });
});
