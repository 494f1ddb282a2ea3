import { z } from "zod";
import { LEVELS } from "./catalogue.js";
import {
  ASSESSMENT_OUTCOMES,
  type AssessmentOutcome,
  CRITERION_DECISIONS,
  type CriterionDecision,
  EVIDENCE_KINDS,
  SUBMISSION_STATUSES,
  type SubmissionStatus,
  VERIFICATION_OUTCOMES,
  type VerificationOutcome,
} from "./portfolios.js";

/**
 * Assessment and internal verification (issue 6): the request and response contracts of the assessor's queue, the
 * side-by-side view, decisions, allocation, verification and its settings, and the decision rules both ends check.
 */

/** Longest feedback (overall or per criterion) and verifier rationale. */
export const ASSESSMENT_TEXT_MAX = 5_000;
/** Shortest verifier rationale: a reason, not a tick. */
export const RATIONALE_MIN = 10;
/** Highest "first N decisions always sampled" setting. */
export const NEW_ASSESSOR_DECISIONS_MAX = 50;

/** Submission statuses that still need someone to act: an assessor or a verifier. */
export const OPEN_SUBMISSION_STATUSES = [
  "awaiting_assessment",
  "overturned",
  "awaiting_verification",
] as const satisfies readonly SubmissionStatus[];
/** One of OPEN_SUBMISSION_STATUSES. */
export type OpenSubmissionStatus = (typeof OPEN_SUBMISSION_STATUSES)[number];

/** What each submission status is called on pages. */
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  awaiting_assessment: "Waiting for assessment",
  awaiting_verification: "Waiting for verification",
  overturned: "Overturned: decide again",
  referred: "Referred back",
  passed: "Passed",
};

/** The assessor's overall outcomes as people say them. */
export const ASSESSMENT_OUTCOME_LABELS: Record<AssessmentOutcome, string> = {
  pass: "Pass",
  refer: "Refer back",
};

/** A judgement on one criterion as people say it. */
export const CRITERION_DECISION_LABELS: Record<CriterionDecision, string> = {
  met: "Met",
  not_yet_met: "Not yet met",
};

/** An internal verifier's verdict as people say it. */
export const VERIFICATION_OUTCOME_LABELS: Record<VerificationOutcome, string> = {
  confirmed: "Confirmed",
  overturned: "Overturned",
};

const isoDate = z.string().describe("ISO 8601 date and time");
const person = z.object({ id: z.string(), name: z.string() });
const feedbackText = z
  .string({ error: "Enter feedback as text" })
  .trim()
  .max(
    ASSESSMENT_TEXT_MAX,
    `Feedback must be ${ASSESSMENT_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`,
  );

/** :id of a submission in a path. */
export const SubmissionParamsSchema = z.object({ id: z.uuid("The submission id is not valid") });

/** One submission in a queue or list: whose, which course and version, and how long it has waited. */
export const QueueItemSchema = z.object({
  submissionId: z.string(),
  portfolioId: z.string(),
  version: z.number().int(),
  status: z.enum(SUBMISSION_STATUSES),
  submittedAt: isoDate,
  waitingDays: z.number().int().describe("whole days since the version was submitted"),
  allocatedAt: isoDate.nullable(),
  learner: person,
  course: z.object({ id: z.string(), title: z.string(), level: z.enum(LEVELS) }),
  assessor: person.nullable(),
});
/** One submission in a queue or list. */
export type QueueItem = z.infer<typeof QueueItemSchema>;

/** GET /api/assessment/queue: mine to decide (oldest first), and unallocated ones I may pick up. */
export const AssessorQueueSchema = z.object({
  allocated: z.array(QueueItemSchema),
  available: z.array(QueueItemSchema),
});
/** The assessor's queue. */
export type AssessorQueue = z.infer<typeof AssessorQueueSchema>;

/** One evidence item as it stood when the version was submitted. */
export const EvidenceViewSchema = z.object({
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  bodyHtml: z
    .string()
    .describe("the reflection or description, Markdown rendered by the server with raw HTML escaped"),
  link: z
    .object({
      href: z
        .string()
        .nullable()
        .describe("null when the address is not http(s), so it is shown but not linked"),
      text: z.string(),
    })
    .nullable(),
  file: z
    .object({
      href: z.string().describe("GET this to download the file (as an attachment)"),
      filename: z.string(),
      contentType: z.string().nullable(),
      sizeBytes: z.number().nullable(),
    })
    .nullable(),
});
/** One evidence item. */
export type EvidenceView = z.infer<typeof EvidenceViewSchema>;

