import { and, asc, eq, like } from "drizzle-orm";
import {
  RECOGNITION_CPD_POINTS,
  RECOGNITION_RUBRIC,
  RECOGNITION_RUBRIC_VERSION,
} from "../../../shared/recognition.js";
import { DEFAULT_SPC_RULES } from "../../../shared/spc/types.js";
import {
  caseStudies,
  improvementProjects,
  measurePoints,
  pdsaCycles,
  projectMeasures,
  projectMembers,
  users,
} from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";
import { conflictBetween } from "../assessment/assessment.policy.js";
import { generateCertificateCode } from "../certificates/certificate-code.js";
import { loadCaseStudyDocument } from "../projects/case-study-document.js";
import { aimSummary, consentingAuthors, searchTextOf, stripTeam } from "./library-entry.js";
import * as repo from "./recognition.repository.js";

/** The demo project this seed recognises. */
export const DEMO_RECOGNISED_TITLE = "Faster discharge letters on the respiratory ward";
const DEMO_ASSESSOR = "assessor@example.org";
const COLLEAGUES = "%@reports-demo.example.org";
const FALLBACK_LEAD = "learner@example.org";

/** Hours from the decision to discharge until the letter reached the GP, weekly: a baseline, then a PDSA, then better. */
const HOURS = [
  52, 47, 55, 49, 58, 51, 46, 53, 50, 56, 48, 54, 31, 28, 26, 30, 24, 27, 25, 29, 23, 26, 24, 22,
];

