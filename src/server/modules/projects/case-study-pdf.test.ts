import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractPdfText, pdfPlainText } from "../../../../tests/support/pdf-text.js";
import { type CaseStudyDocument, CaseStudyDocumentSchema } from "../../../shared/case-study.js";
import { layoutSpcChart } from "../../../shared/spc/chart-layout.js";
import { analyseSpc } from "../../../shared/spc/engine.js";
import { renderCaseStudyPdf } from "./case-study-pdf.js";
import { renderChartSvg } from "./chart-svg.js";

function weekly(count: number): string[] {
  const start = Date.parse("2026-01-05T00:00:00Z");
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

const values = [12, 14, 11, 13, 12, 15, 11, 13, 12, 14, 13, 12, 9, 8, 7, 9, 6, 7, 8, 6, 7, 8, 6, 7];
const dates = weekly(values.length);

/** A realistic document: 24 weeks of falls, a PDSA cycle and a rebase at week 9. */
function sampleDocument(): CaseStudyDocument {
  const result = analyseSpc({ values, dates, improvementDirection: "decrease", target: 8 });
  return CaseStudyDocumentSchema.parse({
    project: {
      id: "8b0c2c9e-1f5b-4a53-9df2-0a0c2b8f0001",
      title: "Reducing falls on Ward 7 at night",
      problem: "Patients fall at night, mostly between midnight and six.",
      aimWhat: "Reduce falls on Ward 7",
      aimHowMuch: "by 30%",
      aimByWhen: "2027-03-31",
      setting: "acute_ward",
      topic: "patient_safety",
      organisationName: "Northshire Hospitals NHS Foundation Trust",
      teamName: "Ward 7 nursing team",
      status: "implementing",
      progressScore: "3.5",
      courseTitle: "Improvement foundations",
    },
    team: [
      { name: "Zoë Ødegaard", role: "lead", responsibility: "Project lead" },
      { name: "Sam Patel", role: "member", responsibility: "Data lead" },
    ],
    driverDiagram: [
      {
        id: "a",
        kind: "primary_driver",
        text: "Patients are supervised at night",
        children: [
          {
            id: "b",
            kind: "secondary_driver",
            text: "Regular checks",
            children: [
              { id: "c", kind: "change_idea", text: "Intentional rounding every hour", children: [] },
            ],
          },
        ],
      },
    ],
    sections: {
      background: "Falls are the most reported incident on the ward.\n\nMost happen at night.",
      aim: "Reduce falls by 30% by March 2027.",
      methods:
        "We tested changes with PDSA cycles:\n- intentional rounding\n- bed rails review\n- a new handover sheet that is described at some length so that the bullet wraps onto a second line of text",
      results: "Falls fell after rounding started. ".repeat(12),
      lessons: "Start small.",
      nextSteps: "",
      involvement: "Patients and carers told us what worried them.",
    },
    charts: [
      {
        measureId: "8b0c2c9e-1f5b-4a53-9df2-0a0c2b8f0002",
        title: "Falls per week",
        kind: "outcome",
        unit: "falls",
        definition: "Inpatient falls recorded on Datix, per week.",
        improvementDirection: "decrease",
        target: 8,
        result,
        annotations: [
          { date: "2026-03-02", label: "Intentional rounding at night", kind: "pdsa" },
          { date: "2026-03-09", label: "New handover sheet", kind: "note" },
        ],
      },
      {
        measureId: "8b0c2c9e-1f5b-4a53-9df2-0a0c2b8f0003",
        title: "Rounding compliance",
        kind: "process",
        unit: "%",
        definition: "",
        improvementDirection: "increase",
        target: null,
        result: analyseSpc({
          values: [60, 70, 75, 80, 82, 85],
          dates: weekly(6),
          improvementDirection: "increase",
        }),
        annotations: [],
      },
    ],
    pdsaCycles: [
      {
        id: "p1",
        title: "Intentional rounding at night",
        changeIdea: "Intentional rounding every hour",
        plan: "Round hourly from 22:00.",
        prediction: "Fewer falls between midnight and six.",
        doNotes: "",
        study: "Falls halved in four weeks.",
        act: "",
        decision: "adopt",
        startsOn: "2026-03-02",
        endsOn: "2026-03-30",
      },
    ],
    generatedAt: "2026-06-20T10:00:00.000Z",
  });
}

describe("renderCaseStudyPdf", () => {
  it("prints the title block, every section, the driver diagram, cycles and charts, with page numbers", async () => {
    const bytes = await renderCaseStudyPdf(sampleDocument());
    if (process.env.CASE_STUDY_PDF_OUT) writeFileSync(process.env.CASE_STUDY_PDF_OUT, bytes);
    const text = await pdfPlainText(bytes);
    for (const expected of [
      "Reducing falls on Ward 7 at night",
      "Northshire Hospitals NHS Foundation Trust",
      "Background",
      "Patient and staff involvement",
      "Driver diagram",
      "Intentional rounding every hour",
      "PDSA cycles",
      "Adopt the change",
      "Falls per week",
      "Rounding compliance",
      "Rules: shift 6, trend 6",
      "Zoë Ødegaard",
      "Not written yet.",
      "The limits are not yet reliable",
      "PDSA: Intentional rounding",
    ]) {
      expect(text).toContain(expected);
    }
    const pages = await extractPdfText(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)?.join(" ")).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it("leaves the team's names out when asked", async () => {
    const text = await pdfPlainText(await renderCaseStudyPdf(sampleDocument(), { includeTeamNames: false }));
    expect(text).not.toContain("Zoë");
    expect(text).not.toContain("Sam Patel");
  });
});

describe("renderChartSvg", () => {
  it("is a standalone SVG with an escaped title and description", () => {
    const chart = sampleDocument().charts[0];
    if (!chart) throw new Error("no chart");
    const svg = renderChartSvg(
      layoutSpcChart(chart.result, {
        width: 800,
        height: 400,
        title: 'Falls <per> week & "more"',
        unit: "falls",
        annotations: chart.annotations,
        target: 8,
      }),
    );
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(svg).toContain('<title id="chart-title">Falls &lt;per&gt; week &amp; &quot;more&quot;</title>');
    expect(svg).toContain('<desc id="chart-desc">XmR chart of 24 weekly points');
    expect(svg).not.toMatch(/<per>/);
    expect(svg.match(/<path d="M[^"]*" fill="#/g)?.length ?? 0).toBeGreaterThanOrEqual(24);
    if (process.env.CASE_STUDY_SVG_OUT) writeFileSync(process.env.CASE_STUDY_SVG_OUT, svg);
  });
});
