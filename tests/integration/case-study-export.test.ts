import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCaseStudyDocument } from "../../src/server/modules/projects/case-study-document.js";
import { CASE_STUDY_EXPORTED } from "../../src/server/modules/projects/case-study-export.service.js";
import { auditFor, buildOrganisation, buildUser, signIn, type TestUser } from "../support/factories.js";
import { pdfPlainText } from "../support/pdf-text.js";
import { buildMeasure, buildPdsaCycle, buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let lead: TestUser;
let colleague: TestUser;
let outsider: TestUser;
let leadCookie = "";
let colleagueCookie = "";
let outsiderCookie = "";
let projectId = "";
let privateProjectId = "";
let measureId = "";
let privateMeasureId = "";
let emptyMeasureId = "";

const FALLS = [12, 14, 11, 13, 12, 15, 11, 13, 12, 14, 13, 12, 9, 8, 7, 9, 6, 7, 8, 6, 7, 8, 6, 7];

beforeAll(async () => {
  ctx = await createTestApp();
  const organisationId = await buildOrganisation(ctx, { name: "Northshire Hospitals" });
  const otherOrganisationId = await buildOrganisation(ctx);
  lead = await buildUser(ctx, { organisationId, givenName: "Priya", familyName: "Shah" });
  colleague = await buildUser(ctx, { organisationId });
  outsider = await buildUser(ctx, { organisationId: otherOrganisationId });
  leadCookie = await signIn(ctx, lead);
  colleagueCookie = await signIn(ctx, colleague);
  outsiderCookie = await signIn(ctx, outsider);

  projectId = (
    await buildProject(ctx, {
      leadId: lead.id,
      title: "Reducing falls on Ward 7",
      organisationId,
      visibility: "organisation",
    })
  ).id;
  measureId = (await buildMeasure(ctx, projectId, { title: "Falls per week", values: FALLS, target: 8 })).id;
  await buildMeasure(ctx, projectId, { title: "Rounding compliance", kind: "process", values: [60, 70, 80] });
  emptyMeasureId = (await buildMeasure(ctx, projectId, { title: "Bed rails reviewed", kind: "process" })).id;
  await buildPdsaCycle(ctx, projectId, { title: "Intentional rounding at night", startsOn: "2026-03-02" });
  await ctx.database.rawQuery(`insert into case_studies (project_id, sections) values ($1, $2::jsonb)`, [
    projectId,
    JSON.stringify({
      background: "Falls are our most reported incident.",
      lessons: "- Start small\n- Measure weekly",
    }),
  ]);
  await ctx.database.rawQuery(
    `update project_measures set rebase_on = '["2026-03-30"]'::jsonb where id = $1`,
    [measureId],
  );

  privateProjectId = (await buildProject(ctx, { leadId: lead.id, title: "Private project", organisationId }))
    .id;
  privateMeasureId = (await buildMeasure(ctx, privateProjectId, { values: [1, 2, 3] })).id;
});

afterAll(async () => {
  await ctx?.close();
});

function get(url: string, cookie: string | null) {
  return ctx.app.inject({ method: "GET", url, ...(cookie ? { headers: { cookie } } : {}) });
}

describe("the case-study document", () => {
  it("holds the project, named team, sections, outcome charts with PDSA and rebase annotations, and cycles", async () => {
    const doc = await loadCaseStudyDocument(ctx.database.db, projectId);
    expect(doc.project.title).toBe("Reducing falls on Ward 7");
    expect(doc.project.organisationName).toBe("Northshire Hospitals");
    expect(doc.team).toEqual([{ name: "Priya Shah", role: "lead", responsibility: "" }]);
    expect(doc.sections.background).toBe("Falls are our most reported incident.");
    expect(doc.sections.methods).toBe("");
    // No measures chosen: every outcome measure with data.
    expect(doc.charts.map((c) => c.title)).toEqual(["Falls per week"]);
    const chart = doc.charts[0];
    expect(chart?.result.points).toHaveLength(24);
    expect(chart?.result.summary.segmentStarts).toEqual([0, 12]);
    expect(chart?.annotations).toEqual([
      { date: "2026-03-02", label: "Intentional rounding at night", kind: "pdsa" },
      { date: "2026-03-30", label: "New baseline", kind: "rebase" },
    ]);
    expect(doc.pdsaCycles.map((c) => c.title)).toEqual(["Intentional rounding at night"]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("charts the chosen measures in the chosen order", async () => {
    const [rounding] = (await ctx.database.rawQuery(
      "select id from project_measures where project_id = $1 and title = 'Rounding compliance'",
      [projectId],
    )) as Array<{ id: string }>;
    await ctx.database.rawQuery(
      "update case_studies set chart_measure_ids = $2::jsonb where project_id = $1",
      [projectId, JSON.stringify([rounding?.id, measureId])],
    );
    const doc = await loadCaseStudyDocument(ctx.database.db, projectId);
    expect(doc.charts.map((c) => c.title)).toEqual(["Rounding compliance", "Falls per week"]);
    await ctx.database.rawQuery(
      "update case_studies set chart_measure_ids = '[]'::jsonb where project_id = $1",
      [projectId],
    );
  });
});

describe("GET /api/projects/:id/case-study.pdf", () => {
  it("gives a team member the PDF, not audited", async () => {
    const before = (await auditFor(ctx, CASE_STUDY_EXPORTED)).length;
    const response = await get(`/api/projects/${projectId}/case-study.pdf`, leadCookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="reducing-falls-on-ward-7-case-study.pdf"',
    );
    const text = await pdfPlainText(response.rawPayload);
    for (const expected of [
      "Reducing falls on Ward 7",
      "Background",
      "Lessons learnt",
      "Results",
      "Falls per week",
      "Priya Shah",
      "Start small",
    ]) {
      expect(text).toContain(expected);
    }
    expect((await auditFor(ctx, CASE_STUDY_EXPORTED)).length).toBe(before);
  });

  it("gives a reader the project is shared with the PDF, audited as an export", async () => {
    const response = await get(`/api/projects/${projectId}/case-study.pdf`, colleagueCookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(await pdfPlainText(response.rawPayload)).toContain("Falls per week");
    const [event] = await auditFor(ctx, CASE_STUDY_EXPORTED);
    expect(event).toMatchObject({
      actorUserId: colleague.id,
      subjectType: "improvement_project",
      subjectId: projectId,
    });
  });

  it("answers 404 to outsiders and for private projects, 401 signed out, 400 for a nonsense id", async () => {
    expect((await get(`/api/projects/${projectId}/case-study.pdf`, outsiderCookie)).statusCode).toBe(404);
    expect((await get(`/api/projects/${privateProjectId}/case-study.pdf`, colleagueCookie)).statusCode).toBe(
      404,
    );
    expect((await get(`/api/projects/${projectId}/case-study.pdf`, null)).statusCode).toBe(401);
    const bad = await get("/api/projects/not-a-project/case-study.pdf", leadCookie);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain("project id");
    expect(
      (await get("/api/projects/00000000-0000-4000-8000-000000000000/case-study.pdf", leadCookie)).statusCode,
    ).toBe(404);
    const audited = (await auditFor(ctx, CASE_STUDY_EXPORTED)).filter((e) => e.actorUserId === outsider.id);
    expect(audited).toHaveLength(0);
  });
});

describe("GET /api/measures/:id/chart.svg", () => {
  it("gives a team member a standalone SVG with a title and description", async () => {
    const response = await get(`/api/measures/${measureId}/chart.svg`, leadCookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="falls-per-week.svg"');
    expect(XMLValidator.validate(response.body)).toBe(true);
    const svg = new XMLParser({ ignoreAttributes: false }).parse(response.body).svg;
    expect(svg.title["#text"]).toBe("Falls per week");
    expect(svg.desc["#text"]).toContain("XmR chart of 24 weekly points");
    expect(response.body).toContain("PDSA: Intentional rounding");
  });

  it("gives a shared reader the SVG; 404 to outsiders and for private projects; 401 signed out; 400 bad id", async () => {
    expect((await get(`/api/measures/${measureId}/chart.svg`, colleagueCookie)).statusCode).toBe(200);
    const outside = await get(`/api/measures/${measureId}/chart.svg`, outsiderCookie);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().message).toContain("measure");
    expect((await get(`/api/measures/${privateMeasureId}/chart.svg`, colleagueCookie)).statusCode).toBe(404);
    expect((await get(`/api/measures/${measureId}/chart.svg`, null)).statusCode).toBe(401);
    expect((await get("/api/measures/1234/chart.svg", leadCookie)).statusCode).toBe(400);
    expect(
      (await get("/api/measures/00000000-0000-4000-8000-000000000000/chart.svg", leadCookie)).statusCode,
    ).toBe(404);
  });

  it("answers 409 for a measure with no data yet", async () => {
    const response = await get(`/api/measures/${emptyMeasureId}/chart.svg`, leadCookie);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain("no data yet");
  });
});
