import { z } from "zod";
import {
  CASE_STUDY_SECTIONS,
  PROJECT_SETTINGS,
  PROJECT_TOPICS,
  RECOGNITION_STATUSES,
  type RecognitionStatus,
} from "./projects.js";

/**
 * Recognition of improvement projects (issue 8): the published rubric assessors score case studies against, the rules
 * a decision must meet (checked by the form and the API alike), and the contracts of submission, the assessors'
 * queue, decisions, allocation and recognition certificates. See docs/recognition.md.
 */

/** Which version of the rubric is in force; frozen into every submission. */
export const RECOGNITION_RUBRIC_VERSION = "2026-1";
/** CPD points each team member's record gains when a project is recognised. */
export const RECOGNITION_CPD_POINTS = 5;
/** The score every criterion must reach for a pass: 2, "shown". */
export const RECOGNITION_PASS_SCORE = 2;
/** The scores a criterion can get, lowest first. */
export const RUBRIC_SCORES = [0, 1, 2, 3] as const;
/** One of RUBRIC_SCORES. */
export type RubricScore = (typeof RUBRIC_SCORES)[number];
/** What each score means on every criterion. */
export const RUBRIC_SCORE_LABELS: Record<RubricScore, string> = {
  0: "Not shown",
  1: "Partly shown",
  2: "Shown (meets the standard)",
  3: "Shown well (exceeds the standard)",
};

/** One published rubric criterion: what assessors look for and what each score means for it. */
export interface RubricCriterion {
  id: string;
  title: string;
  lookFor: string;
  descriptors: Record<RubricScore, string>;
}

/** The published rubric: seven criteria, each scored 0–3. */
export const RECOGNITION_RUBRIC: { version: string; criteria: readonly RubricCriterion[] } = {
  version: RECOGNITION_RUBRIC_VERSION,
  criteria: [
    {
      id: "problem_and_aim",
      title: "Problem and aim",
      lookFor:
        "A clear problem that matters to patients or staff, and a SMART aim: what will improve, by how much and by when.",
      descriptors: {
        0: "No problem statement or aim.",
        1: "A problem is described, but the aim is vague or has no measure or date.",
        2: "A clear problem and an aim saying what, by how much and by when.",
        3: "As 2, and the aim is grounded in baseline data and what matters to patients.",
      },
    },
    {
      id: "understanding_the_system",
      title: "Understanding the system",
      lookFor:
        "A driver diagram (or similar) linking the aim to primary and secondary drivers and change ideas, built with the people who do the work.",
      descriptors: {
        0: "No attempt to understand the system.",
        1: "A driver diagram that is incomplete or not linked to the changes tested.",
        2: "A driver diagram whose change ideas follow from its drivers, and the changes tested come from it.",
        3: "As 2, and it was revised as the team learnt, with process mapping or other tools where they helped.",
      },
    },
    {
      id: "measurement",
      title: "Measurement",
      lookFor:
        "Outcome, process and balancing measures with clear definitions, data over time on SPC or run charts, and variation interpreted correctly.",
      descriptors: {
        0: "No measures, or data only before and after.",
        1: "Some data over time, but measures are poorly defined or charts are misread.",
        2: "Defined outcome and process measures over time on charts, with special and common cause read correctly.",
        3: "As 2, with a balancing measure, baselines fixed or rebased at known changes, and the rule settings stated.",
      },
    },
    {
      id: "testing_changes",
      title: "Testing changes",
      lookFor:
        "Changes tested in PDSA cycles with a prediction made before each test, what happened studied against it, and a decision to adopt, adapt or abandon.",
      descriptors: {
        0: "No tests of change described.",
        1: "Changes made, but not as cycles, or without predictions.",
        2: "PDSA cycles with predictions, what was learnt and a decision on each.",
        3: "As 2, with cycles that build on each other, growing in scale as confidence grew.",
      },
    },
    {
      id: "results",
      title: "Results",
      lookFor: "What the measures show against the aim, told honestly, including what did not improve.",
      descriptors: {
        0: "No results reported.",
        1: "Results claimed without data to support them.",
        2: "Results supported by the charts and compared with the aim, limits acknowledged.",
        3: "As 2, with improvement shown as special cause and linked to the changes tested.",
      },
    },
    {
      id: "involvement",
      title: "Involvement of patients and staff",
      lookFor: "How patients, carers and staff shaped the problem, the changes and the measures.",
      descriptors: {
        0: "No involvement described.",
        1: "People were told about the work or asked once.",
        2: "Patients or staff helped shape the changes and the measures.",
        3: "Patients and staff were partners throughout, and the write-up shows what they changed.",
      },
    },
    {
      id: "learning_and_sustainability",
      title: "Learning, sustainability and spread",
      lookFor:
        "Honest reflection on what worked and what did not, and a plan for holding the gains and sharing them with others.",
      descriptors: {
        0: "No reflection or plans.",
        1: "General lessons with no plan to sustain or spread.",
        2: "Specific lessons and a realistic plan to sustain the gains and share them.",
        3: "As 2, with evidence the gains are holding or spreading already.",
      },
    },
  ],
};

