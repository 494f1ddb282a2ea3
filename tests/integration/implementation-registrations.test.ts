import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  MyRegistrations,
  RegistrableProgrammes,
  RegistrationDetail,
  TeamDetail,
} from "../../src/shared/implementation-registrations.js";
import {
  auditFor,
  buildOrganisation,
  buildUser,
  signIn,
  type TestUser,
  tableCounts,
} from "../support/factories.js";
import {
  buildImplementationCast,
  houseOf,
  type ImplementationCast,
  programmeBySlug,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};
let icbId = "";
let trustId = "";
let wardId = "";
let registrant: TestUser;
let wardNurse: TestUser;
let wardSponsor: TestUser;
let pcsId = "";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** Rows a refused request must not add to. */
async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from programme_registrations) as registrations,
            (select count(*)::int from registration_people) as people,
            (select count(*)::int from implementation_teams) as teams,
            (select count(*)::int from benefit_areas) as areas,
            (select coalesce(sum(revision), 0)::int from implementation_teams) as revisions`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

async function expectNothingWritten(before: Awaited<ReturnType<typeof counts>>) {
  expect(await counts()).toEqual(before);
}

const REG = () => `/api/implementation/registrations/${cast.registration.id}`;

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  pcsId = await programmeBySlug(ctx);
  for (const key of [
    "programmeLead",
    "executive",
    "financeLead",
    "teamLeaderA",
    "teamLeaderB",
    "colleague",
    "otherLead",
    "admin",
  ] as const) {
    cookies[key] = await signIn(ctx, cast[key]);
  }
  icbId = await buildOrganisation(ctx, { type: "icb", name: `ICB ${Math.random()}` });
  trustId = await buildOrganisation(ctx, {
    type: "nhs_trust",
    parentId: icbId,
    name: "Westbrook Community Trust",
  });
  wardId = await buildOrganisation(ctx, { type: "team", parentId: trustId, name: `Ward ${Math.random()}` });
  registrant = await buildUser(ctx, { organisationId: trustId, givenName: "Rita", familyName: "Registrant" });
  wardNurse = await buildUser(ctx, { organisationId: wardId, givenName: "Wendy", familyName: "Ward" });
  wardSponsor = await buildUser(ctx, { organisationId: wardId, givenName: "Sam", familyName: "Sponsor" });
  cookies.registrant = await signIn(ctx, registrant);
  cookies.wardNurse = await signIn(ctx, wardNurse);
});

afterAll(async () => {
  await ctx?.close();
});

describe("GET /api/implementation/programmes", () => {
  it("needs a session", async () => {
    expect((await call("GET", "/api/implementation/programmes", null)).statusCode).toBe(401);
  });

  it("lists programmes with a house, and the organisations I may register", async () => {
    const response = await call("GET", "/api/implementation/programmes", cookies.registrant ?? "");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as RegistrableProgrammes;
    const pcs = body.programmes.find((p) => p.id === pcsId);
    expect(pcs).toMatchObject({ moduleCount: 13, registered: false, registrationId: null });
    for (const p of body.programmes) expect(p.moduleCount).toBeGreaterThan(0);
    expect(body.organisations.map((o) => [o.id, o.own])).toEqual([
      [trustId, true],
      [icbId, false],
    ]);
  });

  it("says my organisation is registered, with the id only when I may read it", async () => {
    const lead = (await call("GET", "/api/implementation/programmes", cookies.programmeLead ?? "")).json();
    expect(lead.programmes.find((p: { id: string }) => p.id === pcsId)).toMatchObject({
      registered: true,
      registrationId: cast.registration.id,
    });
    const leader = (await call("GET", "/api/implementation/programmes", cookies.teamLeaderA ?? "")).json();
    expect(leader.programmes.find((p: { id: string }) => p.id === pcsId).registrationId).toBe(
      cast.registration.id,
    );
    const colleague = (await call("GET", "/api/implementation/programmes", cookies.colleague ?? "")).json();
    expect(colleague.programmes.find((p: { id: string }) => p.id === pcsId)).toMatchObject({
      registered: true,
      registrationId: null,
    });
  });
});

describe("POST /api/implementation/registrations", () => {
  const url = "/api/implementation/registrations";
  const body = () => ({
    programmeId: pcsId,
    organisationId: trustId,
    executiveSponsorEmail: wardSponsor.email,
  });

  it("needs a session", async () => {
    expect((await call("POST", url, null, body())).statusCode).toBe(401);
  });

  it("refuses bad input field by field (400) and writes nothing", async () => {
    const before = await counts();
    const response = await call("POST", url, cookies.registrant ?? "", {
      programmeId: "nope",
      organisationId: trustId,
      executiveSponsorEmail: "not-an-email",
      extra: 1,
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["programmeId", "executiveSponsorEmail", "extra"]));
    await expectNothingWritten(before);
  });

  it("refuses an organisation that is not mine or above mine (403)", async () => {
    const before = await counts();
    const response = await call("POST", url, cookies.registrant ?? "", {
      ...body(),
      organisationId: cast.organisationId,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain(
      "your own organisation (Westbrook Community Trust) or one above it",
    );
    // An organisation below mine is not mine to register either.
    expect(
      (await call("POST", url, cookies.registrant ?? "", { ...body(), organisationId: wardId })).statusCode,
    ).toBe(403);
    await expectNothingWritten(before);
  });

  it("refuses a programme with no house (422)", async () => {
    const wardProgramme = await programmeBySlug(ctx, "productive-ward");
    expect(await houseOf(ctx, wardProgramme)).toHaveLength(0);
    const before = await counts();
    const response = await call("POST", url, cookies.registrant ?? "", {
      ...body(),
      programmeId: wardProgramme,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().details[0].field).toBe("programmeId");
    await expectNothingWritten(before);
  });

  it("refuses people with no account in the organisation or below it (422 on each field)", async () => {
    const before = await counts();
    const response = await call("POST", url, cookies.registrant ?? "", {
      ...body(),
      executiveSponsorEmail: cast.executive.email,
      programmeLeadEmail: "nobody@example.test",
    });
    expect(response.statusCode).toBe(422);
    const message =
      "There is no account for that email address in Westbrook Community Trust. Ask them to create one, choosing Westbrook Community Trust.";
    expect(response.json().details).toEqual([
      { field: "executiveSponsorEmail", message },
      { field: "programmeLeadEmail", message },
    ]);
    await expectNothingWritten(before);
  });

  it("registers my organisation: I am programme lead, the sponsor is named, four benefit areas", async () => {
    const response = await call("POST", url, cookies.registrant ?? "", {
      ...body(),
      executiveSponsorEmail: wardSponsor.email.toUpperCase(),
      programmeLeadEmail: registrant.email,
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    const people = await ctx.database.rawQuery(
      "select user_id, role from registration_people where registration_id = $1 order by role",
      [id],
    );
    expect(people).toEqual([
      { user_id: registrant.id, role: "programme_lead" },
      { user_id: wardSponsor.id, role: "executive_sponsor" },
    ]);
    const areas = await ctx.database.rawQuery(
      "select label, position from benefit_areas where registration_id = $1 order by position",
      [id],
    );
    expect(areas).toEqual([
      { label: "Safety and quality", position: 1 },
      { label: "Patient experience", position: 2 },
      { label: "Staff experience", position: 3 },
      { label: "Value and efficiency", position: 4 },
    ]);
    const [audit] = await auditFor(ctx, "implementation.registered");
    expect(audit).toMatchObject({ actorUserId: registrant.id, subjectId: id });
  });

  it("says who the programme lead is when the organisation is already registered (409)", async () => {
    const before = await counts();
    const response = await call("POST", url, cookies.registrant ?? "", body());
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain("its programme lead is Rita Registrant");
    await expectNothingWritten(before);
  });

  it("registers an organisation above mine with a second programme lead", async () => {
    const response = await call("POST", url, cookies.wardNurse ?? "", {
      programmeId: pcsId,
      organisationId: icbId,
      executiveSponsorEmail: wardSponsor.email,
      programmeLeadEmail: registrant.email,
    });
    expect(response.statusCode, response.body).toBe(201);
    const people = await ctx.database.rawQuery(
      "select user_id, role from registration_people where registration_id = $1 and role = 'programme_lead'",
      [response.json().id],
    );
    expect(people.map((p) => (p as { user_id: string }).user_id).sort()).toEqual(
      [registrant.id, wardNurse.id].sort(),
    );
  });
});

describe("GET /api/implementation/registrations", () => {
  it("needs a session", async () => {
    expect((await call("GET", "/api/implementation/registrations", null)).statusCode).toBe(401);
  });

  it("lists where I hold a role or lead a team", async () => {
    const lead = (await call("GET", "/api/implementation/registrations", cookies.programmeLead ?? "")).json();
    expect(lead.registrations).toEqual([
      expect.objectContaining({ id: cast.registration.id, roles: ["programme_lead"], ledTeams: [] }),
    ]);
    const leader = (
      await call("GET", "/api/implementation/registrations", cookies.teamLeaderA ?? "")
    ).json() as MyRegistrations;
    expect(leader.registrations).toHaveLength(1);
    expect(leader.registrations[0]).toMatchObject({
      roles: [],
      ledTeams: [{ id: cast.teamA.id, name: cast.teamA.name }],
      programme: { id: pcsId },
    });
    const colleague = (
      await call("GET", "/api/implementation/registrations", cookies.colleague ?? "")
    ).json();
    expect(colleague.registrations).toEqual([]);
  });
});

describe("GET /api/implementation/registrations/:id", () => {
  it("needs a session and a valid id", async () => {
    expect((await call("GET", REG(), null)).statusCode).toBe(401);
    expect(
      (await call("GET", "/api/implementation/registrations/nope", cookies.programmeLead ?? "")).statusCode,
    ).toBe(400);
    expect(
      (
        await call(
          "GET",
          "/api/implementation/registrations/00000000-0000-4000-8000-000000000000",
          cookies.programmeLead ?? "",
        )
      ).statusCode,
    ).toBe(404);
  });

  it("shows people by role and every team to the programme lead, executive and finance lead", async () => {
    for (const who of ["programmeLead", "executive", "financeLead"] as const) {
      const response = await call("GET", REG(), cookies[who] ?? "");
      expect(response.statusCode, response.body).toBe(200);
      const detail = response.json() as RegistrationDetail;
      expect(detail.people.map((p) => p.role).sort()).toEqual([
        "executive_sponsor",
        "finance_lead",
        "programme_lead",
      ]);
      expect(detail.teams.map((t) => t.id).sort()).toEqual([cast.teamA.id, cast.teamB.id].sort());
      expect(detail.access.canManage).toBe(who === "programmeLead");
    }
  });

  it("shows a team leader only their own team", async () => {
    const detail = (await call("GET", REG(), cookies.teamLeaderA ?? "")).json() as RegistrationDetail;
    expect(detail.teams.map((t) => t.id)).toEqual([cast.teamA.id]);
    expect(detail.teams[0]?.leaderName).toBe("LeaderA Morgan");
    expect(detail.access).toMatchObject({ canReadAll: false, canManage: false, ledTeamIds: [cast.teamA.id] });
  });

  it("hides the registration from a colleague with no role and from other organisations (404)", async () => {
    expect((await call("GET", REG(), cookies.colleague ?? "")).statusCode).toBe(404);
    expect((await call("GET", REG(), cookies.otherLead ?? "")).statusCode).toBe(404);
  });

  it("lets an administrator read it, and audits that", async () => {
    const before = (await auditFor(ctx, "implementation.registration_viewed")).length;
    const response = await call("GET", REG(), cookies.admin ?? "");
    expect(response.statusCode).toBe(200);
    expect((response.json() as RegistrationDetail).access).toMatchObject({ isAdmin: true, canManage: false });
    expect((await auditFor(ctx, "implementation.registration_viewed")).length).toBe(before + 1);
  });
});

describe("people on a registration", () => {
  const people = () => `${REG()}/people`;

  it("needs a session", async () => {
    expect((await call("POST", people(), null, { email: "a@b.test", role: "finance_lead" })).statusCode).toBe(
      401,
    );
    expect((await call("DELETE", `${people()}/${cast.colleague.id}/finance_lead`, null)).statusCode).toBe(
      401,
    );
  });

  it("lets only programme leads add people (403 on the registration, 404 elsewhere)", async () => {
    const before = await counts();
    const payload = { email: cast.colleague.email, role: "finance_lead" };
    for (const who of ["executive", "financeLead", "teamLeaderA"] as const)
      expect((await call("POST", people(), cookies[who] ?? "", payload)).statusCode).toBe(403);
    for (const who of ["colleague", "otherLead"] as const)
      expect((await call("POST", people(), cookies[who] ?? "", payload)).statusCode).toBe(404);
    expect((await call("POST", people(), cookies.admin ?? "", payload)).statusCode).toBe(403);
    await expectNothingWritten(before);
  });

  it("refuses bad input and people outside the organisation", async () => {
    const before = await counts();
    const bad = await call("POST", people(), cookies.programmeLead ?? "", { email: "x", role: "boss" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["email", "role"]);
    const outside = await call("POST", people(), cookies.programmeLead ?? "", {
      email: cast.otherLead.email,
      role: "finance_lead",
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().details[0].field).toBe("email");
    expect(outside.json().message).toMatch(/^There is no account for that email address in Trust /);
    await expectNothingWritten(before);
  });

  it("adds a person once (409 the second time), and removes them", async () => {
    const payload = { email: cast.colleague.email, role: "finance_lead" };
    const added = await call("POST", people(), cookies.programmeLead ?? "", payload);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      userId: cast.colleague.id,
      role: "finance_lead",
      name: "Colleague Morgan",
    });
    expect((await auditFor(ctx, "implementation.person_added"))[0]).toMatchObject({
      actorUserId: cast.programmeLead.id,
      subjectId: cast.registration.id,
    });
    expect((await call("POST", people(), cookies.programmeLead ?? "", payload)).statusCode).toBe(409);
    // The colleague now reads the registration as a finance lead.
    expect((await call("GET", REG(), cookies.colleague ?? "")).statusCode).toBe(200);

    const path = `${people()}/${cast.colleague.id}/finance_lead`;
    expect((await call("DELETE", path, cookies.executive ?? "")).statusCode).toBe(403);
    expect((await call("DELETE", path, cookies.otherLead ?? "")).statusCode).toBe(404);
    const removed = await call("DELETE", path, cookies.programmeLead ?? "");
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await auditFor(ctx, "implementation.person_removed"))[0]).toMatchObject({
      subjectId: cast.registration.id,
    });
    expect((await call("DELETE", path, cookies.programmeLead ?? "")).statusCode).toBe(404);
    expect((await call("GET", REG(), cookies.colleague ?? "")).statusCode).toBe(404);
  });

  it("never removes the last programme lead (409)", async () => {
    const before = await counts();
    const path = `${people()}/${cast.programmeLead.id}/programme_lead`;
    const response = await call("DELETE", path, cookies.programmeLead ?? "");
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain("at least one programme lead");
    await expectNothingWritten(before);
  });
});

describe("teams", () => {
  const teams = () => `${REG()}/teams`;
  const team = (id: string) => `/api/implementation/teams/${id}`;
  const newTeam = (over: Record<string, unknown> = {}) => ({
    name: "Eastfield health visiting",
    setting: "health_visiting",
    leaderEmail: cast.colleague.email,
    size: 11,
    startedOn: "2026-02-02",
    ...over,
  });

  it("needs a session", async () => {
    expect((await call("POST", teams(), null, newTeam())).statusCode).toBe(401);
    expect((await call("GET", team(cast.teamA.id), null)).statusCode).toBe(401);
    expect((await call("PATCH", team(cast.teamA.id), null, { size: 3, revision: 1 })).statusCode).toBe(401);
  });

  it("lets only programme leads add teams", async () => {
    const before = await counts();
    for (const who of ["executive", "financeLead", "teamLeaderA", "admin"] as const)
      expect((await call("POST", teams(), cookies[who] ?? "", newTeam())).statusCode).toBe(403);
    for (const who of ["colleague", "otherLead"] as const)
      expect((await call("POST", teams(), cookies[who] ?? "", newTeam())).statusCode).toBe(404);
    await expectNothingWritten(before);
  });

  it("refuses bad teams and writes nothing", async () => {
    const before = await counts();
    const lead = cookies.programmeLead ?? "";
    for (const bad of [
      { size: 0 },
      { size: 1001 },
      { size: 2.5 },
      { startedOn: "2026-02-30" },
      { setting: "moon_base" },
      { name: "   " },
      { leaderEmail: "nope" },
    ]) {
      const response = await call("POST", teams(), lead, newTeam(bad));
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json().details[0].field).toBe(Object.keys(bad)[0]);
    }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ startedOn: "2999-01-01" }, "startedOn"],
      [{ startedOn: "1999-12-31" }, "startedOn"],
      [{ name: cast.teamA.name.toUpperCase() }, "name"],
      [{ leaderEmail: cast.otherLead.email }, "leaderEmail"],
    ];
    for (const [bad, field] of cases) {
      const response = await call("POST", teams(), lead, newTeam(bad));
      expect(response.statusCode, JSON.stringify(bad)).toBe(422);
      expect(response.json().details[0].field).toBe(field);
    }
    await expectNothingWritten(before);
  });

  it("adds a team, which its leader then reads", async () => {
    const response = await call("POST", teams(), cookies.programmeLead ?? "", newTeam());
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    expect((await auditFor(ctx, "implementation.team_added"))[0]).toMatchObject({ subjectId: id });
    const detail = (await call("GET", team(id), cookies.colleague ?? "")).json() as TeamDetail;
    expect(detail).toMatchObject({
      name: "Eastfield health visiting",
      setting: "health_visiting",
      size: 11,
      startedOn: "2026-02-02",
      revision: 1,
      leader: { userId: cast.colleague.id, email: cast.colleague.email },
      access: { canEdit: true, canManage: false },
    });
  });

  it("shows a team to its leader and those who read all, not to another team's leader", async () => {
    expect((await call("GET", team(cast.teamA.id), cookies.teamLeaderA ?? "")).statusCode).toBe(200);
    expect((await call("GET", team(cast.teamB.id), cookies.teamLeaderA ?? "")).statusCode).toBe(403);
    const exec = (await call("GET", team(cast.teamB.id), cookies.executive ?? "")).json() as TeamDetail;
    expect(exec.access).toEqual({ canEdit: false, canManage: false });
    expect((await call("GET", team(cast.teamA.id), cookies.otherLead ?? "")).statusCode).toBe(404);
    expect((await call("GET", team(cast.otherTeam.id), cookies.programmeLead ?? "")).statusCode).toBe(404);
  });

  it("lets a team's leader change its name, setting and size, with a revision check", async () => {
    const current = (await call("GET", team(cast.teamA.id), cookies.teamLeaderA ?? "")).json() as TeamDetail;
    const changed = await call("PATCH", team(cast.teamA.id), cookies.teamLeaderA ?? "", {
      name: "Northfield district nurses",
      setting: "district_nursing",
      size: 15,
      revision: current.revision,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: "Northfield district nurses",
      size: 15,
      revision: current.revision + 1,
    });
    const [audit] = await auditFor(ctx, "implementation.team_changed");
    expect(audit?.details).toMatchObject({ changes: { size: [12, 15] } });

    const before = await counts();
    const stale = await call("PATCH", team(cast.teamA.id), cookies.teamLeaderA ?? "", {
      size: 16,
      revision: current.revision,
    });
    expect(stale.statusCode).toBe(409);
    await expectNothingWritten(before);
  });

  it("refuses changes by those who may not make them", async () => {
    const before = await counts();
    const a = (await call("GET", team(cast.teamA.id), cookies.programmeLead ?? "")).json() as TeamDetail;
    const b = (await call("GET", team(cast.teamB.id), cookies.programmeLead ?? "")).json() as TeamDetail;
    // A team leader may not change the leader or start date of their own team, nor touch another team.
    const leader = await call("PATCH", team(cast.teamA.id), cookies.teamLeaderA ?? "", {
      leaderEmail: cast.colleague.email,
      revision: a.revision,
    });
    expect(leader.statusCode).toBe(403);
    expect(
      (
        await call("PATCH", team(cast.teamA.id), cookies.teamLeaderA ?? "", {
          startedOn: "2026-01-01",
          revision: a.revision,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call("PATCH", team(cast.teamB.id), cookies.teamLeaderA ?? "", { size: 3, revision: b.revision }))
        .statusCode,
    ).toBe(403);
    for (const who of ["executive", "financeLead", "admin"] as const)
      expect(
        (await call("PATCH", team(cast.teamB.id), cookies[who] ?? "", { size: 3, revision: b.revision }))
          .statusCode,
      ).toBe(403);
    expect(
      (await call("PATCH", team(cast.teamB.id), cookies.otherLead ?? "", { size: 3, revision: b.revision }))
        .statusCode,
    ).toBe(404);
    // Bad values.
    expect(
      (
        await call("PATCH", team(cast.teamB.id), cookies.programmeLead ?? "", {
          size: 0,
          revision: b.revision,
        })
      ).statusCode,
    ).toBe(400);
    const taken = await call("PATCH", team(cast.teamB.id), cookies.programmeLead ?? "", {
      name: a.name.toLowerCase(),
      revision: b.revision,
    });
    expect(taken.statusCode).toBe(422);
    expect(taken.json().details[0].field).toBe("name");
    const future = await call("PATCH", team(cast.teamB.id), cookies.programmeLead ?? "", {
      startedOn: "2999-01-01",
      revision: b.revision,
    });
    expect(future.statusCode).toBe(422);
    await expectNothingWritten(before);
  });

  it("lets the programme lead change a team's leader and start date", async () => {
    const b = (await call("GET", team(cast.teamB.id), cookies.programmeLead ?? "")).json() as TeamDetail;
    const response = await call("PATCH", team(cast.teamB.id), cookies.programmeLead ?? "", {
      leaderEmail: cast.teamLeaderA.email,
      startedOn: "2025-11-03",
      revision: b.revision,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      leader: { userId: cast.teamLeaderA.id },
      startedOn: "2025-11-03",
      revision: b.revision + 1,
    });
    expect((await call("GET", team(cast.teamB.id), cookies.teamLeaderB ?? "")).statusCode).toBe(404);
    expect((await call("GET", team(cast.teamB.id), cookies.teamLeaderA ?? "")).statusCode).toBe(200);
  });
});
