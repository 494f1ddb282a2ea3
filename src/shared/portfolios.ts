/**
 * Portfolios and their assessment (issue 6): the states and vocabularies the schema and both ends share. Request and
 * response schemas for the portfolio and assessment APIs live beside these.
 */

import { z } from "zod";
import { LEVELS, type Level } from "./catalogue.js";

/** Kinds of evidence a learner can add to a portfolio. */
export const EVIDENCE_KINDS = ["reflection", "file", "link"] as const;
/** One of EVIDENCE_KINDS. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Where a portfolio stands: draft (the learner is building it), submitted (locked, with an assessor or waiting for
 * one), referred (back with the learner to revise and resubmit), passed (the assessor passed it; achievement may still
 * wait for internal verification).
 */
export const PORTFOLIO_STATUSES = ["draft", "submitted", "referred", "passed"] as const;
/** One of PORTFOLIO_STATUSES. */
export type PortfolioStatus = (typeof PORTFOLIO_STATUSES)[number];

/** A judgement on one assessment criterion. */
export const CRITERION_DECISIONS = ["met", "not_yet_met"] as const;
/** One of CRITERION_DECISIONS. */
export type CriterionDecision = (typeof CRITERION_DECISIONS)[number];

/** The assessor's overall outcome on a submission. */
export const ASSESSMENT_OUTCOMES = ["pass", "refer"] as const;
/** One of ASSESSMENT_OUTCOMES. */
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/**
 * Where one submitted version stands: awaiting_assessment (no decision yet, allocated or not), referred, passed
 * (decision stands), awaiting_verification (a pass or referral sampled for internal verification), overturned (the
 * verifier overturned the decision; back with the assessor to decide again).
 */
export const SUBMISSION_STATUSES = [
  "awaiting_assessment",
  "awaiting_verification",
  "overturned",
  "referred",
  "passed",
] as const;
/** One of SUBMISSION_STATUSES. */
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** An internal verifier's verdict on a sampled decision. */
export const VERIFICATION_OUTCOMES = ["confirmed", "overturned"] as const;
/** One of VERIFICATION_OUTCOMES. */
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

// ---------------------------------------------------------------------------------------------------------------
// Request and response contracts for criteria and the learner's portfolio (src/server/modules/portfolios).

/** The levels assessed by portfolio: only their courses have units, outcomes and criteria. */
export const PORTFOLIO_LEVELS = [
  "practitioner",
  "facilitator",
  "programme_manager",
] as const satisfies readonly Level[];

/** True when courses of this level are assessed by portfolio. */
export function isPortfolioLevel(level: string): boolean {
  return (PORTFOLIO_LEVELS as readonly string[]).includes(level);
}

/** Largest evidence file: 20 MB. */
export const EVIDENCE_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Longest link a learner may give as evidence. */
export const EVIDENCE_URL_MAX_LENGTH = 2000;
/** Longest reflection or description, in characters. */
export const EVIDENCE_BODY_MAX_LENGTH = 50_000;
/** Longest evidence title. */
export const EVIDENCE_TITLE_MAX_LENGTH = 200;

/** A kind of file a learner may upload as evidence: how its name ends, how we serve it, how people call it. */
export interface EvidenceFileType {
  extensions: readonly string[];
  contentType: string;
  name: string;
}