/** The ids of the criteria in the rubric now in force. */
export const RUBRIC_CRITERION_IDS = RECOGNITION_RUBRIC.criteria.map((c) => c.id);

/** Where a submission stands, as pages say it. */
export const RECOGNITION_STATUS_LABELS: Record<RecognitionStatus, string> = {
  awaiting_assessment: "Waiting for assessment",
  passed: "Recognised",
  referred: "Referred back",
};

/** An assessor's outcomes. */
export const RECOGNITION_OUTCOMES = ["pass", "refer"] as const;
/** One of RECOGNITION_OUTCOMES. */
export type RecognitionOutcome = (typeof RECOGNITION_OUTCOMES)[number];
/** Outcomes as people say them. */
export const RECOGNITION_OUTCOME_LABELS: Record<RecognitionOutcome, string> = {
  pass: "Recognise the project",
  refer: "Refer back",
};

/** Longest feedback (overall or on one criterion). */
export const RECOGNITION_TEXT_MAX = 5_000;

/** The form field a criterion's score lives in (the error summary links to it). */
export const scoreField = (criterionId: string) => `score-${criterionId}`;
/** The form field a criterion's feedback lives in. */
export const feedbackField = (criterionId: string) => `feedback-${criterionId}`;

/** A decision as it is being made: on the form, scores may still be missing. */
export interface RecognitionDecisionDraft {
  outcome: RecognitionOutcome | "";
  scores: { criterionId: string; score: number | null; feedback: string }[];
  feedback: string;
}

/** One thing wrong with a decision, naming the field to change. */
export interface RecognitionDecisionProblem {
  field: string;
  message: string;
}

/**
 * The decision rules, pure so the form and the API apply the same ones: every criterion scored exactly once (0–3);
 * feedback on every criterion scored below 2; pass only when every criterion scores 2 or more; refer only when at
 * least one scores below 2; overall feedback on a referral. Returns every problem, an empty list when it can stand.
 */
export function checkRecognitionDecision(
  draft: RecognitionDecisionDraft,
  criteria: readonly { id: string; title: string }[] = RECOGNITION_RUBRIC.criteria,
): RecognitionDecisionProblem[] {
  const problems: RecognitionDecisionProblem[] = [];
  const known = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Map<string, RecognitionDecisionDraft["scores"][number]>();
  const unknown: string[] = [];
  for (const judgement of draft.scores) {
    const criterion = known.get(judgement.criterionId);
    if (!criterion) {
      unknown.push(judgement.criterionId);
      continue;
    }
    if (seen.has(criterion.id)) {
      problems.push({
        field: scoreField(criterion.id),
        message: `Score "${criterion.title}" once: it appears more than once in this decision`,
      });
      continue;
    }
    seen.set(criterion.id, judgement);
  }
  if (unknown.length > 0)
    problems.push({
      field: "scores",
      message: `Remove the criteria that are not in the rubric: ${unknown.join(", ")}`,
    });
  const scoreOf = (id: string) => {
    const score = seen.get(id)?.score;
    return typeof score === "number" && Number.isInteger(score) && score >= 0 && score <= 3 ? score : null;
  };
  for (const criterion of criteria) {
    const judgement = seen.get(criterion.id);
    const score = scoreOf(criterion.id);
    if (score === null) {
      problems.push({
        field: scoreField(criterion.id),
        message:
          judgement && judgement.score !== null
            ? `Score "${criterion.title}" as a whole number from 0 to 3`
            : `Select a score for "${criterion.title}"`,
      });
    } else if (score < RECOGNITION_PASS_SCORE && !judgement?.feedback.trim()) {
      problems.push({
        field: feedbackField(criterion.id),
        message: `Give feedback on "${criterion.title}": say what the team needs to show to score 2`,
      });
    }
  }
  const below = criteria.filter((c) => {
    const s = scoreOf(c.id);
    return s !== null && s < RECOGNITION_PASS_SCORE;
  });
  const allScored = criteria.every((c) => scoreOf(c.id) !== null);
  if (draft.outcome === "") {
    problems.push({ field: "outcome", message: "Select whether to recognise the project or refer it back" });
  } else if (draft.outcome === "pass" && below.length > 0) {
    problems.push({
      field: "outcome",
      message: `To recognise the project, every criterion must score 2 or more: ${below.map((c) => `"${c.title}"`).join(", ")} ${below.length === 1 ? "scores" : "score"} less, so refer it back instead`,
    });
  } else if (draft.outcome === "refer" && allScored && below.length === 0) {
    problems.push({
      field: "outcome",
      message: "To refer the project back, score at least one criterion below 2, or recognise it",
    });
  }
  if (draft.outcome === "refer" && !draft.feedback.trim())
    problems.push({
      field: "feedback",
      message: "Give overall feedback: say what the team should change before they submit again",
    });
  return problems;
}

