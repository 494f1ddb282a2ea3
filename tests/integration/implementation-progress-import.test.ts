import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgressImportResult } from "../../src/shared/implementation-house.js";
import { auditFor, signIn, tableCounts } from "../support/factories.js";
import { buildImplementationCast, type ImplementationCast } from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};

function importCsv(registrationId: string, cookie: string | null, payload: unknown) {
  return ctx.app.inject({
    method: "POST",
    url: `/api/implementation/registrations/${registrationId}/progress-import`,
    ...(cookie ? { headers: { cookie } } : {}),
    payload: payload as Record<string, unknown>,
  });
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    "select count(*)::int as n, coalesce(sum(revision), 0)::int as r from team_module_progress",
  )) as Array<{ n: number; r: number }>;
  return { ...(await tableCounts(ctx)), rows: row?.n ?? 0, revisions: row?.r ?? 0 };
}

const GOOD = [
  "Module,Team,Status,Started,Completed,Sustaining from,Notes",
  "well organised working environment,Northfield district nursing,Complete,12/01/2026,2026-02-23,,Stock room sorted",
  "Knowing How We Are Doing,Northfield district nursing,in_progress,02/03/2026,,,",
  "Well Organised Working Environment,Southgate therapy,In progress,2026-02-02,,,",
  "Planning Our Workload,Southgate therapy,in progress,2026-03-02,,,Trying it early",
].join("\n");

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
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
});

afterAll(async () => {
  await ctx.close();
});

