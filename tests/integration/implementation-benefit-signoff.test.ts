import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBenefitsDemo } from "../../src/server/modules/implementation/benefits.seed.js";
import type {
  BenefitChangeResult,
  BenefitDetail,
  BenefitList,
} from "../../src/shared/implementation-benefits.js";
import { auditFor, buildOrganisation, buildUser, mailTo, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  buildRegistration,
  buildTeam,
  type ImplementationCast,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
let organisationName = "";
const cookies: Record<string, string> = {};

type Method = "GET" | "POST" | "PATCH";

function call(method: Method, url: string, who: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(who ? { headers: { cookie: cookies[who] ?? "" } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from benefits) as benefits,
            (select count(*)::int from benefit_events) as events,
            (select coalesce(sum(revision), 0)::int from benefits) as revisions`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

const stock = (overrides: Record<string, unknown> = {}) => ({
  teamId: cast.teamA.id,
  areaId: cast.registration.areaIds[3],
  title: "Stock reduction at the team base",
  cashable: true,
  cashCategory: "stock",
  method: "Stock count valued at catalogue prices before and after",
  baselinePence: 420000,
  forecastPence: 300000,
  forecastOn: "2026-06-30",
  realisedPence: 310000,
  realisedOn: "2026-05-29",
  ...overrides,
});

async function record(who = "teamLeaderA", overrides: Record<string, unknown> = {}): Promise<BenefitDetail> {
  const response = await call("POST", "/api/benefits", who, stock(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as BenefitDetail;
}

async function decide(id: string, who: string, decision: string, comment = ""): Promise<BenefitChangeResult> {
  const response = await call("POST", `/api/benefits/${id}/decision`, who, { decision, comment });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as BenefitChangeResult;
}

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  const secondFinance = await buildUser(ctx, { organisationId: cast.organisationId, givenName: "Second" });
  await ctx.database.rawQuery(
    "insert into registration_people (registration_id, user_id, role) values ($1, $2, 'finance_lead')",
    [cast.registration.id, secondFinance.id],
  );
  for (const who of [
    "programmeLead",
    "executive",
    "financeLead",
    "teamLeaderA",
    "teamLeaderB",
    "colleague",
    "otherLead",
    "admin",
  ] as const) {
    cookies[who] = await signIn(ctx, cast[who]);
  }
  cookies.secondFinance = await signIn(ctx, secondFinance);
  const [org] = (await ctx.database.rawQuery("select name from organisations where id = $1", [
    cast.organisationId,
  ])) as Array<{ name: string }>;
  organisationName = org?.name ?? "";
});

afterAll(async () => {
  await ctx?.close();
});

describe("POST /api/benefits/:id/decision", () => {
  it("lets a finance lead sign off a benefit: recorded with who and when, audited, and the recorder told", async () => {
    const { benefit } = await record();
    expect(benefit.status).toBe("awaiting_sign_off");
    const result = await decide(benefit.id, "financeLead", "signed_off");
    expect(result.message).toBe("Benefit signed off: its realised value now counts");
    expect(result.benefit.benefit).toMatchObject({ status: "signed_off", revision: 2 });
    expect(result.benefit.benefit.signedOffBy?.id).toBe(cast.financeLead.id);
    expect(result.benefit.benefit.signedOffAt).not.toBeNull();
    const event = result.benefit.events.at(-1);
    expect(event).toMatchObject({
      kind: "signed_off",
      actor: { id: cast.financeLead.id },
      changes: [{ field: "status", before: "awaiting_sign_off", after: "signed_off" }],
    });
    const [audit] = await auditFor(ctx, "benefits.decided");
    expect(audit).toMatchObject({ actorUserId: cast.financeLead.id, subjectId: benefit.id });
    expect(audit?.details).toMatchObject({ decision: "signed_off", realisedPence: 310000 });
    const [mail] = await mailTo(ctx, cast.teamLeaderA.email);
    expect(mail?.subject).toBe("Your benefit was signed off: Stock reduction at the team base");
    expect(result.benefit.myAccess).toMatchObject({ canDecide: false });
  });

  it("needs a comment to query or reject (400, nothing written)", async () => {
    const { benefit } = await record();
    const before = await counts();
    for (const decision of ["queried", "rejected"]) {
      const response = await call("POST", `/api/benefits/${benefit.id}/decision`, "financeLead", {
        decision,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().details[0].field).toBe("comment");
    }
    expect(
      (await call("POST", `/api/benefits/${benefit.id}/decision`, "financeLead", { decision: "approved" }))
        .statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses everyone but the organisation's finance leads, programme leads and administrators included", async () => {
    const { benefit } = await record();
    const url = `/api/benefits/${benefit.id}/decision`;
    const before = await counts();
    for (const who of ["programmeLead", "executive", "teamLeaderA", "teamLeaderB", "admin"]) {
      const response = await call("POST", url, who, { decision: "signed_off" });
      expect(response.statusCode, who).toBe(403);
      expect(response.json().message).toBe(
        `Only a finance lead of ${organisationName} can sign off benefits.`,
      );
    }
    expect((await call("POST", url, "colleague", { decision: "signed_off" })).statusCode).toBe(404);
    expect((await call("POST", url, "otherLead", { decision: "signed_off" })).statusCode).toBe(404);
    expect((await call("POST", url, null, { decision: "signed_off" })).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
    const detail = (
      await call("GET", `/api/benefits/${benefit.id}`, "programmeLead")
    ).json() as BenefitDetail;
    expect(detail.myAccess.canDecide).toBe(false);
    expect(detail.myAccess.cannotDecideReason).toContain("Only a finance lead of");
  });

  it("refuses the finance lead who recorded the benefit; another finance lead may sign it off", async () => {
    const { benefit } = await record("financeLead", { title: "Consumables saved" });
    const before = await counts();
    const own = await call("POST", `/api/benefits/${benefit.id}/decision`, "financeLead", {
      decision: "signed_off",
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toBe("You recorded this benefit, so another finance lead must sign it off.");
    expect(await counts()).toEqual(before);
    const detail = (
      await call("GET", `/api/benefits/${benefit.id}`, "secondFinance")
    ).json() as BenefitDetail;
    expect(detail.myAccess.canDecide).toBe(true);
    expect((await decide(benefit.id, "secondFinance", "signed_off")).benefit.benefit.status).toBe(
      "signed_off",
    );
  });

  it("refuses the finance lead who last changed the figures", async () => {
    const { benefit } = await record();
    const changed = await call("PATCH", `/api/benefits/${benefit.id}`, "financeLead", {
      realisedPence: 305000,
      revision: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const response = await call("POST", `/api/benefits/${benefit.id}/decision`, "financeLead", {
      decision: "signed_off",
    });
    expect(response.statusCode).toBe(403);
    await decide(benefit.id, "secondFinance", "signed_off");
  });

  it("refuses non-cashable benefits and benefits not awaiting sign-off (409)", async () => {
    const nonCash = await call("POST", "/api/benefits", "teamLeaderA", {
      teamId: cast.teamA.id,
      areaId: cast.registration.areaIds[2],
      title: "Less time looking for stock",
      cashable: false,
      unit: "minutes per week",
      baselineValue: 95,
    });
    expect(nonCash.statusCode).toBe(201);
    const id = (nonCash.json() as BenefitDetail).benefit.id;
    const refused = await call("POST", `/api/benefits/${id}/decision`, "financeLead", {
      decision: "signed_off",
    });
    expect(refused.statusCode).toBe(409);
    const { benefit } = await record();
    await decide(benefit.id, "financeLead", "signed_off");
    const before = await counts();
    const again = await call("POST", `/api/benefits/${benefit.id}/decision`, "secondFinance", {
      decision: "rejected",
      comment: "Too late",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe("This benefit is already signed off.");
    expect(await counts()).toEqual(before);
  });

  it("lets only one of two finance leads deciding at once succeed", async () => {
    const { benefit } = await record();
    const url = `/api/benefits/${benefit.id}/decision`;
    const responses = await Promise.all([
      call("POST", url, "financeLead", { decision: "signed_off" }),
      call("POST", url, "secondFinance", { decision: "rejected", comment: "Not cash-releasing" }),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [row] = (await ctx.database.rawQuery(
      "select count(*)::int as n from benefit_events where benefit_id = $1 and kind in ('signed_off', 'rejected')",
      [benefit.id],
    )) as Array<{ n: number }>;
    expect(row?.n).toBe(1);
  });
});

describe("queries and answers", () => {
  it("queries a benefit with a comment; the team answers and it waits for sign-off again", async () => {
    const { benefit } = await record();
    const queried = await decide(benefit.id, "financeLead", "queried", "Which price list did you use?");
    expect(queried.benefit.benefit.status).toBe("queried");
    expect(queried.benefit.events.at(-1)).toMatchObject({
      kind: "queried",
      comment: "Which price list did you use?",
    });
    const [mail] = await mailTo(ctx, cast.teamLeaderA.email);
    expect(mail?.subject).toBe("Your benefit was queried: Stock reduction at the team base");
    expect(mail?.text).toContain("Which price list did you use?");

    const view = (await call("GET", `/api/benefits/${benefit.id}`, "teamLeaderA")).json() as BenefitDetail;
    expect(view.myAccess.canAnswer).toBe(true);
    const before = await counts();
    for (const who of ["teamLeaderB", "executive", "admin"]) {
      expect(
        (await call("POST", `/api/benefits/${benefit.id}/answer`, who, { comment: "Mine" })).statusCode,
        who,
      ).toBe(403);
    }
    expect(
      (await call("POST", `/api/benefits/${benefit.id}/answer`, "otherLead", { comment: "x" })).statusCode,
    ).toBe(404);
    expect(
      (await call("POST", `/api/benefits/${benefit.id}/answer`, null, { comment: "x" })).statusCode,
    ).toBe(401);
    expect(
      (await call("POST", `/api/benefits/${benefit.id}/answer`, "teamLeaderA", { comment: " " })).statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);

    const answer = await call("POST", `/api/benefits/${benefit.id}/answer`, "teamLeaderA", {
      comment: "The NHS Supply Chain catalogue for 2026.",
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const answered = answer.json() as BenefitChangeResult;
    expect(answered.benefit.benefit.status).toBe("awaiting_sign_off");
    expect(answered.benefit.events.at(-1)).toMatchObject({
      kind: "answered",
      actor: { id: cast.teamLeaderA.id },
      comment: "The NHS Supply Chain catalogue for 2026.",
    });
    const [financeMail] = await mailTo(ctx, cast.financeLead.email);
    expect(financeMail?.text).toContain("answered your query");
    expect((await decide(benefit.id, "financeLead", "signed_off")).benefit.benefit.status).toBe("signed_off");
  });

  it("refuses to answer a benefit that is not queried (409)", async () => {
    const { benefit } = await record();
    const response = await call("POST", `/api/benefits/${benefit.id}/answer`, "teamLeaderA", {
      comment: "Hello",
    });
    expect(response.statusCode).toBe(409);
  });
});

describe("changing a decided benefit", () => {
  it("returns a signed-off benefit to awaiting sign-off when its figures change, and says so", async () => {
    const { benefit } = await record();
    await decide(benefit.id, "financeLead", "signed_off");
    const financeMailBefore = (await mailTo(ctx, cast.financeLead.email)).length;
    const response = await call("PATCH", `/api/benefits/${benefit.id}`, "teamLeaderA", {
      realisedPence: 320000,
      revision: 2,
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as BenefitChangeResult;
    expect(result.returnedForSignOff).toBe(true);
    expect(result.message).toBe(
      "Your change needs signing off again: the benefit is back to awaiting sign-off",
    );
    expect(result.benefit.benefit).toMatchObject({
      status: "awaiting_sign_off",
      realisedPence: 320000,
      signedOffBy: null,
      signedOffAt: null,
    });
    const kinds = result.benefit.events.map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(["updated", "returned_for_sign_off"]);
    expect(result.benefit.events.at(-2)?.changes).toEqual([
      { field: "realisedPence", before: 310000, after: 320000 },
      { field: "status", before: "signed_off", after: "awaiting_sign_off" },
    ]);
    expect((await mailTo(ctx, cast.financeLead.email)).length).toBe(financeMailBefore + 1);
  });

  it("keeps a signed-off benefit signed off when only its title or description change", async () => {
    const { benefit } = await record();
    await decide(benefit.id, "financeLead", "signed_off");
    const response = await call("PATCH", `/api/benefits/${benefit.id}`, "teamLeaderA", {
      title: "Stock reduction in the team base",
      revision: 2,
    });
    const result = response.json() as BenefitChangeResult;
    expect(result.returnedForSignOff).toBe(false);
    expect(result.benefit.benefit.status).toBe("signed_off");
    expect(result.benefit.benefit.signedOffBy?.id).toBe(cast.financeLead.id);
  });

  it("sends a rejected benefit back for sign-off once its figures are corrected", async () => {
    const { benefit } = await record();
    await decide(benefit.id, "financeLead", "rejected", "Stock moved to another team is not a saving");
    const response = await call("PATCH", `/api/benefits/${benefit.id}`, "teamLeaderA", {
      method: "Stock written off, valued at cost",
      revision: 2,
    });
    const result = response.json() as BenefitChangeResult;
    expect(result.returnedForSignOff).toBe(true);
    expect(result.benefit.benefit.status).toBe("awaiting_sign_off");
  });
});

describe("seedBenefitsDemo", () => {
  it("adds the demo benefits once, recorded by the team leaders and decided by the finance lead", async () => {
    const organisationId = await buildOrganisation(ctx, { type: "nhs_trust", name: "Demo seed trust" });
    const lead = await buildUser(ctx, { organisationId });
    const finance = await buildUser(ctx, { organisationId, givenName: "Fin" });
    const leaderA = await buildUser(ctx, { organisationId });
    const leaderB = await buildUser(ctx, { organisationId });
    cookies.demoFinance = await signIn(ctx, finance);
    const registration = await buildRegistration(ctx, {
      organisationId,
      programmeId: cast.programmeId,
      people: [
        { userId: lead.id, role: "programme_lead" },
        { userId: finance.id, role: "finance_lead" },
      ],
    });
    const teamA = await buildTeam(ctx, registration.id, { leaderUserId: leaderA.id, name: "Northfield" });
    const teamB = await buildTeam(ctx, registration.id, { leaderUserId: leaderB.id, name: "Southgate" });
    const demo = {
      registrationId: registration.id,
      programmeId: cast.programmeId,
      organisationId,
      teams: [
        { ...teamA, startedOn: "2026-03-02", leaderUserId: leaderA.id },
        { ...teamB, startedOn: "2026-03-02", leaderUserId: leaderB.id },
      ],
      users: {
        lead: lead.id,
        executive: lead.id,
        finance: finance.id,
        teamLeader: leaderA.id,
        learner: leaderB.id,
      },
      areaIds: registration.areaIds,
    };
    await seedBenefitsDemo(ctx.database.db, demo);
    const before = await counts();
    await seedBenefitsDemo(ctx.database.db, demo);
    expect(await counts()).toEqual(before);
    const list = (
      await call("GET", `/api/benefits?registrationId=${registration.id}&teamId=${teamB.id}`, "demoFinance")
    ).json() as BenefitList;
    expect(list.benefits.map((b) => [b.title, b.status, b.cashOrder]).sort()).toEqual([
      ["Consumables saved in the clinic room", "queried", "first"],
      ["Fewer mileage claims", "awaiting_sign_off", "second"],
    ]);
    expect(list.benefits.find((b) => b.title === "Fewer mileage claims")?.awaitingMySignOff).toBe(true);
    const stock = (
      await call("GET", `/api/benefits?registrationId=${registration.id}&status=signed_off`, "demoFinance")
    ).json() as BenefitList;
    const seeded = stock.benefits.find(
      (b) => b.title === "Stock reduction at the team base" && b.realisedPence === 310000,
    );
    expect(seeded).toMatchObject({ cashOrder: "first", cashCategory: "stock", forecastPence: 300000 });
    const detail = (await call("GET", `/api/benefits/${seeded?.id}`, "demoFinance")).json() as BenefitDetail;
    expect(detail.benefit.houseModule?.title).toBe("Well Organised Working Environment");
    expect(detail.benefit.area.label).toBe("Value and efficiency");
    expect(detail.events.map((e) => e.kind)).toEqual(["created", "signed_off"]);
    expect(detail.benefit.recordedBy?.id).toBe(leaderA.id);
  });
});