/** Every kind of file a portfolio accepts: PDF, Word, Excel, PowerPoint (current and 97–2003) and images. */
export const EVIDENCE_FILE_TYPES: readonly EvidenceFileType[] = [
  { extensions: ["pdf"], contentType: "application/pdf", name: "a PDF" },
  {
    extensions: ["docx"],
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    name: "a Word document",
  },
  { extensions: ["doc"], contentType: "application/msword", name: "a Word 97–2003 document" },
  {
    extensions: ["xlsx"],
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    name: "an Excel spreadsheet",
  },
  { extensions: ["xls"], contentType: "application/vnd.ms-excel", name: "an Excel 97–2003 spreadsheet" },
  {
    extensions: ["pptx"],
    contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    name: "a PowerPoint presentation",
  },
  {
    extensions: ["ppt"],
    contentType: "application/vnd.ms-powerpoint",
    name: "a PowerPoint 97–2003 presentation",
  },
  { extensions: ["png"], contentType: "image/png", name: "a PNG image" },
  { extensions: ["jpg", "jpeg"], contentType: "image/jpeg", name: "a JPEG image" },
  { extensions: ["gif"], contentType: "image/gif", name: "a GIF image" },
  { extensions: ["webp"], contentType: "image/webp", name: "a WebP image" },
];

/** The evidence file type a name claims to be, by its extension; undefined for anything else. */
export function evidenceFileTypeFor(filename: string): EvidenceFileType | undefined {
  const dot = filename.lastIndexOf(".");
  if (dot < 0) return undefined;
  const extension = filename.slice(dot + 1).toLowerCase();
  return EVIDENCE_FILE_TYPES.find((t) => t.extensions.includes(extension));
}

/** The `accept` list for the evidence file input. */
export const EVIDENCE_FILE_ACCEPT = EVIDENCE_FILE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(
  ",",
);

/** What a learner declares when submitting: stored with each submitted version, word for word. */
export const SUBMISSION_DECLARATION =
  "I declare that the evidence in this portfolio is my own work and describes improvement work I took part in. Where I have used other people's work, words or data, I have said so.";

/** How each kind of evidence is named. */
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  reflection: "Written reflection",
  file: "File",
  link: "Link",
};

/** Where a portfolio stands as its learner sees it. */
export const PORTFOLIO_STAGES = [
  "not_submitted",
  "with_assessor",
  "awaiting_quality_check",
  "referred",
  "passed",
] as const;
/** One of PORTFOLIO_STAGES. */
export type PortfolioStage = (typeof PORTFOLIO_STAGES)[number];
/** Words for each stage, shown in a tag (always text, never colour alone). */
export const PORTFOLIO_STAGE_LABELS: Record<PortfolioStage, string> = {
  not_submitted: "Not submitted",
  with_assessor: "With an assessor",
  awaiting_quality_check: "Awaiting quality check",
  referred: "Referred back",
  passed: "Passed",
};

/** The learner's stage for a submitted version's status. */
export function stageOfSubmission(status: SubmissionStatus): PortfolioStage {
  switch (status) {
    case "awaiting_assessment":
    case "overturned":
      return "with_assessor";
    case "awaiting_verification":
      return "awaiting_quality_check";
    case "referred":
      return "referred";
    case "passed":
      return "passed";
  }
}

const id = (what: string) => z.uuid(`The ${what} id is not valid`);