/** One criterion of the submitted version, with the assessor's guidance and the evidence offered against it. */
export const CriterionViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  statement: z.string(),
  assessorGuidance: z.string(),
  evidenceIds: z.array(z.string()),
});
/** One criterion. */
export type CriterionView = z.infer<typeof CriterionViewSchema>;

/** The criteria tree: units, their learning outcomes, their criteria, in the order the version was submitted with. */
export const UnitViewSchema = z.object({
  title: z.string(),
  outcomes: z.array(z.object({ title: z.string(), criteria: z.array(CriterionViewSchema) })),
});
/** One unit of the criteria tree. */
export type UnitView = z.infer<typeof UnitViewSchema>;

/** An internal verifier's verdict. */
export const VerificationViewSchema = z.object({
  outcome: z.enum(VERIFICATION_OUTCOMES),
  rationale: z.string(),
  verifier: person.nullable(),
  verifiedAt: isoDate,
});
/** A verdict. */
export type VerificationView = z.infer<typeof VerificationViewSchema>;

/** One assessor decision with its judgements, and the verifier's verdict when it was sampled and verified. */
export const DecisionViewSchema = z.object({
  id: z.string(),
  outcome: z.enum(ASSESSMENT_OUTCOMES),
  feedback: z.string(),
  criteria: z.array(
    z.object({
      criterionId: z.string(),
      code: z.string().nullable(),
      statement: z.string().nullable(),
      decision: z.enum(CRITERION_DECISIONS),
      feedback: z.string(),
    }),
  ),
  assessor: person.nullable(),
  decidedAt: isoDate,
  sampled: z.boolean(),
  supersededAt: isoDate.nullable(),
  verification: VerificationViewSchema.nullable(),
});
/** One decision. */
export type DecisionView = z.infer<typeof DecisionViewSchema>;

/** Another version of the same portfolio, with its decisions. */
export const VersionViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  submittedAt: isoDate,
  status: z.enum(SUBMISSION_STATUSES),
  decisions: z.array(DecisionViewSchema),
});
/** Another version. */
export type VersionView = z.infer<typeof VersionViewSchema>;

/** GET /api/assessment/submissions/:id and GET /api/verification/submissions/:id: the side-by-side view. */
export const SubmissionDetailSchema = z.object({
  id: z.string(),
  portfolioId: z.string(),
  version: z.number().int(),
  status: z.enum(SUBMISSION_STATUSES),
  submittedAt: isoDate,
  declaration: z.string(),
  allocatedAt: isoDate.nullable(),
  learner: person,
  course: z.object({ id: z.string(), title: z.string(), level: z.enum(LEVELS), programme: z.string() }),
  assessor: person.nullable(),
  units: z.array(UnitViewSchema),
  evidence: z.array(EvidenceViewSchema),
  decisions: z.array(DecisionViewSchema).describe("this version's decisions, oldest first"),
  underReview: DecisionViewSchema.nullable().describe("the decision waiting for internal verification"),
  overturnedBy: VerificationViewSchema.nullable().describe("the verdict that sent this back to the assessor"),
  earlierVersions: z.array(VersionViewSchema).describe("earlier versions of the portfolio, newest first"),
  actions: z.object({
    decide: z.boolean().describe("the viewer may record a decision now"),
    verify: z.boolean().describe("the viewer may record a verdict now"),
    reason: z.string().nullable().describe("why the viewer cannot act, when that is worth saying"),
  }),
});
/** The side-by-side view. */
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

/** One criterion's judgement in a decision. */
export const CriterionJudgementInputSchema = z
  .object({
    criterionId: z.uuid("The criterion id is not valid"),
    decision: z.enum(CRITERION_DECISIONS, { error: "Select met or not yet met" }),
    feedback: feedbackText.default(""),
  })
  .strict();

/** POST /api/assessment/submissions/:id/decision */
export const DecisionCreateSchema = z
  .object({
    outcome: z.enum(ASSESSMENT_OUTCOMES, { error: "Select pass or refer back" }),
    feedback: feedbackText.default(""),
    criteria: z
      .array(CriterionJudgementInputSchema, { error: "Judge each criterion" })
      .max(500, "A decision can judge at most 500 criteria"),
  })
  .strict();
/** A decision as sent. */
export type DecisionCreateInput = z.infer<typeof DecisionCreateSchema>;

/** The answer to a decision: where the submission now stands and whether the decision went to verification. */
export const DecisionResultSchema = z.object({
  submissionId: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  sampled: z.boolean(),
  decision: DecisionViewSchema,
});
/** The answer to a decision. */
export type DecisionResult = z.infer<typeof DecisionResultSchema>;

