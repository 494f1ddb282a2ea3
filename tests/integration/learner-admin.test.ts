import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedLearnerAdminHistory } from "../../src/server/modules/learner-admin/learner-admin.seed.js";
import { demoPassword, seedDemoAccounts } from "../../src/server/seed.js";
import type { Me } from "../../src/shared/accounts.js";
import type {
  AdminApplication,
  AdminApplicationPage,
  Application,
  LearnerAdminOverview,
  Nomination,
  ProgressVisibility,
} from "../../src/shared/learner-admin.js";
import {
  auditFor,
  buildAdmin,
  buildUser,
  mailTo,
  organisationByOds,
  signIn,
  type TestUser,
  tableCounts,
  tokenFromMail,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: TestUser;
let adminCookie: string;
let leeds: string;
let nottingham: string;
let demoTrust: string;
let demoDirectorate: string;
let demoTeam: string;

const DAY = 86_400_000;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

async function organisationByName(name: string): Promise<string> {
  const [row] = (await ctx.database.rawQuery("select id from organisations where name = $1", [
    name,
  ])) as Array<{
    id: string;
  }>;
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildAdmin(ctx, { givenName: "Morgan", familyName: "Hale" });
  adminCookie = await signIn(ctx, admin);
  leeds = await organisationByOds(ctx, "RR8");
  nottingham = await organisationByOds(ctx, "RX1");
  demoTrust = await organisationByName("QI Academy Demo Community NHS Trust");
  demoDirectorate = await organisationByName("Community Services Directorate");
  demoTeam = await organisationByName("Riverside District Nursing Team");
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST";
const call = (method: Method, url: string, cookie?: string, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

/** Counts of this module's tables plus the shared ones a refused request must not touch. */
async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from learner_admin_applications) as applications,
            (select coalesce(string_agg(status::text, ',' order by id), '') from learner_admin_applications) as statuses,
            (select count(*)::int from learner_admin_nominees) as nominees,
            (select coalesce(string_agg(status::text || coalesce(token_hash, ''), ',' order by id), '')
               from learner_admin_nominees) as nominee_state,
            (select count(*)::int from user_roles where role = 'learner_admin') as roles`,
  )) as Array<Record<string, number | string>>;
  return { ...(await tableCounts(ctx)), ...row };
}

const unique = () => randomBytes(4).toString("hex");

/** A valid application body for an organisation, with fresh nominee addresses. */
function applicationBody(organisationId: string, overrides: Record<string, unknown> = {}) {
  const tag = unique();
  return {
    organisationId,
    reason: "I report our team's QI training to the board.",
    lineManagerName: "Lee Manager",
    lineManagerEmail: `manager-${tag}@example.nhs.uk`,
    caldicottGuardianName: "Cal Guardian",
    caldicottGuardianEmail: `caldicott-${tag}@example.nhs.uk`,
    hrLeadName: "Harriet Lead",
    hrLeadEmail: `hr-${tag}@example.nhs.uk`,
    ...overrides,
  };
}

/** A signed-in member of an organisation (Leeds unless told). */
async function member(options: Parameters<typeof buildUser>[1] = {}) {
  const user = await buildUser(ctx, {
    organisationId: leeds,
    givenName: "Sam",
    familyName: "Okoro",
    ...options,
  });
  return { user, cookie: await signIn(ctx, user) };
}

async function apply(cookie: string, body: Record<string, unknown>): Promise<Application> {
  const response = await call("POST", "/api/me/learner-admin/applications", cookie, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Application;
}

const linkOf = (email: string) => tokenFromMail(ctx, email, "/nominations/respond");

async function confirmAll(application: Application) {
  for (const nominee of application.nominees) {
    const token = await linkOf(nominee.email);
    const response = await call("POST", "/api/nominations/confirm", undefined, { token });
    expect(response.statusCode, response.body).toBe(200);
  }
}

async function overview(cookie: string) {
  const response = await call("GET", "/api/me/learner-admin", cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as LearnerAdminOverview;
}

async function me(cookie: string) {
  return (await call("GET", "/api/me", cookie)).json() as Me;
}

/** Someone holding learner_admin for an organisation until `expiresAt` (a year ahead unless told). */
async function learnerAdmin(organisationId = leeds, expiresAt = new Date(Date.now() + 365 * DAY)) {
  return member({ organisationId, roles: ["learner", { role: "learner_admin", organisationId, expiresAt }] });
}

async function roleIdOf(userId: string, organisationId: string): Promise<string> {
  const [row] = (await ctx.database.rawQuery(
    "select id from user_roles where user_id = $1 and role = 'learner_admin' and organisation_id = $2",
    [userId, organisationId],
  )) as Array<{ id: string }>;
  if (!row) throw new Error("no learner_admin role");
  return row.id;
}

/** An application whose three nominees have confirmed, ready for a decision. */
async function readyForDecision(organisationId = leeds) {
  const applicant = await member({ organisationId });
  const application = await apply(applicant.cookie, applicationBody(organisationId));
  await confirmAll(application);
  return { ...applicant, application };
}

describe("applying", () => {
  it("applies for the organisation, emails each nominee a single-use link, and shows where it stands (audited)", async () => {
    const { user, cookie } = await member();
    const page = await overview(cookie);
    expect(page).toMatchObject({ access: [], applications: [], cannotApply: null });
    expect(page.organisations[0]).toEqual({
      id: leeds,
      name: "Leeds Teaching Hospitals NHS Trust",
      depth: 0,
    });

    const body = applicationBody(leeds);
    const application = await apply(cookie, body);
    expect(application).toMatchObject({
      organisation: { id: leeds, name: "Leeds Teaching Hospitals NHS Trust" },
      kind: "new",
      status: "awaiting_nominees",
      reason: body.reason,
    });
    expect(application.nominees.map((n) => [n.role, n.name, n.email, n.status])).toEqual([
      ["line_manager", "Lee Manager", body.lineManagerEmail, "pending"],
      ["caldicott_guardian", "Cal Guardian", body.caldicottGuardianEmail, "pending"],
      ["hr_lead", "Harriet Lead", body.hrLeadEmail, "pending"],
    ]);
    const expires = Date.parse(application.nominees[0]?.linkExpiresAt ?? "");
    expect(expires - Date.now()).toBeGreaterThan(13.9 * DAY);
    expect(expires - Date.now()).toBeLessThan(14.1 * DAY);

    for (const email of [body.lineManagerEmail, body.caldicottGuardianEmail, body.hrLeadEmail]) {
      const [mail] = await mailTo(ctx, email);
      expect(mail?.subject).toContain("Sam Okoro");
      expect(mail?.text).toContain("Leeds Teaching Hospitals NHS Trust");
      expect(mail?.text).toMatch(/\/nominations\/respond\?token=[A-Za-z0-9_-]{40,}/);
    }
    // Only keyed hashes are stored, never the token in the email.
    const token = await linkOf(body.lineManagerEmail);
    const stored = (await ctx.database.rawQuery("select token_hash from learner_admin_nominees")) as Array<{
      token_hash: string;
    }>;
    expect(stored.some((r) => r.token_hash === token)).toBe(false);

    expect((await overview(cookie)).applications.map((a) => a.id)).toEqual([application.id]);
    const [audit] = await auditFor(ctx, "learner_admin.apply");
    expect(audit).toMatchObject({ actorUserId: user.id, subjectId: application.id });
  });

  it("may apply for a unit below their organisation, and is offered the whole tree", async () => {
    const { cookie } = await member({ organisationId: demoTrust });
    const page = await overview(cookie);
    expect(page.organisations.map((o) => [o.id, o.depth])).toEqual([
      [demoTrust, 0],
      [demoDirectorate, 1],
      [demoTeam, 2],
    ]);
    const application = await apply(cookie, applicationBody(demoTeam));
    expect(application.organisation.name).toBe("Riverside District Nursing Team");
  });

  it.each([
    [
      "an organisation outside their own",
      () => ({ organisationId: nottingham }),
      "organisationId",
      "Choose your own organisation or one below it",
    ],
    [
      "an organisation above their own",
      () => ({ organisationId: "__parent__" }),
      "organisationId",
      "Choose your own organisation or one below it",
    ],
    [
      "themselves as line manager",
      () => ({ lineManagerEmail: "__self__" }),
      "lineManagerEmail",
      "You cannot be your own line manager",
    ],
    [
      "themselves as Caldicott Guardian, in capitals",
      () => ({ caldicottGuardianEmail: "__SELF__" }),
      "caldicottGuardianEmail",
      "You cannot be your own Caldicott Guardian",
    ],
    [
      "the same person twice",
      () => ({ lineManagerEmail: "same@example.nhs.uk", hrLeadEmail: "Same@example.nhs.uk" }),
      "hrLeadEmail",
      "Enter a different person for each nominee",
    ],
  ])("refuses (422, field message) naming %s, writing nothing", async (_label, overrides, field, message) => {
    const { user, cookie } = await member();
    const values = Object.fromEntries(
      Object.entries(overrides()).map(([k, v]) => [
        k,
        v === "__self__" ? user.email : v === "__SELF__" ? user.email.toUpperCase() : v,
      ]),
    );
    if (values.organisationId === "__parent__") {
      values.organisationId =
        (
          (await ctx.database.rawQuery("select parent_id from organisations where id = $1", [
            leeds,
          ])) as Array<{
            parent_id: string;
          }>
        )[0]?.parent_id ?? "";
    }
    const before = await counts();
    const response = await call("POST", "/api/me/learner-admin/applications", cookie, {
      ...applicationBody(leeds),
      ...values,
    });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({
      error: "application_refused",
      details: [{ field, message: expect.stringContaining(message) }],
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses an unverified account and one with no listed organisation (422), writing nothing", async () => {
    const unverified = await member({ verified: false });
    const noOrganisation = await member({ organisationId: null });
    expect((await overview(unverified.cookie)).cannotApply).toContain("Confirm your email address");
    expect((await overview(noOrganisation.cookie)).cannotApply).toContain("Choose your organisation");
    const before = await counts();
    const a = await call(
      "POST",
      "/api/me/learner-admin/applications",
      unverified.cookie,
      applicationBody(leeds),
    );
    expect(a.statusCode).toBe(422);
    expect(a.json().message).toContain("Confirm your email address");
    const b = await call(
      "POST",
      "/api/me/learner-admin/applications",
      noOrganisation.cookie,
      applicationBody(leeds),
    );
    expect(b.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("refuses a second open application for the same organisation (422)", async () => {
    const { cookie } = await member();
    await apply(cookie, applicationBody(leeds));
    const before = await counts();
    const again = await call("POST", "/api/me/learner-admin/applications", cookie, applicationBody(leeds));
    expect(again.statusCode).toBe(422);
    expect(again.json().details[0]).toMatchObject({
      field: "organisationId",
      message: expect.stringContaining("already have an open application"),
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses access that is not near its end, and accepts a renewal within 60 days of it or after it lapses", async () => {
    const current = await learnerAdmin(leeds, new Date(Date.now() + 90 * DAY));
    const before = await counts();
    const early = await call(
      "POST",
      "/api/me/learner-admin/applications",
      current.cookie,
      applicationBody(leeds),
    );
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toContain("You can renew it from 60 days before then");
    expect(await counts()).toEqual(before);

    const ending = await learnerAdmin(leeds, new Date(Date.now() + 30 * DAY));
    expect((await overview(ending.cookie)).access[0]).toMatchObject({ renewalOpen: true });
    expect((await apply(ending.cookie, applicationBody(leeds))).kind).toBe("renewal");

    const lapsed = await learnerAdmin(leeds, new Date(Date.now() - DAY));
    expect((await overview(lapsed.cookie)).access).toEqual([]);
    expect((await me(lapsed.cookie)).roles.map((r) => r.role)).toEqual(["learner"]);
    expect((await apply(lapsed.cookie, applicationBody(leeds))).kind).toBe("renewal");
  });

  it("accepts only one of two applications sent at once for the same organisation", async () => {
    const { cookie } = await member();
    const statuses = await Promise.all(
      [applicationBody(leeds), applicationBody(leeds)].map(
        async (body) => (await call("POST", "/api/me/learner-admin/applications", cookie, body)).statusCode,
      ),
    );
    expect(statuses.sort()).toEqual([201, 422]);
    expect((await overview(cookie)).applications).toHaveLength(1);
  });

  it.each([
    ["no nominees", { lineManagerName: undefined, lineManagerEmail: undefined }],
    ["a badly formed email", { hrLeadEmail: "not-an-email" }],
    ["an empty reason", { reason: "  " }],
    ["a reason over 2,000 characters", { reason: "x".repeat(2001) }],
    ["an organisation id that is not a UUID", { organisationId: "leeds" }],
    ["an unknown field", { phone: "0113" }],
  ])("answers 400 to %s, writing nothing", async (_label, overrides) => {
    const { cookie } = await member();
    const before = await counts();
    const response = await call("POST", "/api/me/learner-admin/applications", cookie, {
      ...applicationBody(leeds),
      ...overrides,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error).toBe("validation_failed");
    expect(await counts()).toEqual(before);
  });
});

describe("nominees answering through their links", () => {
  it("shows who applied, for what and why, and no more; confirming all three awaits a decision and emails admins", async () => {
    const { cookie, application } = await (async () => {
      const m = await member();
      return { ...m, application: await apply(m.cookie, applicationBody(leeds)) };
    })();
    const [first, second, third] = application.nominees;
    if (!first || !second || !third) throw new Error("three nominees expected");
    const token = await linkOf(first.email);
    const view = await call("GET", `/api/nominations?token=${encodeURIComponent(token)}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(Object.keys(view.json()).sort()).toEqual(
      [
        "applicantEmail",
        "applicantJobRole",
        "applicantName",
        "kind",
        "linkExpiresAt",
        "nomineeName",
        "nomineeRole",
        "organisationName",
        "reason",
      ].sort(),
    );
    expect(view.json() as Nomination).toMatchObject({
      applicantName: "Sam Okoro",
      organisationName: "Leeds Teaching Hospitals NHS Trust",
      nomineeName: "Lee Manager",
      nomineeRole: "line_manager",
      reason: application.reason,
    });

    const confirmed = await call("POST", "/api/nominations/confirm", undefined, { token });
    expect(confirmed.json()).toEqual({ status: "confirmed", applicantName: "Sam Okoro" });
    const after = (await overview(cookie)).applications[0];
    expect(after?.status).toBe("awaiting_nominees");
    expect(after?.nominees[0]).toMatchObject({ status: "confirmed", linkExpiresAt: null });
    expect(after?.nominees[0]?.respondedAt).not.toBeNull();

    const adminMailBefore = (await mailTo(ctx, admin.email)).length;
    for (const nominee of [second, third]) {
      await call("POST", "/api/nominations/confirm", undefined, { token: await linkOf(nominee.email) });
    }
    expect((await overview(cookie)).applications[0]?.status).toBe("awaiting_decision");
    const adminMail = await mailTo(ctx, admin.email);
    expect(adminMail.length).toBe(adminMailBefore + 1);
    expect(adminMail[0]?.text).toContain(`/admin/learner-administrators/${application.id}`);
    expect((await auditFor(ctx, "learner_admin.nominee_confirm")).length).toBeGreaterThanOrEqual(3);
  });

  it("moves on once when the last two nominees confirm at the same moment, emailing administrators once", async () => {
    const { cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const [first, second, third] = application.nominees;
    if (!first || !second || !third) throw new Error("three nominees expected");
    await call("POST", "/api/nominations/confirm", undefined, { token: await linkOf(first.email) });
    const adminMailBefore = (await mailTo(ctx, admin.email)).length;
    const tokens = [await linkOf(second.email), await linkOf(third.email)];
    const answers = await Promise.all(
      tokens.map(
        async (token) => (await call("POST", "/api/nominations/confirm", undefined, { token })).statusCode,
      ),
    );
    expect(answers).toEqual([200, 200]);
    expect((await overview(cookie)).applications[0]?.status).toBe("awaiting_decision");
    expect((await mailTo(ctx, admin.email)).length).toBe(adminMailBefore + 1);
  });

  it("treats a used link as gone (410), an unknown one as not found (404), and an expired one as gone (410)", async () => {
    const { cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const [first, second] = application.nominees;
    if (!first || !second) throw new Error("nominees expected");
    const token = await linkOf(first.email);
    expect((await call("POST", "/api/nominations/confirm", undefined, { token })).statusCode).toBe(200);
    const before = await counts();
    const reused = await call("POST", "/api/nominations/decline", undefined, { token });
    expect(reused.statusCode).toBe(410);
    expect(reused.json()).toMatchObject({
      error: "link_gone",
      message: expect.stringContaining("already been used"),
    });
    expect((await call("GET", `/api/nominations?token=${token}`)).statusCode).toBe(410);

    const unknown = await call("GET", `/api/nominations?token=${"x".repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).not.toContain("Sam");
    expect(
      (await call("POST", "/api/nominations/confirm", undefined, { token: "y".repeat(43) })).statusCode,
    ).toBe(404);

    const secondToken = await linkOf(second.email);
    await ctx.database.rawQuery(
      "update learner_admin_nominees set token_expires_at = now() - interval '1 minute' where id = $1",
      [second.id],
    );
    const expiredView = await call("GET", `/api/nominations?token=${secondToken}`);
    expect(expiredView.statusCode).toBe(410);
    expect(expiredView.json().message).toContain("expired");
    expect(expiredView.body).not.toContain("Sam");
    expect(
      (await call("POST", "/api/nominations/confirm", undefined, { token: secondToken })).statusCode,
    ).toBe(410);
    expect(await counts()).toEqual(before);
  });

  it("ends the application when a nominee declines, emailing the applicant their reason; other links then stop", async () => {
    const { user, cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const [first, second] = application.nominees;
    if (!first || !second) throw new Error("nominees expected");
    const declined = await call("POST", "/api/nominations/decline", undefined, {
      token: await linkOf(second.email),
      reason: "I do not know this person.",
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json().status).toBe("declined");
    const after = (await overview(cookie)).applications[0];
    expect(after?.status).toBe("declined_by_nominee");
    expect(after?.nominees[1]?.status).toBe("declined");
    const [mail] = await mailTo(ctx, user.email);
    expect(mail?.subject).toContain("declined by a nominee");
    expect(mail?.text).toContain("I do not know this person.");
    const [audit] = await auditFor(ctx, "learner_admin.nominee_decline");
    expect(audit).toMatchObject({ actorUserId: null, subjectId: application.id });
    const late = await call("POST", "/api/nominations/confirm", undefined, {
      token: await linkOf(first.email),
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().message).toContain("no longer waiting");
  });

  it("answers 400 to a missing token or an over-long decline reason, writing nothing", async () => {
    const before = await counts();
    expect((await call("GET", "/api/nominations")).statusCode).toBe(400);
    expect((await call("POST", "/api/nominations/confirm", undefined, {})).statusCode).toBe(400);
    expect(
      (
        await call("POST", "/api/nominations/decline", undefined, {
          token: "z".repeat(43),
          reason: "x".repeat(2001),
        })
      ).statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("the applicant re-sending and withdrawing", () => {
  it("re-sends a nominee's email with a new link; the old link stops working (audited)", async () => {
    const { cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const nominee = application.nominees[2];
    if (!nominee) throw new Error("nominee expected");
    const old = await linkOf(nominee.email);
    const response = await call(
      "POST",
      `/api/me/learner-admin/applications/${application.id}/nominees/${nominee.id}/resend`,
      cookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    const fresh = await linkOf(nominee.email);
    expect(fresh).not.toBe(old);
    expect((await call("GET", `/api/nominations?token=${old}`)).statusCode).toBe(404);
    expect((await call("GET", `/api/nominations?token=${fresh}`)).statusCode).toBe(200);
    expect((await auditFor(ctx, "learner_admin.resend"))[0]).toMatchObject({ subjectId: application.id });
  });

  it("refuses to re-send to someone who answered (409) and throttles repeated re-sends (429)", async () => {
    const { cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const [first, second] = application.nominees;
    if (!first || !second) throw new Error("nominees expected");
    await call("POST", "/api/nominations/confirm", undefined, { token: await linkOf(first.email) });
    const url = (id: string) => `/api/me/learner-admin/applications/${application.id}/nominees/${id}/resend`;
    expect((await call("POST", url(first.id), cookie)).statusCode).toBe(409);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call("POST", url(second.id), cookie)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("withdraws an open application (its links then answer 410) but not an ended one (409)", async () => {
    const { cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const token = await linkOf(application.nominees[0]?.email ?? "");
    const response = await call(
      "POST",
      `/api/me/learner-admin/applications/${application.id}/withdraw`,
      cookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe("withdrawn");
    expect((await call("GET", `/api/nominations?token=${token}`)).statusCode).toBe(410);
    const again = await call("POST", `/api/me/learner-admin/applications/${application.id}/withdraw`, cookie);
    expect(again.statusCode).toBe(409);
    expect((await auditFor(ctx, "learner_admin.withdraw"))[0]).toMatchObject({ subjectId: application.id });
    // Withdrawn, the organisation is free to apply for again.
    await apply(cookie, applicationBody(leeds));
  });

  it("answers 404 to anyone else's application, as to one that does not exist", async () => {
    const { cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const other = await member({ organisationId: nottingham });
    const before = await counts();
    const nominee = application.nominees[0]?.id ?? "";
    for (const cookieOf of [other.cookie, adminCookie]) {
      const theirs = await call(
        "POST",
        `/api/me/learner-admin/applications/${application.id}/nominees/${nominee}/resend`,
        cookieOf,
      );
      expect(theirs.statusCode).toBe(404);
      expect(
        (await call("POST", `/api/me/learner-admin/applications/${application.id}/withdraw`, cookieOf))
          .statusCode,
      ).toBe(404);
    }
    expect(
      (await call("POST", `/api/me/learner-admin/applications/${UNKNOWN_ID}/withdraw`, other.cookie))
        .statusCode,
    ).toBe(404);
    expect(await counts()).toEqual({ ...before });
  });
});

describe("platform administrators deciding", () => {
  it("lists applications by status and shows one with its nominees' answers (both audited)", async () => {
    const { application } = await readyForDecision();
    const list = await call(
      "GET",
      "/api/admin/learner-admin/applications?status=awaiting_decision",
      adminCookie,
    );
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json() as AdminApplicationPage;
    const row = page.items.find((i) => i.id === application.id);
    expect(row).toMatchObject({ applicant: { name: "Sam Okoro" }, confirmedNominees: 3, kind: "new" });
    const one = await call("GET", `/api/admin/learner-admin/applications/${application.id}`, adminCookie);
    expect(one.statusCode, one.body).toBe(200);
    const view = one.json() as AdminApplication;
    expect(view.nominees.map((n) => n.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
    expect(view.nominees.every((n) => n.respondedAt !== null)).toBe(true);
    expect(view).toMatchObject({ reason: application.reason, access: null, decidedAt: null });
    expect((await auditFor(ctx, "learner_admin.list"))[0]).toMatchObject({ actorUserId: admin.id });
    expect((await auditFor(ctx, "learner_admin.view"))[0]).toMatchObject({ subjectId: application.id });
  });

  it("approves: learner_admin for that organisation for 12 months, granted by the admin, seen at once by /api/me", async () => {
    const { user, cookie, application } = await readyForDecision();
    const response = await call(
      "POST",
      `/api/admin/learner-admin/applications/${application.id}/approve`,
      adminCookie,
      {},
    );
    expect(response.statusCode, response.body).toBe(200);
    const decided = response.json() as AdminApplication;
    expect(decided).toMatchObject({
      status: "approved",
      decidedByName: "Morgan Hale",
      access: { active: true },
    });
    const [role] = (await ctx.database.rawQuery(
      "select id, granted_by, expires_at, granted_at from user_roles where user_id = $1 and role = 'learner_admin'",
      [user.id],
    )) as Array<{ id: string; granted_by: string; expires_at: Date | string; granted_at: Date | string }>;
    expect(role?.granted_by).toBe(admin.id);
    expect(decided.access?.roleId).toBe(role?.id);
    const expiresAt = new Date(role?.expires_at ?? 0);
    const expected = new Date();
    expected.setUTCFullYear(expected.getUTCFullYear() + 1);
    expect(Math.abs(expiresAt.getTime() - expected.getTime())).toBeLessThan(2 * DAY);
    const [linked] = (await ctx.database.rawQuery(
      "select user_role_id from learner_admin_applications where id = $1",
      [application.id],
    )) as Array<{ user_role_id: string }>;
    expect(linked?.user_role_id).toBe(role?.id);

    const account = await me(cookie);
    expect(account.roles.find((r) => r.role === "learner_admin")).toMatchObject({
      organisationId: leeds,
      expiresAt: expiresAt.toISOString(),
    });
    const page = await overview(cookie);
    expect(page.access).toEqual([
      expect.objectContaining({ organisation: { id: leeds, name: "Leeds Teaching Hospitals NHS Trust" } }),
    ]);
    expect(page.applications[0]?.status).toBe("approved");
    const [mail] = await mailTo(ctx, user.email);
    expect(mail?.subject).toBe("Your learner administrator access has been approved");
    expect((await auditFor(ctx, "learner_admin.approve"))[0]).toMatchObject({
      actorUserId: admin.id,
      subjectId: application.id,
    });
    // Decided once: a second decision is refused.
    const again = await call(
      "POST",
      `/api/admin/learner-admin/applications/${application.id}/reject`,
      adminCookie,
      {
        reason: "Changed my mind",
      },
    );
    expect(again.statusCode).toBe(409);
  });

  it("extends existing access on an approved renewal (the same role row, a new end date)", async () => {
    const holder = await learnerAdmin(leeds, new Date(Date.now() + 10 * DAY));
    const roleId = await roleIdOf(holder.user.id, leeds);
    const application = await apply(holder.cookie, applicationBody(leeds));
    await confirmAll(application);
    const response = await call(
      "POST",
      `/api/admin/learner-admin/applications/${application.id}/approve`,
      adminCookie,
      { reason: "Renewed for another year" },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().access.roleId).toBe(roleId);
    expect(Date.parse(response.json().access.expiresAt) - Date.now()).toBeGreaterThan(360 * DAY);
  });

  it("rejects only with a reason, emailed to the applicant (audited)", async () => {
    const { user, application } = await readyForDecision();
    const before = await counts();
    const empty = await call(
      "POST",
      `/api/admin/learner-admin/applications/${application.id}/reject`,
      adminCookie,
      {
        reason: " ",
      },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().details[0]).toMatchObject({ field: "reason" });
    expect(await counts()).toEqual(before);
    const response = await call(
      "POST",
      `/api/admin/learner-admin/applications/${application.id}/reject`,
      adminCookie,
      {
        reason: "Your role does not include reporting.",
      },
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: "rejected",
      decisionReason: "Your role does not include reporting.",
    });
    expect((await mailTo(ctx, user.email))[0]?.text).toContain("Your role does not include reporting.");
    expect((await auditFor(ctx, "learner_admin.reject"))[0]).toMatchObject({ subjectId: application.id });
  });

  it("refuses to decide while nominees are still to answer (409), and 404 for an unknown application", async () => {
    const { cookie } = await member();
    const application = await apply(cookie, applicationBody(leeds));
    const before = await counts();
    const early = await call(
      "POST",
      `/api/admin/learner-admin/applications/${application.id}/approve`,
      adminCookie,
      {},
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain("still waiting for its nominees");
    expect(
      (await call("POST", `/api/admin/learner-admin/applications/${UNKNOWN_ID}/approve`, adminCookie, {}))
        .statusCode,
    ).toBe(404);
    expect(
      (await call("GET", `/api/admin/learner-admin/applications/${UNKNOWN_ID}`, adminCookie)).statusCode,
    ).toBe(404);
    expect(
      (await call("GET", "/api/admin/learner-admin/applications?status=maybe", adminCookie)).statusCode,
    ).toBe(400);
    expect(
      (await call("GET", "/api/admin/learner-admin/applications?pageSize=1000", adminCookie)).statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("ending access", () => {
  it("giving up ends access on the very next request of an existing session (audited)", async () => {
    const { user, cookie } = await learnerAdmin();
    const otherSession = await signIn(ctx, user);
    expect((await me(otherSession)).roles.some((r) => r.role === "learner_admin")).toBe(true);
    const roleId = await roleIdOf(user.id, leeds);
    const response = await call("POST", `/api/me/learner-admin/access/${roleId}/give-up`, cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect((await me(otherSession)).roles.some((r) => r.role === "learner_admin")).toBe(false);
    expect((await overview(otherSession)).access).toEqual([]);
    expect((await auditFor(ctx, "learner_admin.give_up"))[0]).toMatchObject({
      actorUserId: user.id,
      subjectId: roleId,
    });
    expect((await call("POST", `/api/me/learner-admin/access/${roleId}/give-up`, cookie)).statusCode).toBe(
      404,
    );
  });

  it("cannot give up someone else's access (404), or a role that is not learner administrator", async () => {
    const holder = await learnerAdmin();
    const roleId = await roleIdOf(holder.user.id, leeds);
    const other = await learnerAdmin(nottingham);
    const before = await counts();
    expect(
      (await call("POST", `/api/me/learner-admin/access/${roleId}/give-up`, other.cookie)).statusCode,
    ).toBe(404);
    expect(
      (await call("POST", `/api/me/learner-admin/access/${roleId}/give-up`, adminCookie)).statusCode,
    ).toBe(404);
    const [adminRole] = (await ctx.database.rawQuery(
      "select id from user_roles where user_id = $1 and role = 'platform_admin'",
      [admin.id],
    )) as Array<{ id: string }>;
    expect(
      (await call("POST", `/api/me/learner-admin/access/${adminRole?.id}/give-up`, adminCookie)).statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("a platform administrator revokes with a reason: emailed, audited, and gone on the holder's next request", async () => {
    const { user, cookie } = await learnerAdmin();
    const roleId = await roleIdOf(user.id, leeds);
    const before = await counts();
    const noReason = await call("POST", `/api/admin/learner-admin/roles/${roleId}/revoke`, adminCookie, {});
    expect(noReason.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    const response = await call("POST", `/api/admin/learner-admin/roles/${roleId}/revoke`, adminCookie, {
      reason: "Moved to another trust.",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await me(cookie)).roles.some((r) => r.role === "learner_admin")).toBe(false);
    expect((await mailTo(ctx, user.email))[0]?.text).toContain("Moved to another trust.");
    expect((await auditFor(ctx, "learner_admin.revoke"))[0]).toMatchObject({
      actorUserId: admin.id,
      subjectId: roleId,
    });
    expect(
      (
        await call("POST", `/api/admin/learner-admin/roles/${roleId}/revoke`, adminCookie, {
          reason: "Again",
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("who can see my progress", () => {
  it("lists my organisation, my team and those above them that have an active learner administrator", async () => {
    const learner = await member({ organisationId: demoTrust });
    await ctx.database.rawQuery("update users set team_id = $1 where id = $2", [demoTeam, learner.user.id]);
    const visible = async () =>
      ((await call("GET", "/api/me/progress-visibility", learner.cookie)).json() as ProgressVisibility)
        .organisations;
    const before = (await visible()).map((o) => o.id);
    expect(before).not.toContain(demoTeam);
    expect(before).not.toContain(demoDirectorate);

    await learnerAdmin(demoTeam);
    await learnerAdmin(demoDirectorate, new Date(Date.now() - DAY)); // lapsed: does not count
    await learnerAdmin(nottingham); // another branch: does not count
    const after = await visible();
    expect(after).toContainEqual({ id: demoTeam, name: "Riverside District Nursing Team" });
    expect(after.map((o) => o.id)).not.toContain(demoDirectorate);
    expect(after.map((o) => o.id)).not.toContain(nottingham);

    // The parent of the demo trust (an ICB) counts too.
    const [icb] = (await ctx.database.rawQuery("select parent_id from organisations where id = $1", [
      demoTrust,
    ])) as Array<{
      parent_id: string;
    }>;
    await learnerAdmin(icb?.parent_id ?? "");
    expect((await visible()).map((o) => o.id)).toContain(icb?.parent_id);
  });
});

describe("the authorisation matrix", () => {
  type Persona = "anonymous" | "unverified" | "otherOrganisation" | "learnerAdmin" | "platformAdmin";
  const personas: Persona[] = [
    "anonymous",
    "unverified",
    "otherOrganisation",
    "learnerAdmin",
    "platformAdmin",
  ];
  let cookies: Record<Persona, string | undefined>;
  let application: Application;
  let roleId: string;

  beforeAll(async () => {
    const unverified = await member({ verified: false });
    const other = await member({ organisationId: nottingham });
    const holder = await learnerAdmin(leeds);
    cookies = {
      anonymous: undefined,
      unverified: unverified.cookie,
      otherOrganisation: other.cookie,
      learnerAdmin: holder.cookie,
      platformAdmin: adminCookie,
    };
    const applicant = await member();
    application = await apply(applicant.cookie, applicationBody(leeds));
    roleId = await roleIdOf(holder.user.id, leeds);
  });

  const adminOnly = (persona: Persona) =>
    persona === "anonymous" ? 401 : persona === "platformAdmin" ? [200, 409] : 403;
  const ownerOnly = (persona: Persona) => (persona === "anonymous" ? 401 : 404);

  const endpoints: Array<{
    name: string;
    method: Method;
    url: () => string;
    body?: () => Record<string, unknown>;
    expected: (persona: Persona) => number | number[];
  }> = [
    {
      name: "GET my overview",
      method: "GET",
      url: () => "/api/me/learner-admin",
      expected: (p) => (p === "anonymous" ? 401 : 200),
    },
    {
      name: "GET progress visibility",
      method: "GET",
      url: () => "/api/me/progress-visibility",
      expected: (p) => (p === "anonymous" ? 401 : 200),
    },
    {
      name: "POST apply for Leeds",
      method: "POST",
      url: () => "/api/me/learner-admin/applications",
      body: () => applicationBody(leeds),
      // Unverified: 422; another organisation's learner: 422 (not theirs); the learner admin: 422 (not near its end);
      // the platform administrator is a member of Leeds with no access yet, so may apply.
      expected: (p) => (p === "anonymous" ? 401 : p === "platformAdmin" ? 201 : 422),
    },
    {
      name: "POST resend someone else's nominee",
      method: "POST",
      url: () =>
        `/api/me/learner-admin/applications/${application.id}/nominees/${application.nominees[0]?.id}/resend`,
      expected: ownerOnly,
    },
    {
      name: "POST withdraw someone else's application",
      method: "POST",
      url: () => `/api/me/learner-admin/applications/${application.id}/withdraw`,
      expected: ownerOnly,
    },
    {
      name: "POST give up someone else's access",
      method: "POST",
      url: () => `/api/me/learner-admin/access/${roleId}/give-up`,
      expected: (p) => (p === "anonymous" ? 401 : p === "learnerAdmin" ? 200 : 404),
    },
    {
      name: "GET the admin list",
      method: "GET",
      url: () => "/api/admin/learner-admin/applications",
      expected: adminOnly,
    },
    {
      name: "GET one application as admin",
      method: "GET",
      url: () => `/api/admin/learner-admin/applications/${application.id}`,
      expected: adminOnly,
    },
    {
      name: "POST approve",
      method: "POST",
      url: () => `/api/admin/learner-admin/applications/${application.id}/approve`,
      body: () => ({}),
      expected: adminOnly,
    },
    {
      name: "POST reject",
      method: "POST",
      url: () => `/api/admin/learner-admin/applications/${application.id}/reject`,
      body: () => ({ reason: "No" }),
      expected: adminOnly,
    },
    {
      name: "POST revoke an unknown role",
      method: "POST",
      url: () => `/api/admin/learner-admin/roles/${UNKNOWN_ID}/revoke`,
      body: () => ({ reason: "No" }),
      expected: (p) => (p === "anonymous" ? 401 : p === "platformAdmin" ? 404 : 403),
    },
    {
      name: "GET a nomination with an unknown token",
      method: "GET",
      url: () => `/api/nominations?token=${"q".repeat(43)}`,
      expected: () => 404,
    },
    {
      name: "POST confirm with an unknown token",
      method: "POST",
      url: () => "/api/nominations/confirm",
      body: () => ({ token: "q".repeat(43) }),
      expected: () => 404,
    },
    {
      name: "POST decline with an unknown token",
      method: "POST",
      url: () => "/api/nominations/decline",
      body: () => ({ token: "q".repeat(43) }),
      expected: () => 404,
    },
  ];

  for (const endpoint of endpoints) {
    it(`${endpoint.name}: ${personas.join(", ")}`, async () => {
      const statuses: Record<string, number> = {};
      for (const persona of personas) {
        const response = await call(endpoint.method, endpoint.url(), cookies[persona], endpoint.body?.());
        statuses[persona] = response.statusCode;
        const expected = endpoint.expected(persona);
        if (Array.isArray(expected))
          expect(expected, `${persona}: ${response.body}`).toContain(response.statusCode);
        else expect(response.statusCode, `${persona}: ${response.body}`).toBe(expected);
      }
    });
  }

  it("a lapsed learner administrator is treated as a learner at once (no access listed, admin endpoints 403)", async () => {
    const { user, cookie } = await learnerAdmin(leeds, new Date(Date.now() + DAY));
    expect((await overview(cookie)).access.length).toBe(1);
    await ctx.database.rawQuery(
      "update user_roles set expires_at = now() - interval '1 second' where user_id = $1 and role = 'learner_admin'",
      [user.id],
    );
    expect((await overview(cookie)).access).toEqual([]);
    expect((await me(cookie)).roles.some((r) => r.role === "learner_admin")).toBe(false);
    expect((await call("GET", "/api/admin/learner-admin/applications", cookie)).statusCode).toBe(403);
  });
});

describe("the demo history", () => {
  it("gives the demo learner administrator an approved application with three confirmed nominees, once", async () => {
    const demo = await createTestApp();
    try {
      await seedDemoAccounts(demo.database.db, demo.config);
      expect(await seedLearnerAdminHistory(demo.database.db)).toBe(true);
      expect(await seedLearnerAdminHistory(demo.database.db)).toBe(false);
      const cookie = await signIn(demo, {
        email: "orgadmin@example.org",
        password: demoPassword(demo.config),
      });
      const response = await demo.app.inject({
        method: "GET",
        url: "/api/me/learner-admin",
        headers: { cookie },
      });
      const page = response.json() as LearnerAdminOverview;
      expect(page.access).toHaveLength(1);
      expect(page.access[0]?.organisation.name).toBe("QI Academy Demo Community NHS Trust");
      expect(Date.parse(page.access[0]?.expiresAt ?? "") - Date.now()).toBeGreaterThan(300 * DAY);
      expect(page.applications).toHaveLength(1);
      expect(page.applications[0]).toMatchObject({ status: "approved", kind: "new" });
      expect(page.applications[0]?.nominees.map((n) => n.status)).toEqual([
        "confirmed",
        "confirmed",
        "confirmed",
      ]);
      const adminCookie = await signIn(demo, {
        email: "admin@example.org",
        password: demoPassword(demo.config),
      });
      const view = await demo.app.inject({
        method: "GET",
        url: `/api/admin/learner-admin/applications/${page.applications[0]?.id}`,
        headers: { cookie: adminCookie },
      });
      expect(view.json()).toMatchObject({ decidedByName: "Priya Shah", access: { active: true } });
    } finally {
      await demo.close();
    }
  });
});
