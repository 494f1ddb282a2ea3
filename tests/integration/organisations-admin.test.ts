import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AdminOrganisationPage,
  OrganisationImportReport,
  OrganisationNode,
} from "../../src/shared/organisations.js";
import {
  auditFor,
  buildAdmin,
  buildUser,
  organisationByOds,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: TestUser;
let adminCookie: string;
let learnerCookie: string;
let learnerAdminCookie: string;
let lapsedAdminCookie: string;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildAdmin(ctx, { givenName: "Priya", familyName: "Shah" });
  adminCookie = await signIn(ctx, admin);
  learnerCookie = await signIn(ctx, await buildUser(ctx));
  const leeds = await organisationByOds(ctx, "RR8");
  learnerAdminCookie = await signIn(
    ctx,
    await buildUser(ctx, { roles: ["learner", { role: "learner_admin", organisationId: leeds }] }),
  );
  // learner administrator access that has lapsed: never reaches actor.roles, so the person is a plain learner
  lapsedAdminCookie = await signIn(
    ctx,
    await buildUser(ctx, {
      roles: [
        "learner",
        { role: "learner_admin", organisationId: leeds, expiresAt: new Date(Date.now() - 60_000) },
      ],
    }),
  );
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "PATCH" | "DELETE" | "PUT";
const call = (method: Method, url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
const upload = (csv: string, cookie: string | undefined, dryRun?: boolean) =>
  ctx.app.inject({
    method: "POST",
    url: `/api/admin/organisations/imports${dryRun === undefined ? "" : `?dryRun=${dryRun}`}`,
    headers: { "content-type": "text/csv", ...(cookie ? { cookie } : {}) },
    payload: csv,
  });

async function directoryCount(): Promise<number> {
  const [row] = (await ctx.database.rawQuery("select count(*)::int as n from organisations")) as Array<{
    n: number;
  }>;
  return row?.n ?? 0;
}

async function create(body: Record<string, unknown>): Promise<OrganisationNode> {
  const response = await call("POST", "/api/admin/organisations", adminCookie, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as OrganisationNode;
}

describe("who may use the directory administration", () => {
  const someId = "00000000-0000-4000-8000-000000000000";
  const endpoints: Array<[Method, string, unknown?]> = [
    ["GET", "/api/admin/organisations"],
    ["POST", "/api/admin/organisations", { name: "New trust", type: "nhs_trust" }],
    ["GET", `/api/admin/organisations/${someId}`],
    ["PATCH", `/api/admin/organisations/${someId}`, { name: "Renamed" }],
    ["DELETE", `/api/admin/organisations/${someId}`],
  ];
  it.each(endpoints)(
    "%s %s: 401 signed out, 403 for learners and learner administrators",
    async (method, url, body) => {
      expect((await call(method, url, undefined, body)).statusCode).toBe(401);
      for (const cookie of [learnerCookie, learnerAdminCookie, lapsedAdminCookie]) {
        const response = await call(method, url, cookie, body);
        expect(response.statusCode, response.body).toBe(403);
        expect(response.json().message).toMatch(/platform administrators/);
      }
    },
  );

  it("imports: 401 signed out, 403 for learners and learner administrators, and nothing written", async () => {
    const before = await directoryCount();
    const csv = "ODS code,name,type,parent code\nZZ1,Somewhere,nhs_trust,\n";
    expect((await upload(csv, undefined, false)).statusCode).toBe(401);
    expect((await upload(csv, learnerCookie, false)).statusCode).toBe(403);
    expect((await upload(csv, learnerAdminCookie, false)).statusCode).toBe(403);
    expect(await directoryCount()).toBe(before);
  });

  it("a platform administrator whose role was removed is refused at once", async () => {
    const user = await buildAdmin(ctx);
    const cookie = await signIn(ctx, user);
    expect((await call("GET", "/api/admin/organisations", cookie)).statusCode).toBe(200);
    await ctx.database.rawQuery("delete from user_roles where user_id = $1 and role = 'platform_admin'", [
      user.id,
    ]);
    expect((await call("GET", "/api/admin/organisations", cookie)).statusCode).toBe(403);
  });
});

describe("browsing and searching", () => {
  it("lists top-level organisations with counts, and searches by name or ODS code", async () => {
    const top = (
      await call("GET", "/api/admin/organisations?pageSize=100", adminCookie)
    ).json() as AdminOrganisationPage;
    expect(top.items.every((o) => o.parentId === null)).toBe(true);
    const westYorkshire = top.items.find((o) => o.odsCode === "QWO");
    expect(westYorkshire?.childCount).toBeGreaterThanOrEqual(3);

    const byCode = (
      await call("GET", "/api/admin/organisations?q=rr8", adminCookie)
    ).json() as AdminOrganisationPage;
    expect(byCode.items[0]).toMatchObject({
      odsCode: "RR8",
      parentName: "NHS West Yorkshire Integrated Care Board",
    });
    const byName = (
      await call("GET", "/api/admin/organisations?q=Leeds%20Teaching", adminCookie)
    ).json() as AdminOrganisationPage;
    expect(byName.items.map((o) => o.odsCode)).toContain("RR8");
    expect(byName.items[0]?.memberCount).toBeGreaterThanOrEqual(1);
  });

  it("shows one organisation with its breadcrumb, children and what uses it", async () => {
    const leeds = await organisationByOds(ctx, "RR8");
    const directorate = await create({ name: "Surgery Directorate", type: "directorate", parentId: leeds });
    const ward = await create({ name: "Ward 7", type: "team", parentId: directorate.organisation.id });
    const response = await call("GET", `/api/admin/organisations/${ward.organisation.id}`, adminCookie);
    const node = response.json() as OrganisationNode;
    expect(node.ancestors.map((a) => a.name)).toEqual([
      "NHS West Yorkshire Integrated Care Board",
      "Leeds Teaching Hospitals NHS Trust",
      "Surgery Directorate",
    ]);
    const trust = (
      await call("GET", `/api/admin/organisations/${leeds}`, adminCookie)
    ).json() as OrganisationNode;
    expect(trust.children.map((c) => c.name)).toContain("Surgery Directorate");
    expect(trust.usage.members).toBeGreaterThan(0);
    expect(trust.deleteBlockers.join(" ")).toMatch(/below it/);
  });

  it("refuses bad queries and unknown ids with messages", async () => {
    const tooBig = await call("GET", "/api/admin/organisations?pageSize=500", adminCookie);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().message).toMatch(/100 or fewer/);
    expect((await call("GET", "/api/admin/organisations/not-a-uuid", adminCookie)).statusCode).toBe(400);
    expect(
      (await call("GET", "/api/admin/organisations/00000000-0000-4000-8000-000000000000", adminCookie))
        .statusCode,
    ).toBe(404);
  });
});

describe("creating, editing, moving and deleting", () => {
  it("creates an organisation and audits it", async () => {
    const icb = await organisationByOds(ctx, "QWO");
    const node = await create({
      name: "Airedale Community Trust",
      type: "nhs_trust",
      odsCode: "zx9",
      parentId: icb,
    });
    expect(node.organisation).toMatchObject({ odsCode: "ZX9", type: "nhs_trust", parentId: icb });
    const [event] = await auditFor(ctx, "organisations.created");
    expect(event).toMatchObject({ actorUserId: admin.id, subjectId: node.organisation.id });
  });

  it("refuses duplicate ODS codes and impossible parents, writing nothing", async () => {
    const before = await directoryCount();
    const duplicate = await call("POST", "/api/admin/organisations", adminCookie, {
      name: "Another Leeds",
      type: "nhs_trust",
      odsCode: "RR8",
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().message).toMatch(
      /Leeds Teaching Hospitals NHS Trust already has the ODS code RR8/,
    );

    const team = await create({
      name: "Ward 9",
      type: "team",
      parentId: await organisationByOds(ctx, "RR8"),
    });
    const trustUnderTeam = await call("POST", "/api/admin/organisations", adminCookie, {
      name: "Odd trust",
      type: "nhs_trust",
      parentId: team.organisation.id,
    });
    expect(trustUnderTeam.statusCode).toBe(400);
    expect(trustUnderTeam.json().details[0]).toMatchObject({ field: "parentId" });
    expect(trustUnderTeam.json().message).toMatch(/ward or team cannot hold a nhs trust/i);

    const orphanTeam = await call("POST", "/api/admin/organisations", adminCookie, {
      name: "Lost ward",
      type: "team",
    });
    expect(orphanTeam.statusCode).toBe(400);
    expect(orphanTeam.json().message).toMatch(/must sit under a parent/);

    const unknownParent = await call("POST", "/api/admin/organisations", adminCookie, {
      name: "Lost ward",
      type: "team",
      parentId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownParent.statusCode).toBe(400);
    const badCode = await call("POST", "/api/admin/organisations", adminCookie, {
      name: "X",
      type: "nhs_trust",
      odsCode: "R!",
    });
    expect(badCode.statusCode).toBe(400);
    expect(await directoryCount()).toBe(before + 1);
  });

  it("moves a branch, refusing cycles, and clears teams left outside their organisation", async () => {
    const leeds = await organisationByOds(ctx, "RR8");
    const york = await organisationByOds(ctx, "RGD");
    const directorate = await create({ name: "Medicine Directorate", type: "directorate", parentId: leeds });
    const ward = await create({ name: "Ward 12", type: "team", parentId: directorate.organisation.id });
    const learner = await buildUser(ctx, { organisationId: leeds });
    await ctx.database.rawQuery("update users set team_id = $2 where id = $1", [
      learner.id,
      ward.organisation.id,
    ]);

    const cycle = await call(
      "PATCH",
      `/api/admin/organisations/${directorate.organisation.id}`,
      adminCookie,
      {
        parentId: ward.organisation.id,
      },
    );
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().message).toMatch(/below this organisation/);
    const self = await call("PATCH", `/api/admin/organisations/${directorate.organisation.id}`, adminCookie, {
      parentId: directorate.organisation.id,
    });
    expect(self.statusCode).toBe(400);
    const badType = await call(
      "PATCH",
      `/api/admin/organisations/${directorate.organisation.id}`,
      adminCookie,
      {
        type: "team",
        parentId: await organisationByOds(ctx, "QWO"),
      },
    );
    expect(badType.statusCode).toBe(400);
    const childMisfit = await call(
      "PATCH",
      `/api/admin/organisations/${directorate.organisation.id}`,
      adminCookie,
      {
        type: "icb",
        parentId: null,
      },
    );
    expect(childMisfit.statusCode).toBe(400);
    expect(childMisfit.json().message).toMatch(/integrated care board cannot hold Ward 12/);

    const moved = await call(
      "PATCH",
      `/api/admin/organisations/${directorate.organisation.id}`,
      adminCookie,
      {
        parentId: york,
        name: "Medicine and Urgent Care",
      },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const node = moved.json() as OrganisationNode;
    expect(node.ancestors.at(-1)?.id).toBe(york);
    expect(node.organisation.name).toBe("Medicine and Urgent Care");
    const [row] = (await ctx.database.rawQuery("select team_id from users where id = $1", [
      learner.id,
    ])) as Array<{
      team_id: string | null;
    }>;
    expect(row?.team_id).toBeNull();
    const [event] = await auditFor(ctx, "organisations.updated");
    expect(event?.details).toMatchObject({ changed: ["name", "parentId"], teamsCleared: 1 });

    const taken = await call(
      "PATCH",
      `/api/admin/organisations/${directorate.organisation.id}`,
      adminCookie,
      {
        odsCode: "RR8",
      },
    );
    expect(taken.statusCode).toBe(409);
  });

  it("deletes only what nothing uses, saying what blocks it", async () => {
    const leeds = await organisationByOds(ctx, "RR8");
    const blocked = await call("DELETE", `/api/admin/organisations/${leeds}`, adminCookie);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toBe("organisation_in_use");
    expect(blocked.json().message).toMatch(/people belong to it/);

    const spare = await create({ name: "Spare Directorate", type: "directorate", parentId: leeds });
    const gone = await call("DELETE", `/api/admin/organisations/${spare.organisation.id}`, adminCookie);
    expect(gone.statusCode).toBe(204);
    expect(
      (await call("GET", `/api/admin/organisations/${spare.organisation.id}`, adminCookie)).statusCode,
    ).toBe(404);
    expect((await auditFor(ctx, "organisations.deleted"))[0]?.subjectId).toBe(spare.organisation.id);
  });
});

describe("CSV import", () => {
  const header = "ODS code,Name,Type,Parent code";

  it("reports what would change in a dry run and writes nothing", async () => {
    const before = await directoryCount();
    const auditBefore = (await auditFor(ctx, "organisations.imported")).length;
    const csv = [
      `\uFEFF${header}`,
      "AB1W1,Ward 1,Ward or team,AB1D1",
      "AB1D1,Acute Directorate,DIRECTORATE,AB1",
      "AB1,Ashbury Hospitals NHS Trust,nhs_trust,QWO",
      "RR8,Leeds Teaching Hospitals NHS Trust (renamed),nhs_trust,QWO",
      "QWO,NHS West Yorkshire Integrated Care Board,icb,",
    ].join("\r\n");
    const response = await upload(csv, adminCookie);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as OrganisationImportReport;
    expect(report).toMatchObject({ dryRun: true, applied: false, valid: true });
    expect(report.counts).toEqual({ rows: 5, create: 3, update: 1, unchanged: 1, invalid: 0 });
    expect(report.create.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(report.update[0]?.changes).toEqual([
      {
        field: "name",
        before: "Leeds Teaching Hospitals NHS Trust",
        after: "Leeds Teaching Hospitals NHS Trust (renamed)",
      },
    ]);
    expect(await directoryCount()).toBe(before);
    expect((await auditFor(ctx, "organisations.imported")).length).toBe(auditBefore);
  });

  it("lists every invalid row's problems, and applies nothing until all are fixed", async () => {
    const before = await directoryCount();
    const csv = [
      header,
      "CC1,Cycle One,directorate,CC2",
      "CC2,Cycle Two,directorate,CC1",
      "DD1,Duplicate,nhs_trust,",
      "DD1,Duplicate again,nhs_trust,",
      "EE1,Orphan ward,team,NOPE1",
      "FF1,Strange,hospital,",
      "GG1,Trust under a ward,nhs_trust,HH1",
      "HH1,A ward,team,RR8",
      ",No code,nhs_trust,",
      "JJ1,,nhs_trust,",
      "KK1,Short row",
      "LL1,Fine trust,nhs_trust,QWO",
      "DD1D1,Directorate under a duplicate,directorate,DD1",
    ].join("\n");
    const dry = (await upload(csv, adminCookie)).json() as OrganisationImportReport;
    expect(dry.valid).toBe(false);
    const problemsOf = (row: number) => dry.invalid.find((r) => r.row === row)?.problems.join(" | ") ?? "";
    expect(problemsOf(2)).toMatch(/circle \(CC1 → CC2 → CC1\)/);
    expect(problemsOf(3)).toMatch(/circle/);
    expect(problemsOf(4)).toMatch(/appears more than once.*row 5/);
    expect(problemsOf(5)).toMatch(/appears more than once.*row 4/);
    expect(problemsOf(6)).toMatch(/NOPE1 is neither in the file nor in the directory/);
    expect(problemsOf(7)).toMatch(/Type "hospital" is not known/);
    expect(problemsOf(8)).toMatch(/ward or team cannot hold a nhs trust/i);
    expect(problemsOf(10)).toMatch(/Enter the ODS code/);
    expect(problemsOf(11)).toMatch(/Enter the organisation's name/);
    expect(problemsOf(12)).toMatch(/has 2 values but the heading row has 4/);
    // a parent on two rows is reported on those rows, not as unknown on its children
    expect(problemsOf(14)).toBe("");
    expect(dry.counts).toMatchObject({ create: 3, invalid: 10 });

    const applied = await upload(csv, adminCookie, false);
    expect(applied.statusCode).toBe(422);
    expect(applied.json().error).toBe("import_invalid");
    expect(applied.json().details.length).toBeGreaterThanOrEqual(10);
    expect(await directoryCount()).toBe(before);
  });

  it("refuses files without the columns, empty files, bad options and files over the limit", async () => {
    const missing = await upload("ODS code,name\nAA1,Somewhere\n", adminCookie);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe("invalid_csv");
    expect(missing.json().message).toMatch(/no "type", "parent code" columns/);
    expect((await upload("", adminCookie)).statusCode).toBe(400);
    expect((await upload(`${header}\n`, adminCookie, true)).json().counts.rows).toBe(0);
    const badOption = await ctx.app.inject({
      method: "POST",
      url: "/api/admin/organisations/imports?dryRun=maybe",
      headers: { "content-type": "text/csv", cookie: adminCookie },
      payload: `${header}\n`,
    });
    expect(badOption.statusCode).toBe(400);
    const huge = `${header}\n${"AA1,Somewhere,nhs_trust,\n".repeat(230_000)}`;
    const tooLarge = await upload(huge, adminCookie);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().message).toMatch(/larger than 5 MB/);
    const manyRows = `${header}\n${Array.from({ length: 20_001 }, (_, i) => `A${i},N,team,X`).join("\n")}`;
    const tooMany = await upload(manyRows, adminCookie);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/at most 20,000/);
  });

  it("applies a valid file in one transaction, parents after children, and audits the counts", async () => {
    const before = await directoryCount();
    const csv = [
      header,
      "MM1W1,Ward 1,team,MM1D1",
      "MM1D1,Acute Directorate,directorate,MM1",
      "MM1,Moorside Hospitals NHS Trust,NHS trust,QWO",
      "RGD,Leeds and York Partnership NHS Foundation Trust,nhs_trust,QWO",
    ].join("\n");
    const response = await upload(csv, adminCookie, false);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ applied: true, counts: { create: 3, unchanged: 1 } });
    expect(await directoryCount()).toBe(before + 3);
    const ward = (
      await call("GET", "/api/admin/organisations?q=MM1W1", adminCookie)
    ).json() as AdminOrganisationPage;
    const node = (
      await call("GET", `/api/admin/organisations/${ward.items[0]?.id}`, adminCookie)
    ).json() as OrganisationNode;
    expect(node.ancestors.map((a) => a.name)).toEqual([
      "NHS West Yorkshire Integrated Care Board",
      "Moorside Hospitals NHS Trust",
      "Acute Directorate",
    ]);
    const [event] = await auditFor(ctx, "organisations.imported");
    expect(event).toMatchObject({ actorUserId: admin.id });
    expect(event?.details).toMatchObject({ rows: 4, created: 3, updated: 0, unchanged: 1 });

    // the same file again changes nothing
    const again = (await upload(csv, adminCookie)).json() as OrganisationImportReport;
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 4 });
  });

  it("finds cycles that run through the directory and type changes that would strand children", async () => {
    const csv = [
      header,
      "QWO,NHS West Yorkshire Integrated Care Board,icb,RR8",
      "MM1,Moorside,team,QWO",
    ].join("\n");
    const report = (await upload(csv, adminCookie)).json() as OrganisationImportReport;
    const problems = report.invalid.flatMap((r) => r.problems).join(" | ");
    expect(problems).toMatch(/circle \(QWO → RR8 → QWO\)/);
    expect(problems).toMatch(/cannot hold what is already below MM1/);
  });
});

describe("the API description", () => {
  it("lists the directory, import, team and audit routes, with the import taking text/csv", async () => {
    const spec = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/admin/organisations",
        "/api/admin/organisations/{id}",
        "/api/admin/organisations/imports",
        "/api/me/team",
        "/api/admin/users/{id}/team",
        "/api/admin/audit-events",
        "/api/audit-events/mine",
      ]),
    );
    expect(
      Object.keys(spec.paths["/api/admin/organisations/imports"]?.post?.requestBody?.content ?? {}),
    ).toEqual(["text/csv"]);
  });
});