function capitalise(text: string): string {
  const words = text.replace(/^(the|a|an) /, "");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Required text: trimmed, not empty, not too long. */
const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${capitalise(what)} must be ${max.toLocaleString("en-GB")} characters or fewer`);

/** Optional text: trimmed, may be empty. */
const optionalText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .max(max, `${capitalise(what)} must be ${max.toLocaleString("en-GB")} characters or fewer`);

// ---------------------------------------------------------------------------------------------------------------
// Criteria: units → learning outcomes → assessment criteria

/** POST /api/authoring/courses/:id/criteria/units and PUT /api/authoring/assessment-units/:unitId */
export const UnitInputSchema = z
  .object({
    title: requiredText("the unit's title", 200),
    summary: optionalText("the unit's summary", 1000).default(""),
  })
  .strict();
/** A unit's title and summary. */
export type UnitInput = z.infer<typeof UnitInputSchema>;

/** POST …/assessment-units/:unitId/outcomes and PUT /api/authoring/learning-outcomes/:outcomeId */
export const OutcomeInputSchema = z.object({ title: requiredText("the learning outcome", 500) }).strict();
/** A learning outcome's wording. */
export type OutcomeInput = z.infer<typeof OutcomeInputSchema>;

/** A criterion's reference: numbers separated by dots, optionally ending in a letter, like 1.2 or 2.3a. */
export const CRITERION_CODE_PATTERN = /^\d{1,3}(\.\d{1,3}){0,3}[a-z]?$/;

/** POST …/learning-outcomes/:outcomeId/criteria and PUT /api/authoring/assessment-criteria/:criterionId */
export const CriterionInputSchema = z
  .object({
    code: z
      .string({ error: "Enter the criterion's reference, like 1.2" })
      .trim()
      .min(1, "Enter the criterion's reference, like 1.2")
      .max(20, "The reference must be 20 characters or fewer")
      .regex(CRITERION_CODE_PATTERN, "Enter the reference as numbers separated by dots, like 1.2 or 2.3a"),
    statement: requiredText("what the learner must show (the criterion)", 1000),
    learnerGuidance: optionalText("guidance for learners", 5000).default(""),
    assessorGuidance: optionalText("guidance for assessors", 5000).default(""),
  })
  .strict();
/** A criterion as an editor writes it. */
export type CriterionInput = z.infer<typeof CriterionInputSchema>;

/** PUT …/order: every id of the list, in the new order. */
export const CriteriaReorderSchema = z
  .object({
    ids: z
      .array(id("item"), { error: "Send the ids in their new order" })
      .min(1, "Send the ids in their new order")
      .max(200),
  })
  .strict();
/** A new order. */
export type CriteriaReorderInput = z.infer<typeof CriteriaReorderSchema>;

/** One assessment criterion, with how many learners have evidence mapped to it. */
export const CriterionSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  code: z.string(),
  statement: z.string(),
  learnerGuidance: z.string(),
  assessorGuidance: z.string(),
  learnersWithEvidence: z.number().int().describe("portfolios with evidence mapped to this criterion"),
});
/** One assessment criterion for editors. */
export type Criterion = z.infer<typeof CriterionSchema>;

/** One learning outcome with its criteria. */
export const OutcomeSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  learnersWithEvidence: z.number().int().describe("portfolios with evidence mapped under this outcome"),
  criteria: z.array(CriterionSchema),
});
/** One learning outcome for editors. */
export type Outcome = z.infer<typeof OutcomeSchema>;

/** One unit with its outcomes. */
export const UnitSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  summary: z.string(),
  learnersWithEvidence: z.number().int().describe("portfolios with evidence mapped under this unit"),
  outcomes: z.array(OutcomeSchema),
});
/** One unit for editors. */
export type Unit = z.infer<typeof UnitSchema>;

/** GET /api/authoring/courses/:id/criteria: a course's whole criteria tree for its editors. */
export const CriteriaTreeSchema = z.object({
  course: z.object({
    id: z.string(),
    title: z.string(),
    level: z.enum(LEVELS),
    programmeTitle: z.string(),
  }),
  units: z.array(UnitSchema),
  criteriaCount: z.number().int(),
});
/** A course's criteria tree. */
export type CriteriaTree = z.infer<typeof CriteriaTreeSchema>;

// ---------------------------------------------------------------------------------------------------------------
// The learner's portfolio

const revision = z
  .number({ error: "Send the portfolio's revision: reload the page and try again" })
  .int("Send the portfolio's revision: reload the page and try again")
  .min(1, "Send the portfolio's revision: reload the page and try again");

const criterionIds = z
  .array(id("criterion"), { error: "Select at least one criterion this evidence shows" })
  .min(1, "Select at least one criterion this evidence shows")
  .max(200, "Select 200 criteria or fewer");

/** An http or https address of a named host, as a link to evidence must be. */
export function isWebAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0;
}

const evidenceTitle = requiredText("a title for the evidence", EVIDENCE_TITLE_MAX_LENGTH);
const evidenceUrl = z
  .string({ error: "Enter the web address of the evidence" })
  .trim()
  .min(1, "Enter the web address of the evidence")
  .max(
    EVIDENCE_URL_MAX_LENGTH,
    `The web address must be ${EVIDENCE_URL_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer`,
  )
  .refine(
    isWebAddress,
    "Enter a web address starting with https:// or http://, like https://example.nhs.uk/our-audit",
  );
const reflectionBody = requiredText("your reflection", EVIDENCE_BODY_MAX_LENGTH);
const description = optionalText("the description", EVIDENCE_BODY_MAX_LENGTH).default("");

/** POST /api/enrolments/:enrolmentId/portfolio/evidence: a written reflection or a link (files go as multipart). */
export const EvidenceCreateSchema = z.discriminatedUnion(
  "kind",
  [
    z
      .object({
        kind: z.literal("reflection"),
        revision,
        title: evidenceTitle,
        body: reflectionBody,
        criterionIds,
      })
      .strict(),
    z
      .object({
        kind: z.literal("link"),
        revision,
        title: evidenceTitle,
        url: evidenceUrl,
        body: description,
        criterionIds,
      })
      .strict(),
  ],
  { error: "Choose a written reflection or a link" },
);
/** New reflection or link evidence. */
export type EvidenceCreateInput = z.infer<typeof EvidenceCreateSchema>;

/** The multipart text fields sent before the file: POST /api/enrolments/:enrolmentId/portfolio/files */
export const EvidenceFileFieldsSchema = z
  .object({
    revision: z.coerce
      .number({ error: "Send the portfolio's revision: reload the page and try again" })
      .int("Send the portfolio's revision: reload the page and try again")
      .min(1, "Send the portfolio's revision: reload the page and try again"),
    title: evidenceTitle,
    body: description,
    criterionIds,
  })
  .strict();
/** The fields of a file upload. */
export type EvidenceFileFields = z.infer<typeof EvidenceFileFieldsSchema>;

/** PUT /api/enrolments/:enrolmentId/portfolio/evidence/:evidenceId: title, text, mapping (and a link's address). */
export const EvidenceUpdateSchema = z
  .object({
    revision,
    title: evidenceTitle,
    body: optionalText("the text", EVIDENCE_BODY_MAX_LENGTH),
    url: evidenceUrl.optional(),
    criterionIds,
  })
  .strict();
/** A change to one piece of evidence. */
export type EvidenceUpdateInput = z.infer<typeof EvidenceUpdateSchema>;

/** DELETE …/evidence/:evidenceId?revision=n */
export const EvidenceDeleteQuerySchema = z
  .object({
    revision: z.coerce
      .number({ error: "Send the portfolio's revision: reload the page and try again" })
      .int("Send the portfolio's revision: reload the page and try again")
      .min(1, "Send the portfolio's revision: reload the page and try again"),
  })
  .strict();

/** POST /api/enrolments/:enrolmentId/portfolio/submit */
export const PortfolioSubmitSchema = z
  .object({
    revision,
    declaration: z.boolean({ error: "Confirm the declaration by ticking the box" }).optional(),
  })
  .strict();
/** Submitting the portfolio for assessment. */
export type PortfolioSubmitInput = z.infer<typeof PortfolioSubmitSchema>;

/** A stored evidence file's details, with the address that serves it to those allowed. */
export const EvidenceFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string(),
});
/** An evidence file. */
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;

/** One piece of evidence as its learner sees it: the reflection rendered safely, the criteria it is offered against. */
export const EvidenceSchema = z.object({
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string(),
  body: z.string().describe("Markdown as written"),
  html: z.string().describe("body rendered to sanitised HTML"),
  url: z.string().nullable(),
  file: EvidenceFileSchema.nullable(),
  criterionIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** One piece of evidence. */
export type Evidence = z.infer<typeof EvidenceSchema>;

/** One criterion in the learner's view, with the evidence offered against it (none: flagged). */
export const PortfolioCriterionSchema = z.object({
  id: z.string(),
  code: z.string(),
  statement: z.string(),
  learnerGuidance: z.string(),
  evidenceIds: z.array(z.string()),
});
/** One criterion in a portfolio. */
export type PortfolioCriterion = z.infer<typeof PortfolioCriterionSchema>;

/** A unit of the learner's view, its outcomes and their criteria. */
export const PortfolioUnitSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  summary: z.string(),
  outcomes: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      criteria: z.array(PortfolioCriterionSchema),
    }),
  ),
});
/** A unit of a portfolio. */
export type PortfolioUnit = z.infer<typeof PortfolioUnitSchema>;

/** An assessor's decision on a submitted version, as the learner may see it. */
export const LearnerDecisionSchema = z.object({
  id: z.string(),
  decidedAt: z.string(),
  state: z
    .enum(["standing", "overturned", "being_quality_checked"])
    .describe(
      "standing: the decision stands; overturned: superseded after internal verification; being_quality_checked: sampled and not yet verified, so its outcome is not shown",
    ),
  outcome: z.enum(ASSESSMENT_OUTCOMES).nullable(),
  feedback: z.string().nullable(),
  criteria: z.array(
    z.object({
      criterionId: z.string(),
      code: z.string(),
      statement: z.string(),
      decision: z.enum(CRITERION_DECISIONS),
      feedback: z.string(),
    }),
  ),
});
/** A decision the learner sees. */
export type LearnerDecision = z.infer<typeof LearnerDecisionSchema>;

/** One submitted version with its decisions, oldest decision first. */
export const PortfolioVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  submittedAt: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  stage: z.enum(PORTFOLIO_STAGES),
  declaration: z.string(),
  evidenceCount: z.number().int(),
  criteriaCount: z.number().int(),
  decisions: z.array(LearnerDecisionSchema),
});
/** One submitted version. */
export type PortfolioVersion = z.infer<typeof PortfolioVersionSchema>;

/** GET /api/enrolments/:enrolmentId/portfolio: everything the learner's portfolio pages show. */
export const PortfolioViewSchema = z.object({
  id: z.string(),
  enrolmentId: z.string(),
  revision: z.number().int().describe("send it back with every change; a stale one is refused with 409"),
  status: z.enum(PORTFOLIO_STATUSES),
  stage: z.enum(PORTFOLIO_STAGES),
  editable: z.boolean().describe("false while submitted or passed, or when the enrolment is read-only"),
  lockedReason: z.string().nullable().describe("why it cannot be changed, when it cannot"),
  course: z.object({
    id: z.string(),
    title: z.string(),
    level: z.enum(LEVELS),
    programmeTitle: z.string(),
  }),
  units: z.array(PortfolioUnitSchema),
  evidence: z.array(EvidenceSchema),
  coverage: z.object({
    criteria: z.number().int(),
    covered: z.number().int(),
    missing: z.array(z.object({ id: z.string(), code: z.string(), statement: z.string() })),
  }),
  declaration: z.string().describe("the words the learner declares on submitting"),
  versions: z.array(PortfolioVersionSchema).describe("newest first"),
});
/** A learner's portfolio. */
export type PortfolioView = z.infer<typeof PortfolioViewSchema>;

/** The answer to any change to a portfolio: the evidence written (if any) and the portfolio as it now stands. */
export const PortfolioChangeSchema = z.object({
  evidenceId: z.string().nullable(),
  portfolio: PortfolioViewSchema,
});
/** A change's answer. */
export type PortfolioChange = z.infer<typeof PortfolioChangeSchema>;

/** POST …/portfolio/submit → the version made. */
export const PortfolioSubmittedSchema = z.object({
  version: z.number().int(),
  submittedAt: z.string(),
  portfolio: PortfolioViewSchema,
});
/** A submission's answer. */
export type PortfolioSubmitted = z.infer<typeof PortfolioSubmittedSchema>;