const isoDateTime = z.string().describe("ISO 8601 date and time");
const person = z.object({ id: z.string(), name: z.string() });
const text = (max: number, what: string) =>
  z
    .string({ error: `Enter ${what} as text` })
    .trim()
    .max(
      max,
      `${what[0]?.toUpperCase() ?? ""}${what.slice(1)} must be ${max.toLocaleString("en-GB")} characters or fewer`,
    );

/** :id of a project in a path. */
export const ProjectParamsSchema = z.object({ id: z.uuid("The project id is not valid") });
/** :submissionId of a submission in a path. */
export const RecognitionSubmissionParamsSchema = z.object({
  submissionId: z.uuid("The submission id is not valid"),
});

/** POST /api/projects/:id/recognition/submissions: a lead submits, declaring the work their own and anonymised. */
export const RecognitionSubmitSchema = z.strictObject({
  declaration: z.literal(true, {
    error: "Confirm that this is your team's own work and that any patient data is anonymised",
  }),
  libraryConsent: z.boolean({ error: "Choose whether the case study may appear in the public library" }),
});
/** A submission request. */
export type RecognitionSubmitInput = z.infer<typeof RecognitionSubmitSchema>;

/** PUT /api/projects/:id/recognition/library-consent: a lead gives or withdraws the team's consent. */
export const LibraryConsentSchema = z.strictObject({
  consent: z.boolean({ error: "Choose whether the case study may appear in the public library" }),
});
/** A consent change. */
export type LibraryConsentInput = z.infer<typeof LibraryConsentSchema>;

/** PUT /api/projects/:id/recognition/name-consent: a member chooses whether they are named as an author. */
export const NameConsentSchema = z.strictObject({
  nameInLibrary: z.boolean({ error: "Choose whether your name may appear with the case study" }),
});
/** A name consent change. */
export type NameConsentInput = z.infer<typeof NameConsentSchema>;

/** One criterion's score and feedback in a decision. */
export const RubricScoreInputSchema = z.strictObject({
  criterionId: z.string().max(64, "Criterion ids are 64 characters or fewer"),
  score: z.number({ error: "Scores are whole numbers from 0 to 3" }).int().min(0).max(3),
  feedback: text(RECOGNITION_TEXT_MAX, "feedback").default(""),
});

/** POST /api/assessment/case-studies/:submissionId/decision. */
export const RecognitionDecisionCreateSchema = z.strictObject({
  outcome: z.enum(RECOGNITION_OUTCOMES, {
    error: "Select whether to recognise the project or refer it back",
  }),
  scores: z.array(RubricScoreInputSchema).max(20, "A decision scores at most 20 criteria"),
  feedback: text(RECOGNITION_TEXT_MAX, "overall feedback").default(""),
});
/** A decision request. */
export type RecognitionDecisionCreateInput = z.infer<typeof RecognitionDecisionCreateSchema>;

/** POST /api/admin/case-studies/:submissionId/allocate. */
export const RecognitionAllocateSchema = z.strictObject({
  assessorId: z.uuid("Choose an assessor"),
});
/** An allocation request. */
export type RecognitionAllocateInput = z.infer<typeof RecognitionAllocateSchema>;

/** One judged criterion as the team and assessors read it. */
export const RubricJudgementViewSchema = z.object({
  criterionId: z.string(),
  title: z.string(),
  score: z.number().int(),
  scoreLabel: z.string(),
  feedback: z.string(),
});

/** A decision on one version. */
export const RecognitionDecisionViewSchema = z.object({
  outcome: z.enum(RECOGNITION_OUTCOMES),
  scores: z.array(RubricJudgementViewSchema),
  feedback: z.string(),
  decidedAt: isoDateTime,
});
/** A decision as read. */
export type RecognitionDecisionView = z.infer<typeof RecognitionDecisionViewSchema>;

/** One submitted version with its decision, if any. */
export const RecognitionVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(RECOGNITION_STATUSES),
  submittedAt: isoDateTime,
  rubricVersion: z.string(),
  decision: RecognitionDecisionViewSchema.nullable(),
});
/** A version as read. */
export type RecognitionVersion = z.infer<typeof RecognitionVersionSchema>;