const weekly = (start: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${start}T00:00:00Z`) + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );

/**
 * Demo data for recognition, so the public case-study library shows something on first start: a recognised project
 * ("Faster discharge letters on the respiratory ward") led by a demo colleague who agreed to be named, with an outcome
 * measure and 24 weeks of data, a PDSA cycle and a complete write-up; a submission frozen from it, a pass by the
 * demo assessor scoring every criterion, a certificate (and so CPD points) for the lead, and the library entry. Safe
 * to run again: it does nothing once the project exists. Returns the project id, or null when the demo accounts are
 * missing. Call after seedDemoAccounts and seedDemoActivity (which creates the colleagues).
 */
export async function seedRecognitionDemo(db: Db, now: Date = new Date()): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: improvementProjects.id })
      .from(improvementProjects)
      .where(eq(improvementProjects.title, DEMO_RECOGNISED_TITLE))
      .limit(1);
    if (existing) return null;
    const assessor = await repo.getPersonByEmail(tx, DEMO_ASSESSOR);
    if (!assessor || !(await repo.getActiveAssessor(tx, assessor.id, now))) return null;
    const candidates = [
      ...(await tx
        .select({ id: users.id, teamId: users.teamId, organisationId: users.organisationId })
        .from(users)
        .where(like(users.email, COLLEAGUES))
        .orderBy(asc(users.email))
        .limit(20)),
      ...(await tx
        .select({ id: users.id, teamId: users.teamId, organisationId: users.organisationId })
        .from(users)
        .where(eq(users.email, FALLBACK_LEAD))),
    ];
    const lead = candidates.find(
      (c) =>
        conflictBetween(
          { userId: assessor.id, teamId: assessor.teamId },
          { userId: c.id, teamId: c.teamId },
        ) === null,
    );
    if (!lead) return null;

    const [project] = await tx
      .insert(improvementProjects)
      .values({
        title: DEMO_RECOGNISED_TITLE,
        problem:
          "Discharge letters reached GPs about two days after patients went home, so follow-up and medicines changes were missed.",
        aimWhat: "Send every discharge letter from Ward 12 to the GP",
        aimHowMuch: "within 24 hours of the decision to discharge",
        aimByWhen: "2026-06-30",
        setting: "acute_ward",
        topic: "communication",
        organisationId: lead.organisationId,
        teamName: "Ward 12 respiratory team",
        status: "sustaining",
        progressScore: "4.0",
        visibility: "signed_in",
        libraryConsentAt: now,
        libraryConsentBy: lead.id,
        createdBy: lead.id,
      })
      .returning({ id: improvementProjects.id });
    if (!project) throw new Error("the demo project insert returned no row");
    await tx.insert(projectMembers).values({
      projectId: project.id,
      userId: lead.id,
      role: "lead",
      nameInLibrary: true,
      responsibility: "Project lead",
    });
    const [measure] = await tx
      .insert(projectMeasures)
      .values({
        projectId: project.id,
        kind: "outcome",
        title: "Hours from discharge decision to letter sent",
        definition:
          "Median hours, each week, from the decision to discharge until the letter was sent to the GP.",
        unit: "hours",
        improvementDirection: "decrease",
        frequency: "weekly",
        target: 24,
        rules: DEFAULT_SPC_RULES,
      })
      .returning({ id: projectMeasures.id });
    if (!measure) throw new Error("the demo measure insert returned no row");
    const dates = weekly("2026-01-05", HOURS.length);
    await tx.insert(measurePoints).values(
      HOURS.map((value, i) => ({
        measureId: measure.id,
        observedOn: dates[i] ?? "2026-01-05",
        value,
        createdBy: lead.id,
      })),
    );
    await tx.insert(pdsaCycles).values({
      projectId: project.id,
      title: "Junior doctors draft the letter on the ward round",
      plan: "Draft the letter at the bedside when discharge is decided, for two weeks.",
      prediction: "Letters will be sent within a day for most patients.",
      doNotes: "Tried on weekdays; weekends were covered by the discharge coordinator.",
      study: "The median fell from about 50 hours to under 30 in the first fortnight.",
      act: "Adopted on all weekday ward rounds.",
      decision: "adopt",
      startsOn: dates[12] ?? "2026-03-30",
      endsOn: dates[14] ?? "2026-04-13",
      createdBy: lead.id,
    });
    await tx.insert(caseStudies).values({
      projectId: project.id,
      chartMeasureIds: [measure.id],
      updatedBy: lead.id,
      sections: {
        background:
          "GPs told us discharge letters arrived days after patients went home, so medicines changes were missed.",
        aim: "Send every discharge letter to the GP within 24 hours of the decision to discharge by June 2026.",
        methods:
          "We mapped the letter's journey with the ward team, built a driver diagram and tested changes in PDSA cycles, measuring hours to letter weekly on an XmR chart.",
        results:
          "After the ward-round drafting change the chart shows a shift below the mean: special cause improvement. The median is now about 25 hours.",
        lessons: "Small tests with one consultant's team first made the change easy to spread.",
        nextSteps:
          "We are spreading the change to the two other respiratory wards and monitoring the chart monthly.",
        involvement:
          "Patients and GPs told us what a useful letter contains; ward clerks redesigned the template.",
      },
    });

    const document = await loadCaseStudyDocument(tx, project.id);
    const submission = await repo.insertSubmission(tx, {
      projectId: project.id,
      version: 1,
      snapshot: { rubricVersion: RECOGNITION_RUBRIC_VERSION, document } as unknown as Record<string, unknown>,
      submittedBy: lead.id,
      now,
    });
    await repo.pickUp(tx, submission.id, assessor.id, now);
    await repo.insertDecision(tx, {
      submissionId: submission.id,
      assessorId: assessor.id,
      outcome: "pass",
      scores: RECOGNITION_RUBRIC.criteria.map((c) => ({ criterionId: c.id, score: 3, feedback: "" })),
      feedback: "A clear, honest case study with improvement shown as special cause on the chart.",
      now,
    });
    await repo.closeSubmission(tx, submission.id, "passed", now);
    const recognition = await repo.insertRecognition(tx, {
      projectId: project.id,
      submissionId: submission.id,
      cpdPoints: RECOGNITION_CPD_POINTS,
      now,
    });
    const team = await repo.listTeam(tx, project.id);
    await repo.insertCertificates(
      tx,
      team.map((m) => ({
        code: generateCertificateCode(),
        recognitionId: recognition.id,
        userId: m.userId,
        certificateName: m.certificateName,
        projectTitle: DEMO_RECOGNISED_TITLE,
        cpdPoints: RECOGNITION_CPD_POINTS,
        issuedAt: now,
      })),
    );
    const facts = await repo.getProject(tx, project.id);
    const content = stripTeam(document, team) as Record<string, unknown>;
    await repo.upsertLibraryEntry(tx, {
      projectId: project.id,
      recognitionId: recognition.id,
      title: DEMO_RECOGNISED_TITLE,
      summary: aimSummary({
        what: document.project.aimWhat,
        howMuch: document.project.aimHowMuch,
        byWhen: document.project.aimByWhen,
      }),
      setting: "acute_ward",
      topic: "communication",
      measureKinds: ["outcome"],
      organisationName: facts?.organisationName ?? null,
      authors: consentingAuthors(team),
      content,
      searchText: searchTextOf(DEMO_RECOGNISED_TITLE, content),
    });
    return project.id;
  });
}

/** Whether the demo recognition exists (for tests and checks). */
export async function hasRecognitionDemo(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: improvementProjects.id })
    .from(improvementProjects)
    .where(and(eq(improvementProjects.title, DEMO_RECOGNISED_TITLE)));
  return rows.length > 0;
}