describe("POST /api/implementation/registrations/:id/progress-import", () => {
  it("previews each row's outcome and warnings without writing", async () => {
    const before = await counts();
    const response = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: GOOD,
      mode: "preview",
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ProgressImportResult;
    expect(body.applied).toBe(false);
    expect(body.counts).toEqual({ rows: 4, new: 4, changed: 0, unchanged: 0, errors: 0 });
    expect(body.rows[0]).toMatchObject({
      line: 2,
      team: "Northfield district nursing",
      module: "Well Organised Working Environment",
      status: "complete",
      startedOn: "2026-01-12",
      completedOn: "2026-02-23",
      outcome: "new",
    });
    expect(body.rows[3]?.warnings[0]).toContain(
      "Planning Our Workload has been started before Knowing How We Are Doing",
    );
    expect(body.message).toContain("Nothing has been saved yet");
    expect(await counts()).toEqual(before);
  });

  it("applies every row in one go, audited", async () => {
    const response = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: GOOD,
      mode: "apply",
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ProgressImportResult;
    expect(body.applied).toBe(true);
    const rows = (await ctx.database.rawQuery(
      `select t.name, m.title, p.status, p.started_on::text, p.completed_on::text, p.notes, p.updated_by
         from team_module_progress p join implementation_teams t on t.id = p.team_id
         join house_modules m on m.id = p.house_module_id order by t.name, m.position`,
    )) as Array<Record<string, string | null>>;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      name: "Northfield district nursing",
      title: "Well Organised Working Environment",
      status: "complete",
      started_on: "2026-01-12",
      completed_on: "2026-02-23",
      notes: "Stock room sorted",
      updated_by: cast.programmeLead.id,
    });
    const [audit] = await auditFor(ctx, "implementation.progress_imported");
    expect(audit).toMatchObject({ actorUserId: cast.programmeLead.id, subjectId: cast.registration.id });
    expect(audit?.details).toMatchObject({ rows: 4, new: 4 });
    // The same file again changes nothing.
    const again = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: GOOD,
      mode: "preview",
    });
    expect((again.json() as ProgressImportResult).counts).toMatchObject({ unchanged: 4, new: 0, changed: 0 });
  });

  it("refuses a file with any bad row: 422 listing every line, nothing applied", async () => {
    const before = await counts();
    const csv = [
      "team,module,status,started,completed",
      "Northfield district nursing,Knowing How We Are Doing,complete,02/03/2026,06/04/2026",
      "Northfeld,Well Organised Working Environment,in progress,02/03/2026,",
      "Southgate therapy,Cooking,in progress,02/03/2026,",
      "Southgate therapy,Patient Status at a Glance,in progress,01/01/2026,",
    ].join("\n");
    const preview = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv,
      mode: "preview",
    });
    expect(preview.statusCode).toBe(200);
    expect((preview.json() as ProgressImportResult).rows.map((r) => r.outcome)).toEqual([
      "changed",
      "error",
      "error",
      "error",
    ]);
    const response = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv,
      mode: "apply",
    });
    expect(response.statusCode).toBe(422);
    const body = response.json() as { message: string; details: Array<{ field: string; message: string }> };
    expect(body.message).toBe("3 rows have problems, so nothing was saved. Correct them and try again.");
    expect(body.details.map((d) => d.field)).toEqual(["line-3", "line-4", "line-5"]);
    expect(body.details[0]?.message).toBe(
      "Line 3: there is no team called 'Northfeld' — teams are: Northfield district nursing and Southgate therapy",
    );
    expect(body.details[1]?.message).toContain("Line 4: there is no module called 'Cooking'");
    expect(body.details[2]?.message).toContain(
      "before Southgate therapy started on the programme (5 January 2026)",
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses a file without the headings it needs, or too large", async () => {
    const before = await counts();
    const noHeadings = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: "Northfield district nursing,Knowing How We Are Doing,complete\n",
      mode: "preview",
    });
    expect(noHeadings.statusCode).toBe(422);
    expect((noHeadings.json() as { message: string }).message).toContain("missing");
    const empty = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: "",
      mode: "apply",
    });
    expect(empty.statusCode).toBe(400);
    const badMode = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: GOOD,
      mode: "go",
    });
    expect(badMode.statusCode).toBe(400);
    const huge = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: `team,module,status\n${"x".repeat(2 * 1024 * 1024)}`,
      mode: "apply",
    });
    expect(huge.statusCode).toBe(413);
    const manyRows = `team,module,status\n${"Northfield district nursing,Knowing How We Are Doing,in progress\n".repeat(5001)}`;
    const tooMany = await importCsv(cast.registration.id, cookies.programmeLead ?? "", {
      csv: manyRows,
      mode: "apply",
    });
    expect(tooMany.statusCode).toBe(422);
    expect((tooMany.json() as { message: string }).message).toContain("5,001 rows");
    expect(await counts()).toEqual(before);
  });

  it("lets a team leader import their own team's rows only", async () => {
    const before = await counts();
    const csv = [
      "team,module,status,started",
      "Northfield district nursing,Patient Status at a Glance,in progress,2026-03-02",
      "Southgate therapy,Patient Status at a Glance,in progress,2026-03-02",
    ].join("\n");
    const refused = await importCsv(cast.registration.id, cookies.teamLeaderA ?? "", { csv, mode: "apply" });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as { details: Array<{ message: string }> }).details).toEqual([
      {
        field: "line-3",
        message: "Line 3: you can only import rows for your own team, not Southgate therapy",
      },
    ]);
    expect(await counts()).toEqual(before);
    const own = await importCsv(cast.registration.id, cookies.teamLeaderA ?? "", {
      csv: csv.split("\n").slice(0, 2).join("\n"),
      mode: "apply",
    });
    expect(own.statusCode, own.body).toBe(200);
    expect((await counts()).rows).toBe(before.rows + 1);
  });

  it("follows the authorisation matrix", async () => {
    const before = await counts();
    expect((await importCsv(cast.registration.id, null, { csv: GOOD, mode: "preview" })).statusCode).toBe(
      401,
    );
    for (const who of ["executive", "financeLead", "admin"] as const) {
      const response = await importCsv(cast.registration.id, cookies[who] ?? "", {
        csv: GOOD,
        mode: "apply",
      });
      expect(response.statusCode, who).toBe(403);
    }
    for (const who of ["colleague", "otherLead"] as const) {
      const response = await importCsv(cast.registration.id, cookies[who] ?? "", {
        csv: GOOD,
        mode: "apply",
      });
      expect(response.statusCode, who).toBe(404);
    }
    // The other organisation's lead cannot reach these teams through their own registration either.
    const elsewhere = await importCsv(cast.otherRegistration.id, cookies.otherLead ?? "", {
      csv: GOOD,
      mode: "apply",
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });
});