/** POST /api/verification/submissions/:id/verdict */
export const VerdictCreateSchema = z
  .object({
    outcome: z.enum(VERIFICATION_OUTCOMES, { error: "Select confirm or overturn" }),
    rationale: z
      .string({ error: "Enter your rationale" })
      .trim()
      .min(1, "Enter your rationale")
      .min(RATIONALE_MIN, `Write your rationale in at least ${RATIONALE_MIN} characters`)
      .max(
        ASSESSMENT_TEXT_MAX,
        `Your rationale must be ${ASSESSMENT_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`,
      ),
  })
  .strict();
/** A verdict as sent. */
export type VerdictCreateInput = z.infer<typeof VerdictCreateSchema>;

/** The answer to a verdict. */
export const VerdictResultSchema = z.object({
  submissionId: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  verification: VerificationViewSchema,
});
/** The answer to a verdict. */
export type VerdictResult = z.infer<typeof VerdictResultSchema>;

/** One decision waiting for internal verification. */
export const VerificationQueueItemSchema = QueueItemSchema.extend({
  outcome: z.enum(ASSESSMENT_OUTCOMES),
  decidedAt: isoDate,
});
/** One decision waiting for verification. */
export type VerificationQueueItem = z.infer<typeof VerificationQueueItemSchema>;

/** GET /api/verification/queue: sampled decisions I may verify, oldest first. */
export const VerificationQueueSchema = z.object({
  items: z.array(VerificationQueueItemSchema),
  withheld: z
    .number()
    .int()
    .describe(
      "waiting decisions not listed because the viewer assessed them or the learner is them or their team",
    ),
});
/** The verifier's queue. */
export type VerificationQueue = z.infer<typeof VerificationQueueSchema>;

/** Largest page of the allocation list. */
export const ALLOCATION_MAX_PAGE_SIZE = 100;

/** GET /api/admin/assessment/submissions query. */
export const AllocationQuerySchema = z
  .object({
    courseId: z.uuid("Choose a course from the list").optional(),
    status: z.enum(OPEN_SUBMISSION_STATUSES, { error: "Choose a status from the list" }).optional(),
    allocated: z.enum(["yes", "no"], { error: "Choose allocated or not allocated" }).optional(),
    page: z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, "Page size must be 1 or more")
      .max(ALLOCATION_MAX_PAGE_SIZE, `Page size must be ${ALLOCATION_MAX_PAGE_SIZE} or fewer`)
      .default(25),
  })
  .strict();
/** Allocation list filters. */
export type AllocationQuery = z.infer<typeof AllocationQuerySchema>;

/** A page of open submissions for platform administrators, with the courses that have any (for the filter). */
export const AllocationPageSchema = z.object({
  items: z.array(QueueItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  courses: z.array(z.object({ id: z.string(), title: z.string() })),
});
/** A page of the allocation list. */
export type AllocationPage = z.infer<typeof AllocationPageSchema>;

/** GET /api/admin/assessment/assessors query: say which assessors cannot take one submission. */
export const AssessorOptionsQuerySchema = z
  .object({ submissionId: z.uuid("The submission id is not valid").optional() })
  .strict();

/** Everyone holding the assessor role now, with their open work and, for a submission, why they cannot take it. */
export const AssessorOptionsSchema = z.object({
  submission: QueueItemSchema.nullable().describe("the submission asked about, when submissionId was given"),
  assessors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      openAllocations: z.number().int(),
      conflict: z.string().nullable(),
    }),
  ),
});
/** The assessors to choose from. */
export type AssessorOptions = z.infer<typeof AssessorOptionsSchema>;

/** POST /api/admin/assessment/submissions/:id/allocate */
export const AllocateSchema = z
  .object({ assessorId: z.uuid({ error: "Choose an assessor from the list" }) })
  .strict();
/** An allocation as sent. */
export type AllocateInput = z.infer<typeof AllocateSchema>;

/** GET /api/admin/assessment/settings: how decisions are sampled for internal verification. */
export const VerificationSettingsSchema = z.object({
  samplePercent: z.number().int(),
  newAssessorDecisions: z.number().int(),
  updatedAt: isoDate,
  updatedBy: person.nullable(),
});
/** The sampling settings. */
export type VerificationSettings = z.infer<typeof VerificationSettingsSchema>;

