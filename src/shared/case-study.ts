import { z } from "zod";
import { ChartAnnotationSchema, SpcResultSchema } from "./measures.js";
import {
  CASE_STUDY_SECTIONS,
  type CaseStudySection,
  DRIVER_NODE_KINDS,
  type DriverNodeKind,
  IMPROVEMENT_DIRECTIONS,
  MEASURE_KINDS,
  PDSA_DECISIONS,
  PROJECT_SETTINGS,
  PROJECT_STATUSES,
  PROJECT_TOPICS,
} from "./projects.js";

/**
 * The case-study document (issue 8): everything a write-up shows, as self-contained JSON. The PDF is drawn from it,
 * and the recognition feature freezes it into a submission's snapshot and (without the team's names) the public
 * library entry, so it must never refer to rows that may change later.
 */

/** One node of the driver diagram with the nodes under it. */
export interface CaseStudyDriverNode {
  id: string;
  kind: DriverNodeKind;
  text: string;
  children: CaseStudyDriverNode[];
}

/** One node of the driver diagram with the nodes under it. */
export const CaseStudyDriverNodeSchema: z.ZodType<CaseStudyDriverNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(DRIVER_NODE_KINDS),
    text: z.string(),
    children: z.array(CaseStudyDriverNodeSchema),
  }),
);

/** The project as the write-up describes it. */
export const CaseStudyProjectSchema = z.object({
  id: z.string(),
  title: z.string(),
  problem: z.string(),
  aimWhat: z.string(),
  aimHowMuch: z.string(),
  aimByWhen: z.string().nullable(),
  setting: z.enum(PROJECT_SETTINGS),
  topic: z.enum(PROJECT_TOPICS),
  organisationName: z.string().nullable(),
  teamName: z.string(),
  status: z.enum(PROJECT_STATUSES),
  progressScore: z.string().nullable(),
  courseTitle: z.string().nullable(),
});

/** A team member as the PDF and the assessor see them (the recognition feature strips these for the library). */
export const CaseStudyTeamMemberSchema = z.object({
  name: z.string(),
  role: z.enum(["lead", "member"]),
  responsibility: z.string(),
});

/** One measure's chart: the measure's description, its analysis and what is marked on it. */
export const CaseStudyChartSchema = z.object({
  measureId: z.string(),
  title: z.string(),
  kind: z.enum(MEASURE_KINDS),
  unit: z.string(),
  definition: z.string(),
  improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS),
  target: z.number().nullable(),
  result: SpcResultSchema,
  annotations: z.array(ChartAnnotationSchema),
});
/** One measure's chart in a case study. */
export type CaseStudyChart = z.infer<typeof CaseStudyChartSchema>;

/** One PDSA cycle as the write-up lists it. */
export const CaseStudyPdsaCycleSchema = z.object({
  id: z.string(),
  title: z.string(),
  changeIdea: z.string().nullable(),
  plan: z.string(),
  prediction: z.string(),
  doNotes: z.string(),
  study: z.string(),
  act: z.string(),
  decision: z.enum(PDSA_DECISIONS).nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
/** One PDSA cycle in a case study. */
export type CaseStudyPdsaCycle = z.infer<typeof CaseStudyPdsaCycleSchema>;

/** Every section of the write-up, each possibly empty. */
export const CaseStudySectionsSchema = z.object(
  Object.fromEntries(CASE_STUDY_SECTIONS.map((s) => [s, z.string()])) as Record<
    CaseStudySection,
    z.ZodString
  >,
);

/** The whole case study. */
export const CaseStudyDocumentSchema = z.object({
  project: CaseStudyProjectSchema,
  team: z.array(CaseStudyTeamMemberSchema),
  driverDiagram: z.array(CaseStudyDriverNodeSchema),
  sections: CaseStudySectionsSchema,
  charts: z.array(CaseStudyChartSchema),
  pdsaCycles: z.array(CaseStudyPdsaCycleSchema),
  /** ISO timestamp. */
  generatedAt: z.string(),
});
/** The whole case study, self-contained. */
export type CaseStudyDocument = z.infer<typeof CaseStudyDocumentSchema>;
