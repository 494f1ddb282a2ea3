import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedBoxSetsDemo } from "../../src/server/modules/implementation/box-sets.seed.js";
import type {
  AdminBoxSetOrders,
  BoxSetOrder,
  BoxSetsOverview,
} from "../../src/shared/implementation-box-sets.js";
import { auditFor, buildOrganisation, buildUser, mailTo, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  buildRegistration,
  type ImplementationCast,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};
let universityRegistrationId = "";
let universityLeadCookie = "";

type Method = "GET" | "POST";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from box_set_orders) as orders,
            (select count(*)::int from box_set_orders where status = 'cancelled') as cancelled,
            (select count(*)::int from box_set_orders where status = 'dispatched') as dispatched`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

const base = () => `/api/implementation/registrations/${cast.registration.id}/box-sets`;
const address = "Programme office\n1 Station Road\nNorthfield\nNF1 2AB";

async function overview(cookie = cookies.programmeLead ?? "", url = base()): Promise<BoxSetsOverview> {
  const response = await call("GET", url, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as BoxSetsOverview;
}

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  for (const key of [
    "programmeLead",
    "executive",
    "financeLead",
    "teamLeaderA",
    "colleague",
    "otherLead",
    "admin",
  ] as const) {
    cookies[key] = await signIn(ctx, cast[key]);
  }
  const university = await buildOrganisation(ctx, { type: "university", name: "Northfield University" });
  const universityLead = await buildUser(ctx, { organisationId: university });
  universityRegistrationId = (
    await buildRegistration(ctx, {
      organisationId: university,
      people: [{ userId: universityLead.id, role: "programme_lead" }],
    })
  ).id;
  universityLeadCookie = await signIn(ctx, universityLead);
});

afterAll(async () => {
  await ctx?.close();
});

describe("GET …/box-sets", () => {
  it("needs a session", async () => {
    expect((await call("GET", base(), null)).statusCode).toBe(401);
  });

  it("shows a qualifying trust its full entitlement, prices and an empty history", async () => {
    const body = await overview();
    expect(body.qualifies).toBe(true);
    expect(body.qualifiesReason).toContain("NHS trust or integrated care board");
    expect(body.entitlement).toEqual({
      executive: { free: 3, used: 0, remaining: 3, unitPence: 45_00 },
      team: { free: 5, used: 0, remaining: 5, unitPence: 65_00 },
    });
    expect(body.orders).toEqual([]);
    expect(body.access).toEqual({ canOrder: true, canCancel: true });
  });

  it("is readable by executives, finance leads and administrators, not team leaders (403) or outsiders (404)", async () => {
    expect((await overview(cookies.executive)).access).toEqual({ canOrder: true, canCancel: false });
    expect((await overview(cookies.financeLead)).access).toEqual({ canOrder: false, canCancel: false });
    expect((await overview(cookies.admin)).access).toEqual({ canOrder: false, canCancel: false });
    expect((await call("GET", base(), cookies.teamLeaderA ?? "")).statusCode).toBe(403);
    expect((await call("GET", base(), cookies.colleague ?? "")).statusCode).toBe(404);
    expect((await call("GET", base(), cookies.otherLead ?? "")).statusCode).toBe(404);
  });

  it("shows a non-qualifying organisation no free sets", async () => {
    const body = await overview(
      universityLeadCookie,
      `/api/implementation/registrations/${universityRegistrationId}/box-sets`,
    );
    expect(body.qualifies).toBe(false);
    expect(body.qualifiesReason).toContain("every box set is charged at cost price");
    expect(body.entitlement.executive).toEqual({ free: 0, used: 0, remaining: 0, unitPence: 45_00 });
  });
});

describe("POST …/box-sets/quote", () => {
  it("needs a session and read access", async () => {
    const payload = { executiveCount: 1, teamCount: 1 };
    expect((await call("POST", `${base()}/quote`, null, payload)).statusCode).toBe(401);
    expect((await call("POST", `${base()}/quote`, cookies.teamLeaderA ?? "", payload)).statusCode).toBe(403);
    expect((await call("POST", `${base()}/quote`, cookies.otherLead ?? "", payload)).statusCode).toBe(404);
  });

  it("splits free and charged, and writes nothing", async () => {
    const before = await counts();
    const response = await call("POST", `${base()}/quote`, cookies.financeLead ?? "", {
      executiveCount: 3,
      teamCount: 7,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      executive: { free: 3, charged: 0, unitPence: 45_00 },
      team: { free: 5, charged: 2, unitPence: 65_00 },
      totalPence: 130_00,
      summary: "2 team box sets are beyond your free entitlement and cost £130.00 at cost price.",
    });
    const bad = await call("POST", `${base()}/quote`, cookies.financeLead ?? "", {
      executiveCount: -1,
      teamCount: 101,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual([
      "executiveCount",
      "teamCount",
    ]);
    expect(await counts()).toEqual(before);
  });
});

describe("POST …/box-sets (ordering)", () => {
  const order = (over: Record<string, unknown> = {}) => ({
    executiveCount: 2,
    teamCount: 3,
    deliveryAddress: address,
    ...over,
  });

  it("needs a session, and only programme leads and executive sponsors order", async () => {
    const before = await counts();
    expect((await call("POST", base(), null, order())).statusCode).toBe(401);
    expect((await call("POST", base(), cookies.financeLead ?? "", order())).statusCode).toBe(403);
    expect((await call("POST", base(), cookies.teamLeaderA ?? "", order())).statusCode).toBe(403);
    expect((await call("POST", base(), cookies.admin ?? "", order())).statusCode).toBe(403);
    expect((await call("POST", base(), cookies.colleague ?? "", order())).statusCode).toBe(404);
    expect((await call("POST", base(), cookies.otherLead ?? "", order())).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("refuses bad orders and writes nothing", async () => {
    const before = await counts();
    const lead = cookies.programmeLead ?? "";
    for (const bad of [
      { executiveCount: 101 },
      { teamCount: 1.5 },
      { deliveryAddress: "" },
      { acceptCharge: "yes" },
    ]) {
      const response = await call("POST", base(), lead, order(bad));
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().details[0].field).toBe(Object.keys(bad)[0]);
    }
    const none = await call("POST", base(), lead, order({ executiveCount: 0, teamCount: 0 }));
    expect(none.statusCode).toBe(422);
    expect(none.json().details[0].field).toBe("executiveCount");
    expect(await counts()).toEqual(before);
  });

  it("prices the excess beyond the free entitlement and asks to confirm the charge (422)", async () => {
    const before = await counts();
    const response = await call(
      "POST",
      base(),
      cookies.programmeLead ?? "",
      order({ executiveCount: 3, teamCount: 7 }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().details).toEqual([
      {
        field: "acceptCharge",
        message:
          "2 team box sets are beyond your free entitlement and cost £130.00 at cost price. Confirm the charge to order them.",
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("orders free sets, which then count as used", async () => {
    const response = await call("POST", base(), cookies.executive ?? "", order());
    expect(response.statusCode, response.body).toBe(201);
    const placed = response.json() as BoxSetOrder;
    expect(placed).toMatchObject({
      executiveCount: 2,
      teamCount: 3,
      freeExecutiveCount: 2,
      freeTeamCount: 3,
      totalPence: 0,
      status: "ordered",
      orderedBy: "Exec Morgan",
    });
    expect((await auditFor(ctx, "implementation.box_sets_ordered"))[0]).toMatchObject({
      subjectId: placed.id,
    });
    const body = await overview();
    expect(body.entitlement.executive).toMatchObject({ used: 2, remaining: 1 });
    expect(body.entitlement.team).toMatchObject({ used: 3, remaining: 2 });
    expect(body.orders).toHaveLength(1);
  });

  it("charges what is beyond the entitlement once confirmed, fixing the prices on the order", async () => {
    const response = await call(
      "POST",
      base(),
      cookies.programmeLead ?? "",
      order({ executiveCount: 2, teamCount: 2, acceptCharge: true }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      freeExecutiveCount: 1,
      freeTeamCount: 2,
      executiveUnitPence: 45_00,
      teamUnitPence: 65_00,
      totalPence: 45_00,
    });
    const body = await overview();
    expect(body.entitlement.executive).toMatchObject({ used: 3, remaining: 0 });
    expect(body.entitlement.team).toMatchObject({ used: 5, remaining: 0 });
  });

  it("lets two orders at once take the last free sets only once", async () => {
    const cancelled = (await overview()).orders.find((o) => o.totalPence === 0);
    if (!cancelled) throw new Error("no free order");
    // Cancel the free order so 2 executive and 3 team sets are free again, then race two orders for them.
    expect(
      (
        await call(
          "POST",
          `/api/implementation/box-set-orders/${cancelled.id}/cancel`,
          cookies.programmeLead ?? "",
        )
      ).statusCode,
    ).toBe(200);
    const payload = order({ executiveCount: 2, teamCount: 3, acceptCharge: true });
    const [a, b] = await Promise.all([
      call("POST", base(), cookies.programmeLead ?? "", payload),
      call("POST", base(), cookies.executive ?? "", payload),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const free = [a, b].map(
      (r) => (r.json() as BoxSetOrder).freeExecutiveCount + (r.json() as BoxSetOrder).freeTeamCount,
    );
    expect(free.sort()).toEqual([0, 5]);
    const body = await overview();
    expect(body.entitlement.executive.used).toBe(3);
    expect(body.entitlement.team.used).toBe(5);
  });

  it("charges a non-qualifying organisation for every set", async () => {
    const url = `/api/implementation/registrations/${universityRegistrationId}/box-sets`;
    const refused = await call("POST", url, universityLeadCookie, order({ executiveCount: 1, teamCount: 0 }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe(
      "1 executive box set is charged at cost price: £45.00. Confirm the charge to order them.",
    );
    const placed = await call(
      "POST",
      url,
      universityLeadCookie,
      order({ executiveCount: 1, teamCount: 0, acceptCharge: true }),
    );
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({ freeExecutiveCount: 0, totalPence: 45_00 });
  });
});

describe("cancelling and dispatching", () => {
  let orderId = "";

  beforeAll(async () => {
    const response = await call("POST", base(), cookies.programmeLead ?? "", {
      executiveCount: 1,
      teamCount: 0,
      deliveryAddress: address,
      acceptCharge: true,
    });
    orderId = (response.json() as BoxSetOrder).id;
  });

  const cancel = (id: string) => `/api/implementation/box-set-orders/${id}/cancel`;
  const dispatch = (id: string) => `/api/admin/box-set-orders/${id}/dispatch`;

  it("lets only the programme lead cancel", async () => {
    const before = await counts();
    expect((await call("POST", cancel(orderId), null)).statusCode).toBe(401);
    expect((await call("POST", cancel(orderId), cookies.executive ?? "")).statusCode).toBe(403);
    expect((await call("POST", cancel(orderId), cookies.financeLead ?? "")).statusCode).toBe(403);
    expect((await call("POST", cancel(orderId), cookies.teamLeaderA ?? "")).statusCode).toBe(403);
    expect((await call("POST", cancel(orderId), cookies.admin ?? "")).statusCode).toBe(403);
    expect((await call("POST", cancel(orderId), cookies.otherLead ?? "")).statusCode).toBe(404);
    expect((await call("POST", cancel(orderId), cookies.colleague ?? "")).statusCode).toBe(404);
    expect(
      (await call("POST", cancel("00000000-0000-4000-8000-000000000000"), cookies.programmeLead ?? ""))
        .statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it("lists orders for administrators only, newest first, by status", async () => {
    expect((await call("GET", "/api/admin/box-set-orders", null)).statusCode).toBe(401);
    expect((await call("GET", "/api/admin/box-set-orders", cookies.programmeLead ?? "")).statusCode).toBe(
      403,
    );
    expect((await call("GET", "/api/admin/box-set-orders?status=lost", cookies.admin ?? "")).statusCode).toBe(
      400,
    );
    const all = (
      await call("GET", "/api/admin/box-set-orders", cookies.admin ?? "")
    ).json() as AdminBoxSetOrders;
    expect(all.orders[0]?.id).toBe(orderId);
    expect(all.orders[0]).toMatchObject({
      registrationId: cast.registration.id,
      programme: { title: "Productive Community Services" },
      ordererEmail: cast.programmeLead.email,
    });
    const times = all.orders.map((o) => o.orderedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const waiting = (
      await call("GET", "/api/admin/box-set-orders?status=ordered", cookies.admin ?? "")
    ).json() as AdminBoxSetOrders;
    expect(waiting.orders.every((o) => o.status === "ordered")).toBe(true);
    expect(waiting.orders.length).toBeLessThan(all.orders.length);
  });

  it("lets only administrators dispatch, emails the orderer, and keeps the order in the history", async () => {
    const before = await counts();
    expect((await call("POST", dispatch(orderId), null, { note: "" })).statusCode).toBe(401);
    expect(
      (await call("POST", dispatch(orderId), cookies.programmeLead ?? "", { note: "" })).statusCode,
    ).toBe(403);
    expect(
      (await call("POST", dispatch(orderId), cookies.admin ?? "", { note: "x".repeat(1001) })).statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);

    const response = await call("POST", dispatch(orderId), cookies.admin ?? "", {
      note: "Tracked courier, ref 123",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "dispatched", dispatchNote: "Tracked courier, ref 123" });
    const [mail] = await mailTo(ctx, cast.programmeLead.email);
    expect(mail?.subject).toBe("Your Productive Community Services box sets are on their way");
    expect(mail?.text).toContain("Tracked courier, ref 123");
    expect((await auditFor(ctx, "implementation.box_sets_dispatched"))[0]).toMatchObject({
      subjectId: orderId,
    });

    const again = await call("POST", dispatch(orderId), cookies.admin ?? "", { note: "" });
    expect(again.statusCode).toBe(409);
    const cancelAfter = await call("POST", cancel(orderId), cookies.programmeLead ?? "");
    expect(cancelAfter.statusCode).toBe(409);
    const history = await overview();
    expect(history.orders.find((o) => o.id === orderId)).toMatchObject({
      status: "dispatched",
      dispatchedBy: "Alex Morgan",
    });
  });

  it("cancels a waiting order once, giving its free sets back", async () => {
    const placed = await call("POST", base(), cookies.programmeLead ?? "", {
      executiveCount: 1,
      teamCount: 0,
      deliveryAddress: address,
      acceptCharge: true,
    });
    const id = (placed.json() as BoxSetOrder).id;
    const response = await call("POST", cancel(id), cookies.programmeLead ?? "");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "cancelled" });
    expect((await auditFor(ctx, "implementation.box_sets_cancelled"))[0]).toMatchObject({ subjectId: id });
    expect((await call("POST", cancel(id), cookies.programmeLead ?? "")).statusCode).toBe(409);
    expect((await call("POST", dispatch(id), cookies.admin ?? "", { note: "" })).statusCode).toBe(409);
  });
});

describe("seedBoxSetsDemo", () => {
  it("adds one dispatched free order, once", async () => {
    const demo = {
      registrationId: cast.otherRegistration.id,
      programmeId: cast.programmeId,
      organisationId: "",
      teams: [],
      users: {
        lead: cast.otherLead.id,
        executive: cast.otherLead.id,
        finance: cast.otherLead.id,
        teamLeader: cast.otherLead.id,
        learner: cast.otherLead.id,
      },
      areaIds: [],
    };
    await seedBoxSetsDemo(ctx.database.db, demo);
    await seedBoxSetsDemo(ctx.database.db, demo);
    const body = await overview(
      cookies.otherLead,
      `/api/implementation/registrations/${cast.otherRegistration.id}/box-sets`,
    );
    expect(body.orders).toHaveLength(1);
    expect(body.orders[0]).toMatchObject({
      executiveCount: 3,
      teamCount: 2,
      totalPence: 0,
      status: "dispatched",
    });
    expect(body.entitlement.team.remaining).toBe(3);
  });
});