/** PUT /api/admin/assessment/settings */
export const VerificationSettingsUpdateSchema = z
  .object({
    samplePercent: z
      .number({ error: "Enter the percentage as a whole number from 0 to 100" })
      .int("Enter the percentage as a whole number from 0 to 100")
      .min(0, "Enter the percentage as a whole number from 0 to 100")
      .max(100, "Enter the percentage as a whole number from 0 to 100"),
    newAssessorDecisions: z
      .number({ error: `Enter a whole number from 0 to ${NEW_ASSESSOR_DECISIONS_MAX}` })
      .int(`Enter a whole number from 0 to ${NEW_ASSESSOR_DECISIONS_MAX}`)
      .min(0, `Enter a whole number from 0 to ${NEW_ASSESSOR_DECISIONS_MAX}`)
      .max(NEW_ASSESSOR_DECISIONS_MAX, `Enter a whole number from 0 to ${NEW_ASSESSOR_DECISIONS_MAX}`),
  })
  .strict();
/** New sampling settings. */
export type VerificationSettingsUpdateInput = z.infer<typeof VerificationSettingsUpdateSchema>;

/** The decision form's field for one criterion's judgement (also the radios' name on the page). */
export const criterionDecisionField = (criterionId: string) => `criteria.${criterionId}.decision`;
/** The decision form's field for one criterion's feedback (also the textarea's id on the page). */
export const criterionFeedbackField = (criterionId: string) => `criteria.${criterionId}.feedback`;

/** One problem with a decision, naming the field to change. */
export interface DecisionProblem {
  field: string;
  message: string;
}

/** A decision in the shape both the form and the API hold it (feedback may be missing on the form). */
export interface DecisionDraft {
  outcome: AssessmentOutcome | "";
  feedback?: string;
  criteria: { criterionId: string; decision: CriterionDecision | ""; feedback?: string }[];
}

const label = (c: { code: string }) => `criterion ${c.code}`;

/**
 * Everything wrong with a decision on a version whose criteria are `criteria` (in page order), as one problem per
 * field: each criterion judged exactly once, none unknown; feedback on every "not yet met"; a pass only when all are
 * met, a referral only when at least one is not, with overall feedback. Empty when the decision can be recorded.
 * Shared so the form shows the same messages the API answers 422 with.
 */
export function checkDecision(
  draft: DecisionDraft,
  criteria: readonly { id: string; code: string }[],
): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  const known = new Map(criteria.map((c) => [c.id, c]));
  const seen = new Map<string, DecisionDraft["criteria"][number]>();
  const unknown: string[] = [];
  for (const judgement of draft.criteria) {
    const criterion = known.get(judgement.criterionId);
    if (!criterion) {
      unknown.push(judgement.criterionId);
      continue;
    }
    if (seen.has(judgement.criterionId)) {
      problems.push({
        field: criterionDecisionField(criterion.id),
        message: `Judge ${label(criterion)} once: it appears more than once in this decision`,
      });
      continue;
    }
    seen.set(judgement.criterionId, judgement);
  }
  if (unknown.length > 0) {
    problems.push({
      field: "criteria",
      message: `Remove the criteria that are not part of this version: ${unknown.join(", ")}`,
    });
  }
  const missing = criteria.filter((c) => !seen.get(c.id)?.decision);
  for (const criterion of missing) {
    problems.push({
      field: criterionDecisionField(criterion.id),
      message: `Select whether ${label(criterion)} is met or not yet met`,
    });
  }
  for (const criterion of criteria) {
    const judgement = seen.get(criterion.id);
    if (judgement?.decision === "not_yet_met" && !judgement.feedback?.trim()) {
      problems.push({
        field: criterionFeedbackField(criterion.id),
        message: `Give feedback on ${label(criterion)}: say what the learner needs to show`,
      });
    }
  }
  const notMet = criteria.filter((c) => seen.get(c.id)?.decision === "not_yet_met");
  if (draft.outcome === "") {
    problems.push({ field: "outcome", message: "Select pass or refer back" });
  } else if (draft.outcome === "pass" && notMet.length > 0) {
    problems.push({
      field: "outcome",
      message: `To pass, every criterion must be met: ${notMet.map((c) => c.code).join(", ")} ${notMet.length === 1 ? "is" : "are"} not yet met, so refer back instead`,
    });
  } else if (draft.outcome === "refer" && missing.length === 0 && notMet.length === 0) {
    problems.push({
      field: "outcome",
      message: "To refer back, mark at least one criterion not yet met, or pass the portfolio",
    });
  }
  if (draft.outcome === "refer" && !draft.feedback?.trim()) {
    problems.push({
      field: "feedback",
      message: "Give overall feedback: say what the learner needs to do before they resubmit",
    });
  }
  return problems;
}