/** A recognition certificate as its holder sees it. */
export const RecognitionCertificateSchema = z.object({
  id: z.string(),
  code: z.string(),
  certificateName: z.string(),
  projectTitle: z.string(),
  cpdPoints: z.number().int(),
  issuedAt: isoDateTime,
  state: z.string(),
  verifyUrl: z.string(),
});
/** A recognition certificate. */
export type RecognitionCertificate = z.infer<typeof RecognitionCertificateSchema>;

/** One prerequisite for submitting and whether it is met. */
export const RecognitionPrerequisiteSchema = z.object({
  id: z.string(),
  label: z.string(),
  met: z.boolean(),
});

/** GET /api/projects/:id/recognition: everything the team's recognition page shows. */
export const RecognitionOverviewSchema = z.object({
  projectId: z.string(),
  projectTitle: z.string(),
  canSubmit: z.boolean().describe("the actor leads the project and nothing blocks a submission now"),
  isLead: z.boolean(),
  isMember: z.boolean(),
  prerequisites: z.array(RecognitionPrerequisiteSchema),
  status: z.enum(["not_submitted", ...RECOGNITION_STATUSES]),
  recognised: z
    .object({ recognisedAt: isoDateTime, cpdPoints: z.number().int(), inLibrary: z.boolean() })
    .nullable(),
  libraryConsent: z.object({ given: z.boolean(), at: isoDateTime.nullable(), by: z.string().nullable() }),
  myNameInLibrary: z.boolean().nullable().describe("null when the actor is not on the team"),
  versions: z.array(RecognitionVersionSchema),
  certificates: z.array(RecognitionCertificateSchema).describe("the team's certificates for this project"),
  rubricVersion: z.string(),
  cpdPoints: z.number().int(),
});
/** The recognition page's data. */
export type RecognitionOverview = z.infer<typeof RecognitionOverviewSchema>;

/** One case study in an assessor's or administrator's list. */
export const RecognitionQueueItemSchema = z.object({
  submissionId: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  version: z.number().int(),
  status: z.enum(RECOGNITION_STATUSES),
  submittedAt: isoDateTime,
  allocatedAt: isoDateTime.nullable(),
  assessor: person.nullable(),
  setting: z.enum(PROJECT_SETTINGS),
  topic: z.enum(PROJECT_TOPICS),
});
/** A queue row. */
export type RecognitionQueueItem = z.infer<typeof RecognitionQueueItemSchema>;

/** GET /api/assessment/case-studies: allocated to me, and those I may pick up. */
export const RecognitionQueueSchema = z.object({
  allocated: z.array(RecognitionQueueItemSchema),
  available: z.array(RecognitionQueueItemSchema),
});
/** The assessor's case-study queue. */
export type RecognitionQueue = z.infer<typeof RecognitionQueueSchema>;

/** GET /api/admin/case-studies: every submission, newest first. */
export const RecognitionAdminListSchema = z.object({
  items: z.array(RecognitionQueueItemSchema),
  assessors: z.array(person).describe("people holding the assessor role now, to allocate to"),
});
/** The administrators' list. */
export type RecognitionAdminList = z.infer<typeof RecognitionAdminListSchema>;

/** GET /api/assessment/case-studies/:submissionId: the frozen case study, earlier decisions and what I may do. */
export const RecognitionSubmissionDetailSchema = z.object({
  submissionId: z.string(),
  projectId: z.string(),
  version: z.number().int(),
  status: z.enum(RECOGNITION_STATUSES),
  submittedAt: isoDateTime,
  allocatedAt: isoDateTime.nullable(),
  assessor: person.nullable(),
  rubricVersion: z.string(),
  document: z
    .record(z.string(), z.unknown())
    .describe("the case study as frozen at submission (CaseStudyDocument)"),
  decision: RecognitionDecisionViewSchema.nullable(),
  earlierVersions: z.array(RecognitionVersionSchema),
  canDecide: z.boolean(),
  reason: z.string().nullable().describe("why the viewer cannot decide, when they cannot"),
});
/** The assessor's view of one submission. */
export type RecognitionSubmissionDetail = z.infer<typeof RecognitionSubmissionDetailSchema>;

/** POST …/decision → where the submission now stands. */
export const RecognitionDecisionResultSchema = z.object({
  submissionId: z.string(),
  status: z.enum(RECOGNITION_STATUSES),
  decision: RecognitionDecisionViewSchema,
  certificatesIssued: z.number().int(),
  inLibrary: z.boolean(),
});
/** A decision's result. */
export type RecognitionDecisionResult = z.infer<typeof RecognitionDecisionResultSchema>;

/** GET /api/me/recognition-certificates: the signed-in person's recognition certificates. */
export const MyRecognitionCertificatesSchema = z.object({ items: z.array(RecognitionCertificateSchema) });

/** The sections a write-up must have before it is submitted, in order. */
export const REQUIRED_SECTIONS = CASE_STUDY_SECTIONS;
