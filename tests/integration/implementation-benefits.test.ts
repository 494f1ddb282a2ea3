import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  BenefitAreas,
  BenefitChangeResult,
  BenefitDetail,
  BenefitList,
} from "../../src/shared/implementation-benefits.js";
import { auditFor, mailTo, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  houseOf,
  type ImplementationCast,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};
let moduleId = "";
let otherProgrammeModuleId = "";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

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
            (select count(*)::int from benefit_areas) as areas,
            (select coalesce(sum(revision), 0)::int from benefits) as revisions`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

const stock = () => ({
  teamId: cast.teamA.id,
  houseModuleId: moduleId,
  areaId: cast.registration.areaIds[3],
  title: "Stock reduction at the team base",
  description: "Fewer items kept in the cupboards.",
  cashable: true,
  cashCategory: "stock",
  method: "Stock count valued at catalogue prices before and after the 5S sort",
  baselinePence: 420000,
  forecastPence: 300000,
  forecastOn: "2026-12-31",
  baselineOn: "2026-03-02",
});

const minutes = () => ({
  teamId: cast.teamA.id,
  areaId: cast.registration.areaIds[2],
  title: "Less time looking for stock",
  cashable: false,
  unit: "minutes per week",
  baselineValue: 95,
  realisedValue: 30,
  realisedOn: "2026-05-29",
});

async function create(who: string, body: Record<string, unknown>): Promise<BenefitDetail> {
  const response = await call("POST", "/api/benefits", who, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as BenefitDetail;
}

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
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
  const house = await houseOf(ctx, cast.programmeId);
  moduleId = house.find((m) => m.title === "Well Organised Working Environment")?.id ?? "";
  expect(moduleId).not.toBe("");
  const [other] = (await ctx.database.rawQuery(
    "select id from house_modules where programme_id <> $1 limit 1",
    [cast.programmeId],
  )) as Array<{ id: string }>;
  otherProgrammeModuleId = other?.id ?? "00000000-0000-4000-8000-000000000000";
});

afterAll(async () => {
  await ctx?.close();
});

describe("POST /api/benefits", () => {
  it("records a cashable benefit awaiting sign-off, with its order, history and mail to the finance lead", async () => {
    const detail = await create("teamLeaderA", stock());
    expect(detail.benefit).toMatchObject({
      title: "Stock reduction at the team base",
      cashable: true,
      cashCategory: "stock",
      cashOrder: "first",
      status: "awaiting_sign_off",
      baselinePence: 420000,
      forecastPence: 300000,
      realisedPence: null,
      houseModule: { id: moduleId, title: "Well Organised Working Environment" },
      area: { label: "Value and efficiency" },
      team: { id: cast.teamA.id },
      revision: 1,
    });
    expect(detail.benefit.recordedBy?.id).toBe(cast.teamLeaderA.id);
    expect(detail.events).toHaveLength(1);
    expect(detail.events[0]?.kind).toBe("created");
    expect(detail.events[0]?.actor?.id).toBe(cast.teamLeaderA.id);
    expect(detail.events[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: "forecastPence", before: null, after: 300000 },
        { field: "status", before: null, after: "awaiting_sign_off" },
      ]),
    );
    expect(detail.myAccess).toMatchObject({ canEdit: true, canDecide: false, canAnswer: false });
    const mail = await mailTo(ctx, cast.financeLead.email);
    expect(mail[0]?.subject).toBe("A benefit is waiting for your sign-off: Stock reduction at the team base");
    expect(mail[0]?.text).toContain(`/implementation/benefits/${detail.benefit.id}`);
  });

  it("records a non-cashable benefit as recorded, needing no sign-off and sending no mail", async () => {
    const before = await counts();
    const detail = await create("teamLeaderA", minutes());
    expect(detail.benefit).toMatchObject({
      status: "recorded",
      cashable: false,
      cashOrder: null,
      unit: "minutes per week",
      baselineValue: 95,
      realisedValue: 30,
    });
    expect((await counts()).mail).toBe(before.mail);
  });

  it("lets a programme lead and a finance lead record for any team; second-order comes from the category", async () => {
    const byLead = await create("programmeLead", {
      ...stock(),
      teamId: cast.teamB.id,
      title: "Fewer mileage claims",
      cashCategory: "revenue_spend",
    });
    expect(byLead.benefit.cashOrder).toBe("second");
    const byFinance = await create("financeLead", { ...minutes(), teamId: cast.teamB.id });
    expect(byFinance.benefit.team.id).toBe(cast.teamB.id);
  });

  it("refuses 401 signed out, 403 for another team's leader and the executive, 404 for no role and other organisations", async () => {
    const before = await counts();
    expect((await call("POST", "/api/benefits", null, stock())).statusCode).toBe(401);
    const other = await call("POST", "/api/benefits", "teamLeaderB", stock());
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain("Northfield district nursing");
    expect((await call("POST", "/api/benefits", "executive", stock())).statusCode).toBe(403);
    expect((await call("POST", "/api/benefits", "admin", stock())).statusCode).toBe(403);
    expect((await call("POST", "/api/benefits", "colleague", stock())).statusCode).toBe(404);
    expect((await call("POST", "/api/benefits", "otherLead", stock())).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("refuses more than £1bn for one benefit with 422, saying the figure, and writes nothing", async () => {
    const before = await counts();
    const response = await call("POST", "/api/benefits", "teamLeaderA", {
      ...stock(),
      forecastPence: 120000000000,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      error: "invalid_benefit",
      message:
        "£1,200,000,000.00 is more than one team could realise. Check the figure: the most we accept for one benefit is £1,000,000,000.",
      details: [{ field: "forecastPence" }],
    });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["a negative value", { baselinePence: -100 }, "baselinePence"],
    ["no category", { cashCategory: null }, "cashCategory"],
    ["no method", { method: "" }, "method"],
    ["a forecast with no date", { forecastOn: null }, "forecastOn"],
    ["a realised date in the future", { realisedPence: 100, realisedOn: "2099-01-01" }, "realisedOn"],
    ["a realised value with no date", { realisedPence: 100 }, "realisedOn"],
    ["a value instead of pence", { forecastValue: 3 }, "forecastValue"],
    ["a module of another programme", { houseModuleId: "OTHER" }, "houseModuleId"],
    ["another organisation's area", { areaId: "OTHER_AREA" }, "areaId"],
  ])("refuses a cashable benefit with %s (422, nothing written)", async (_name, change, field) => {
    const body: Record<string, unknown> = { ...stock(), ...change };
    if (body.houseModuleId === "OTHER") body.houseModuleId = otherProgrammeModuleId;
    if (body.areaId === "OTHER_AREA") body.areaId = cast.otherRegistration.areaIds[0];
    const before = await counts();
    const response = await call("POST", "/api/benefits", "teamLeaderA", body);
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it("refuses percentages outside 0–100 and values with no unit", async () => {
    const before = await counts();
    const percent = await call("POST", "/api/benefits", "teamLeaderA", {
      ...minutes(),
      unit: "%",
      baselineValue: 21,
      realisedValue: 135,
    });
    expect(percent.statusCode).toBe(422);
    expect(percent.json().details).toEqual([
      { field: "realisedValue", message: "Enter a percentage from 0 to 100 for the realised value" },
    ]);
    const noUnit = await call("POST", "/api/benefits", "teamLeaderA", { ...minutes(), unit: "" });
    expect(noUnit.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("refuses malformed input with 400 before anything else", async () => {
    const before = await counts();
    for (const body of [
      { ...stock(), forecastPence: 12.5 },
      { ...stock(), forecastOn: "2026-02-30" },
      { ...stock(), title: "" },
      { ...stock(), cashCategory: "gold" },
      { ...stock(), surprise: true },
      { ...stock(), teamId: "not-a-uuid" },
    ]) {
      const response = await call("POST", "/api/benefits", "teamLeaderA", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("GET /api/benefits and GET /api/benefits/:id", () => {
  it("lists every team's benefits for programme leads, executives and finance leads, filtered by team and status", async () => {
    for (const who of ["programmeLead", "executive", "financeLead", "admin"]) {
      const response = await call("GET", `/api/benefits?registrationId=${cast.registration.id}`, who);
      expect(response.statusCode, who).toBe(200);
      const list = response.json() as BenefitList;
      expect(new Set(list.benefits.map((b) => b.team.id))).toEqual(new Set([cast.teamA.id, cast.teamB.id]));
    }
    const filtered = (
      await call(
        "GET",
        `/api/benefits?registrationId=${cast.registration.id}&teamId=${cast.teamB.id}&status=awaiting_sign_off`,
        "programmeLead",
      )
    ).json() as BenefitList;
    expect(filtered.benefits.map((b) => b.title)).toEqual(["Fewer mileage claims"]);
  });

  it("shows the finance lead what awaits their sign-off, and what the forms need", async () => {
    const list = (
      await call("GET", `/api/benefits?registrationId=${cast.registration.id}`, "financeLead")
    ).json() as BenefitList;
    const awaiting = list.benefits.filter((b) => b.awaitingMySignOff).map((b) => b.title);
    expect(awaiting.sort()).toEqual(["Fewer mileage claims", "Stock reduction at the team base"]);
    expect(list.myAccess).toEqual({ isFinanceLead: true, canManageAreas: false, canRecord: true });
    expect(list.areas.map((a) => a.label)).toEqual([
      "Safety and quality",
      "Patient experience",
      "Staff experience",
      "Value and efficiency",
    ]);
    expect(list.modules).toHaveLength(13);
    expect(list.registration.programmeTitle).toBe("Productive Community Services");
  });

  it("shows team leaders only their own teams' benefits, 403 for another team's filter", async () => {
    const list = (
      await call("GET", `/api/benefits?registrationId=${cast.registration.id}`, "teamLeaderA")
    ).json() as BenefitList;
    expect(list.benefits.every((b) => b.team.id === cast.teamA.id)).toBe(true);
    expect(list.benefits.length).toBeGreaterThan(0);
    expect(list.teams).toEqual([{ id: cast.teamA.id, name: cast.teamA.name, canRecord: true }]);
    expect(list.benefits.some((b) => b.awaitingMySignOff)).toBe(false);
    const other = await call(
      "GET",
      `/api/benefits?registrationId=${cast.registration.id}&teamId=${cast.teamB.id}`,
      "teamLeaderA",
    );
    expect(other.statusCode).toBe(403);
  });

  it("hides the list from people with no role and other organisations (404), 401 signed out, 400 bad filters", async () => {
    const url = `/api/benefits?registrationId=${cast.registration.id}`;
    expect((await call("GET", url, null)).statusCode).toBe(401);
    expect((await call("GET", url, "colleague")).statusCode).toBe(404);
    expect((await call("GET", url, "otherLead")).statusCode).toBe(404);
    expect((await call("GET", `${url}&status=lost`, "programmeLead")).statusCode).toBe(400);
    expect((await call("GET", "/api/benefits", "programmeLead")).statusCode).toBe(400);
  });

  it("shows one benefit to its readers: 403 for another team's leader, 404 for others", async () => {
    const list = (
      await call(
        "GET",
        `/api/benefits?registrationId=${cast.registration.id}&teamId=${cast.teamA.id}`,
        "teamLeaderA",
      )
    ).json() as BenefitList;
    const id = list.benefits[0]?.id ?? "";
    for (const who of ["teamLeaderA", "programmeLead", "executive", "financeLead", "admin"]) {
      expect((await call("GET", `/api/benefits/${id}`, who)).statusCode, who).toBe(200);
    }
    expect((await call("GET", `/api/benefits/${id}`, "teamLeaderB")).statusCode).toBe(403);
    expect((await call("GET", `/api/benefits/${id}`, "colleague")).statusCode).toBe(404);
    expect((await call("GET", `/api/benefits/${id}`, "otherLead")).statusCode).toBe(404);
    expect((await call("GET", `/api/benefits/${id}`, null)).statusCode).toBe(401);
    expect(
      (await call("GET", "/api/benefits/00000000-0000-4000-8000-000000000000", "admin")).statusCode,
    ).toBe(404);
  });
});

describe("PATCH /api/benefits/:id", () => {
  it("changes a benefit, records the change from → to and bumps the revision; 409 on a stale revision", async () => {
    const created = await create("teamLeaderA", minutes());
    const response = await call("PATCH", `/api/benefits/${created.benefit.id}`, "teamLeaderA", {
      realisedValue: 25,
      title: "Less time spent looking for stock",
      revision: 1,
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as BenefitChangeResult;
    expect(result).toMatchObject({ returnedForSignOff: false, message: "Benefit saved" });
    expect(result.benefit.benefit).toMatchObject({ realisedValue: 25, revision: 2, status: "recorded" });
    const event = result.benefit.events.at(-1);
    expect(event?.kind).toBe("updated");
    expect(event?.changes).toEqual([
      { field: "title", before: "Less time looking for stock", after: "Less time spent looking for stock" },
      { field: "realisedValue", before: 30, after: 25 },
    ]);
    const before = await counts();
    const stale = await call("PATCH", `/api/benefits/${created.benefit.id}`, "teamLeaderA", {
      realisedValue: 20,
      revision: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe("stale_revision");
    expect(await counts()).toEqual(before);
  });

  it("refuses bad values (422) and wrong people (403/404) without writing", async () => {
    const created = await create("teamLeaderA", stock());
    const url = `/api/benefits/${created.benefit.id}`;
    const before = await counts();
    const tooMuch = await call("PATCH", url, "teamLeaderA", {
      realisedPence: 100000000001,
      realisedOn: "2026-06-01",
      revision: 1,
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().message).toContain("£1,000,000,000.01 is more than one team could realise");
    expect((await call("PATCH", url, "teamLeaderB", { title: "Mine", revision: 1 })).statusCode).toBe(403);
    expect((await call("PATCH", url, "executive", { title: "Mine", revision: 1 })).statusCode).toBe(403);
    expect((await call("PATCH", url, "otherLead", { title: "Mine", revision: 1 })).statusCode).toBe(404);
    expect((await call("PATCH", url, null, { title: "Mine", revision: 1 })).statusCode).toBe(401);
    expect((await call("PATCH", url, "teamLeaderA", { title: "Mine" })).statusCode).toBe(400);
    expect((await call("PATCH", url, "teamLeaderA", { teamId: cast.teamB.id, revision: 1 })).statusCode).toBe(
      400,
    );
    expect(await counts()).toEqual(before);
  });

  it("turns a cashable benefit into a non-cashable one, clearing its £ values", async () => {
    const created = await create("teamLeaderA", stock());
    const response = await call("PATCH", `/api/benefits/${created.benefit.id}`, "teamLeaderA", {
      cashable: false,
      unit: "items",
      forecastValue: 40,
      revision: 1,
    });
    expect(response.statusCode, response.body).toBe(200);
    const { benefit } = (response.json() as BenefitChangeResult).benefit;
    expect(benefit).toMatchObject({
      cashable: false,
      cashCategory: null,
      cashOrder: null,
      forecastPence: null,
      forecastValue: 40,
      status: "recorded",
    });
  });
});

describe("benefit areas", () => {
  const url = () => `/api/implementation/registrations/${cast.registration.id}/benefit-areas`;

  it("lists the areas with their benefit counts for readers", async () => {
    for (const who of ["programmeLead", "executive", "financeLead", "teamLeaderA", "admin"]) {
      const response = await call("GET", url(), who);
      expect(response.statusCode, who).toBe(200);
    }
    const areas = (await call("GET", url(), "programmeLead")).json() as BenefitAreas;
    expect(areas.canManage).toBe(true);
    expect(areas.areas.find((a) => a.label === "Value and efficiency")?.benefitCount).toBeGreaterThan(0);
    expect((await call("GET", url(), "colleague")).statusCode).toBe(404);
    expect((await call("GET", url(), "otherLead")).statusCode).toBe(404);
    expect((await call("GET", url(), null)).statusCode).toBe(401);
  });

  it("lets the programme lead rename, reorder, add and remove empty areas (audited)", async () => {
    const current = ((await call("GET", url(), "programmeLead")).json() as BenefitAreas).areas;
    const [safety, patient, staff, value] = current;
    const response = await call("PUT", url(), "programmeLead", {
      areas: [
        { id: value?.id, label: "Value and efficiency" },
        { id: staff?.id, label: "Patient experience" },
        { id: patient?.id, label: "Staff experience" },
        { label: "Sustainability" },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const areas = (response.json() as BenefitAreas).areas;
    expect(areas.map((a) => a.label)).toEqual([
      "Value and efficiency",
      "Patient experience",
      "Staff experience",
      "Sustainability",
    ]);
    expect(areas.map((a) => a.position)).toEqual([1, 2, 3, 4]);
    expect(areas.find((a) => a.label === "Safety and quality")).toBeUndefined();
    expect(safety?.benefitCount).toBe(0);
    const [audit] = await auditFor(ctx, "benefits.areas_changed");
    expect(audit?.actorUserId).toBe(cast.programmeLead.id);
  });

  it("refuses to remove an area holding benefits (409 naming it), and writes nothing", async () => {
    const current = ((await call("GET", url(), "programmeLead")).json() as BenefitAreas).areas;
    const before = await counts();
    const response = await call("PUT", url(), "programmeLead", {
      areas: current
        .filter((a) => a.label !== "Value and efficiency")
        .map((a) => ({ id: a.id, label: a.label })),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/^"Value and efficiency" \(\d+ benefits?\) still holds benefits/);
    expect(await counts()).toEqual(before);
  });

  it("refuses others (403/404/401) and bad lists (400/422) without writing", async () => {
    const current = ((await call("GET", url(), "programmeLead")).json() as BenefitAreas).areas;
    const body = { areas: current.map((a) => ({ id: a.id, label: a.label })) };
    const before = await counts();
    for (const who of ["executive", "financeLead", "teamLeaderA", "admin"]) {
      expect((await call("PUT", url(), who, body)).statusCode, who).toBe(403);
    }
    expect((await call("PUT", url(), "colleague", body)).statusCode).toBe(404);
    expect((await call("PUT", url(), "otherLead", body)).statusCode).toBe(404);
    expect((await call("PUT", url(), null, body)).statusCode).toBe(401);
    expect((await call("PUT", url(), "programmeLead", { areas: [] })).statusCode).toBe(400);
    expect(
      (
        await call("PUT", url(), "programmeLead", {
          areas: Array.from({ length: 9 }, (_, i) => ({ label: `Area ${i}` })),
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call("PUT", url(), "programmeLead", { areas: [{ label: "Same" }, { label: "same" }] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call("PUT", url(), "programmeLead", { areas: [{ label: "x".repeat(81) }] })).statusCode,
    ).toBe(400);
    const foreign = await call("PUT", url(), "programmeLead", {
      areas: [...body.areas, { id: cast.otherRegistration.areaIds[0], label: "Theirs" }],
    });
    expect(foreign.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });
});
