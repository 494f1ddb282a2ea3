import { z } from "zod";
import {
  CASE_STUDY_SECTIONS,
  type CaseStudySection,
  DRIVER_NODE_KINDS,
  type DriverNodeKind,
  MEASURE_KINDS,
  PDSA_DECISIONS,
  PROGRESS_SCORES,
  PROJECT_MEMBER_ROLES,
  PROJECT_SETTINGS,
  PROJECT_STATUSES,
  PROJECT_TOPICS,
  PROJECT_VISIBILITIES,
  RECOGNITION_STATUSES,
} from "./projects.js";

/**
 * Improvement projects' HTTP contracts (issue 8): projects and their teams, invitations, progress, driver diagrams,
 * PDSA cycles and the case-study write-up. The fixed lists and their words are in projects.ts.
 */

/** Longest project title, in characters. */
export const PROJECT_TITLE_MAX = 200;
/** Longest problem statement. */
export const PROJECT_PROBLEM_MAX = 5000;
/** Longest "what" part of the aim. */
export const PROJECT_AIM_WHAT_MAX = 500;
/** Longest "by how much" part of the aim. */
export const PROJECT_AIM_HOW_MUCH_MAX = 200;
/** Longest team or department name. */
export const PROJECT_TEAM_NAME_MAX = 200;
/** Longest responsibility of a team member. */
export const MEMBER_RESPONSIBILITY_MAX = 200;
/** Longest note with a progress score. */
export const PROGRESS_NOTE_MAX = 2000;
/** Longest text of one driver diagram node. */
export const DRIVER_NODE_TEXT_MAX = 500;
/** Most nodes under one parent (or primary drivers at the top). */
export const DRIVER_NODE_SIBLINGS_MAX = 50;
/** Longest PDSA cycle title. */
export const PDSA_TITLE_MAX = 200;
/** Longest text of one PDSA stage (plan, prediction, do, study, act). */
export const PDSA_TEXT_MAX = 5000;
/** Most charts under the write-up's Results. */
export const WRITE_UP_CHARTS_MAX = 20;
/** How long an invitation stays open. */
export const INVITATION_DAYS = 14;

const uuid = z.string().uuid("Enter a valid id");

/** A calendar date as year-month-day that exists ("2026-02-30" is refused). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as year-month-day, like 2027-03-31")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, "Enter a real date, like 2027-03-31");

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`);

/** Params naming a project. */
export const ProjectParamsSchema = z.strictObject({ projectId: uuid });
/** Params naming a project's team member. */
export const MemberParamsSchema = z.strictObject({ projectId: uuid, userId: uuid });
/** Params naming a project's invitation. */
export const ProjectInvitationParamsSchema = z.strictObject({ projectId: uuid, invitationId: uuid });
/** Params naming an invitation by id (the invited person). */
export const InvitationParamsSchema = z.strictObject({ invitationId: uuid });
/** Params naming a driver diagram node. */
export const DriverNodeParamsSchema = z.strictObject({ projectId: uuid, nodeId: uuid });
/** Params naming a PDSA cycle. */
export const PdsaParamsSchema = z.strictObject({ projectId: uuid, cycleId: uuid });

/** The fields of a project a team sets, shared by create and edit. */
const projectFields = {
  title: z
    .string()
    .trim()
    .min(1, "Enter a title for the project")
    .max(PROJECT_TITLE_MAX, `The title must be ${PROJECT_TITLE_MAX} characters or fewer`),
  problem: text(PROJECT_PROBLEM_MAX, "The problem"),
  aimWhat: z
    .string()
    .trim()
    .min(1, "Enter what you aim to improve")
    .max(PROJECT_AIM_WHAT_MAX, `What you aim to improve must be ${PROJECT_AIM_WHAT_MAX} characters or fewer`),
  aimHowMuch: z
    .string()
    .trim()
    .min(1, "Enter by how much, like 'by 50%' or 'from 12 to 4 a month'")
    .max(PROJECT_AIM_HOW_MUCH_MAX, `By how much must be ${PROJECT_AIM_HOW_MUCH_MAX} characters or fewer`),
  aimByWhen: IsoDateSchema,
  setting: z.enum(PROJECT_SETTINGS, "Choose where the project happens"),
  topic: z.enum(PROJECT_TOPICS, "Choose what the project is about"),
  teamName: text(PROJECT_TEAM_NAME_MAX, "The team name"),
  courseId: uuid.nullable().optional(),
  runId: uuid.nullable().optional(),
  visibility: z.enum(PROJECT_VISIBILITIES, "Choose who can see the project").optional(),
};

/** POST /api/projects: a new project; organisationId left out means the creator's own organisation. */
export const ProjectCreateSchema = z.strictObject({
  ...projectFields,
  problem: projectFields.problem.default(""),
  teamName: projectFields.teamName.default(""),
  organisationId: uuid.nullable().optional(),
});
/** A new project as sent. */
export type ProjectCreateInput = z.infer<typeof ProjectCreateSchema>;

/** PUT /api/projects/:id: every field again, with the revision the form was loaded at. */
export const ProjectUpdateSchema = z.strictObject({
  ...projectFields,
  organisationId: uuid.nullable(),
  visibility: z.enum(PROJECT_VISIBILITIES, "Choose who can see the project"),
  revision: z.number().int().min(1),
});
/** A project edit as sent. */
export type ProjectUpdateInput = z.infer<typeof ProjectUpdateSchema>;

/** A team member as the project shows them. Email only to the team. */
export const ProjectMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(PROJECT_MEMBER_ROLES),
  responsibility: z.string(),
  nameInLibrary: z.boolean(),
  joinedAt: z.string(),
});
/** A team member. */
export type ProjectMember = z.infer<typeof ProjectMemberSchema>;

/** One entry of the progress history. */
export const ProgressEntrySchema = z.object({
  id: z.string(),
  score: z.enum(PROGRESS_SCORES),
  status: z.enum(PROJECT_STATUSES),
  note: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
/** One entry of the progress history. */
export type ProgressEntry = z.infer<typeof ProgressEntrySchema>;

/** A measure as the overview lists it (the measures helper owns the rest). */
export const ProjectMeasureSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(MEASURE_KINDS),
  unit: z.string(),
  pointCount: z.number().int(),
  latest: z.object({ observedOn: z.string(), value: z.number() }).nullable(),
});
/** A measure as the overview lists it. */
export type ProjectMeasureSummary = z.infer<typeof ProjectMeasureSummarySchema>;

/** Where the case study stands with recognition, read from the submissions. */
export const ProjectRecognitionSummarySchema = z.object({
  status: z.enum(RECOGNITION_STATUSES),
  version: z.number().int(),
  submittedAt: z.string(),
  recognised: z.boolean(),
});

/** What the actor may do, so pages show or hide the forms. */
export const ProjectAccessSummarySchema = z.object({
  canEdit: z.boolean(),
  canManage: z.boolean(),
  role: z.enum(PROJECT_MEMBER_ROLES).nullable(),
});

/** GET /api/projects/:id: everything the overview needs. */
export const ProjectDetailSchema = z.object({
  id: z.string(),
  title: z.string(),
  problem: z.string(),
  aimWhat: z.string(),
  aimHowMuch: z.string(),
  aimByWhen: z.string().nullable(),
  setting: z.enum(PROJECT_SETTINGS),
  topic: z.enum(PROJECT_TOPICS),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  teamName: z.string(),
  course: z.object({ id: z.string(), title: z.string() }).nullable(),
  run: z.object({ id: z.string(), title: z.string() }).nullable(),
  status: z.enum(PROJECT_STATUSES),
  progressScore: z.enum(PROGRESS_SCORES).nullable(),
  visibility: z.enum(PROJECT_VISIBILITIES),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  members: z.array(ProjectMemberSchema),
  progress: z.array(ProgressEntrySchema),
  measures: z.array(ProjectMeasureSummarySchema),
  counts: z.object({ driverNodes: z.number().int(), pdsaCycles: z.number().int() }),
  recognition: ProjectRecognitionSummarySchema.nullable(),
  myAccess: ProjectAccessSummarySchema,
});
/** A project's overview. */
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>;

/** One row of "My projects". */
export const MyProjectSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(PROJECT_STATUSES),
  progressScore: z.enum(PROGRESS_SCORES).nullable(),
  role: z.enum(PROJECT_MEMBER_ROLES),
  memberCount: z.number().int(),
  measureCount: z.number().int(),
  pdsaCount: z.number().int(),
  updatedAt: z.string(),
});
/** One row of "My projects". */
export type MyProject = z.infer<typeof MyProjectSchema>;

/** An invitation as the invited person sees it. */
export const MyInvitationSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectTitle: z.string(),
  role: z.enum(PROJECT_MEMBER_ROLES),
  responsibility: z.string(),
  invitedBy: z.string().nullable(),
  expiresAt: z.string(),
});
/** An invitation as the invited person sees it. */
export type MyInvitation = z.infer<typeof MyInvitationSchema>;

/** GET /api/projects: my projects and the invitations waiting for my email address. */
export const MyProjectsSchema = z.object({
  projects: z.array(MyProjectSchema),
  invitations: z.array(MyInvitationSchema),
});
/** My projects and invitations. */
export type MyProjects = z.infer<typeof MyProjectsSchema>;

/** GET /api/projects/options: the courses and runs a new project may be linked to, and my organisation. */
export const ProjectOptionsSchema = z.object({
  courses: z.array(z.object({ id: z.string(), title: z.string() })),
  runs: z.array(z.object({ id: z.string(), title: z.string(), courseId: z.string() })),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
});
/** Options for the project form. */
export type ProjectOptions = z.infer<typeof ProjectOptionsSchema>;

/** POST /api/projects/:id/progress */
export const ProgressCreateSchema = z.strictObject({
  score: z.enum(PROGRESS_SCORES, "Choose a progress score"),
  status: z.enum(PROJECT_STATUSES, "Choose the project's status"),
  note: text(PROGRESS_NOTE_MAX, "The note").default(""),
});
/** A progress score as sent. */
export type ProgressCreateInput = z.infer<typeof ProgressCreateSchema>;

/** POST /api/projects/:id/invitations */
export const InvitationCreateSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .max(320, "Enter an email address of 320 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.nhs.uk"),
  role: z.enum(PROJECT_MEMBER_ROLES, "Choose lead or member"),
  responsibility: text(MEMBER_RESPONSIBILITY_MAX, "The responsibility").default(""),
});
/** An invitation as sent by a lead. */
export type InvitationCreateInput = z.infer<typeof InvitationCreateSchema>;

/** The answer to an invitation: the same whether or not the address has an account. */
export const InvitationSentSchema = z.object({ email: z.string(), expiresAt: z.string() });

/** A pending invitation as the team sees it. */
export const PendingInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(PROJECT_MEMBER_ROLES),
  responsibility: z.string(),
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
/** GET /api/projects/:id/invitations */
export const PendingInvitationListSchema = z.object({ invitations: z.array(PendingInvitationSchema) });
/** A pending invitation. */
export type PendingInvitation = z.infer<typeof PendingInvitationSchema>;

/** POST /api/project-invitations/lookup: find an invitation by its emailed token. */
export const InvitationLookupSchema = z.strictObject({
  token: z.string().trim().min(1, "The link is incomplete").max(200, "The link is not valid"),
});
/** POST /api/project-invitations/:id/accept */
export const InvitationAcceptSchema = z.strictObject({
  nameInLibrary: z.boolean("Say whether we may show your name as an author"),
});
/** The result of accepting: the project joined. */
export const InvitationAcceptedSchema = z.object({ projectId: z.string() });

/** PATCH /api/projects/:id/members/:userId: leads change role and responsibility; members their own consent. */
export const MemberUpdateSchema = z
  .strictObject({
    role: z.enum(PROJECT_MEMBER_ROLES, "Choose lead or member").optional(),
    responsibility: text(MEMBER_RESPONSIBILITY_MAX, "The responsibility").optional(),
    nameInLibrary: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Send at least one change");
/** A member change as sent. */
export type MemberUpdateInput = z.infer<typeof MemberUpdateSchema>;

/** A node of the driver diagram with the nodes below it. */
export interface DriverNode {
  id: string;
  kind: DriverNodeKind;
  text: string;
  position: number;
  children: DriverNode[];
}
/** A node of the driver diagram with the nodes below it. */
export const DriverNodeSchema: z.ZodType<DriverNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(DRIVER_NODE_KINDS),
    text: z.string(),
    position: z.number().int(),
    children: z.array(DriverNodeSchema),
  }),
);

/** GET /api/projects/:id/driver-diagram: the aim and the tree below it. */
export const DriverDiagramSchema = z.object({
  projectId: z.string(),
  projectTitle: z.string(),
  aim: z.object({ what: z.string(), howMuch: z.string(), byWhen: z.string().nullable() }),
  nodes: z.array(DriverNodeSchema),
  canEdit: z.boolean(),
});
/** A driver diagram. */
export type DriverDiagram = z.infer<typeof DriverDiagramSchema>;

const nodeText = z
  .string()
  .trim()
  .min(1, "Enter the text of the driver or change idea")
  .max(DRIVER_NODE_TEXT_MAX, `Enter ${DRIVER_NODE_TEXT_MAX} characters or fewer`);

/** POST /api/projects/:id/driver-nodes: a primary driver (no parent) or a child of the level above. */
export const DriverNodeCreateSchema = z.strictObject({
  parentId: uuid.nullable(),
  kind: z.enum(DRIVER_NODE_KINDS, "Choose primary driver, secondary driver or change idea"),
  text: nodeText,
});
/** A new node as sent. */
export type DriverNodeCreateInput = z.infer<typeof DriverNodeCreateSchema>;
/** PATCH /api/projects/:id/driver-nodes/:nodeId: rename. */
export const DriverNodeRenameSchema = z.strictObject({ text: nodeText });
/** POST /api/projects/:id/driver-nodes/:nodeId/move */
export const DriverNodeMoveSchema = z.strictObject({
  direction: z.enum(["up", "down"], "Choose up or down"),
});

/** The level a node's children have, or null for change ideas (no children). */
export function childKindOf(kind: DriverNodeKind | null): DriverNodeKind | null {
  if (kind === null) return "primary_driver";
  if (kind === "primary_driver") return "secondary_driver";
  if (kind === "secondary_driver") return "change_idea";
  return null;
}

/** The fields of a PDSA cycle. */
export const PdsaInputSchema = z
  .strictObject({
    title: z
      .string()
      .trim()
      .min(1, "Enter a title for the cycle")
      .max(PDSA_TITLE_MAX, `The title must be ${PDSA_TITLE_MAX} characters or fewer`),
    changeIdeaId: uuid.nullable().default(null),
    plan: text(PDSA_TEXT_MAX, "The plan").default(""),
    prediction: text(PDSA_TEXT_MAX, "The prediction").default(""),
    doNotes: text(PDSA_TEXT_MAX, "What happened (do)").default(""),
    study: text(PDSA_TEXT_MAX, "The study").default(""),
    act: text(PDSA_TEXT_MAX, "The act").default(""),
    decision: z.enum(PDSA_DECISIONS, "Choose adopt, adapt or abandon").nullable().default(null),
    startsOn: IsoDateSchema,
    endsOn: IsoDateSchema.nullable().default(null),
  })
  .refine((v) => v.endsOn === null || v.endsOn >= v.startsOn, {
    message: "The end date must be the same as or after the start date",
    path: ["endsOn"],
  });
/** A PDSA cycle as sent. */
export type PdsaInput = z.infer<typeof PdsaInputSchema>;

/** A PDSA cycle. */
export const PdsaCycleSchema = z.object({
  id: z.string(),
  title: z.string(),
  changeIdea: z.object({ id: z.string(), text: z.string() }).nullable(),
  plan: z.string(),
  prediction: z.string(),
  doNotes: z.string(),
  study: z.string(),
  act: z.string(),
  decision: z.enum(PDSA_DECISIONS).nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  updatedAt: z.string(),
});
/** A PDSA cycle. */
export type PdsaCycle = z.infer<typeof PdsaCycleSchema>;

/** GET /api/projects/:id/pdsa-cycles: the cycles by start date and the change ideas they may test. */
export const PdsaListSchema = z.object({
  projectTitle: z.string(),
  cycles: z.array(PdsaCycleSchema),
  changeIdeas: z.array(z.object({ id: z.string(), text: z.string() })),
  canEdit: z.boolean(),
});
/** A project's PDSA cycles. */
export type PdsaList = z.infer<typeof PdsaListSchema>;

/** The write-up's sections, each optional text; the service refuses any over CASE_STUDY_SECTION_MAX (422). */
export const WriteUpSectionsSchema = z.strictObject(
  // `as`: Object.fromEntries loses the keys; they are exactly CASE_STUDY_SECTIONS.
  Object.fromEntries(CASE_STUDY_SECTIONS.map((s) => [s, z.string().default("")])) as Record<
    CaseStudySection,
    z.ZodDefault<z.ZodString>
  >,
);

/** PUT /api/projects/:id/write-up */
export const WriteUpUpdateSchema = z.strictObject({
  sections: WriteUpSectionsSchema,
  chartMeasureIds: z
    .array(uuid)
    .max(WRITE_UP_CHARTS_MAX, `Choose ${WRITE_UP_CHARTS_MAX} charts or fewer`)
    .default([]),
  revision: z.number().int().min(0),
});
/** A write-up as sent. */
export type WriteUpUpdateInput = z.infer<typeof WriteUpUpdateSchema>;

/** GET /api/projects/:id/write-up: revision 0 until first saved. */
export const WriteUpSchema = z.object({
  projectId: z.string(),
  projectTitle: z.string(),
  sections: z.record(z.enum(CASE_STUDY_SECTIONS), z.string()),
  chartMeasureIds: z.array(z.string()),
  measures: z.array(z.object({ id: z.string(), title: z.string(), kind: z.enum(MEASURE_KINDS) })),
  revision: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  canEdit: z.boolean(),
});
/** A case-study write-up. */
export type WriteUp = z.infer<typeof WriteUpSchema>;

/** An invitation found by its link, as the invited person sees it. */
export const InvitationViewSchema = MyInvitationSchema.extend({
  state: z.enum(["pending", "accepted", "withdrawn", "expired"]),
});
/** An invitation found by its link. */
export type InvitationView = z.infer<typeof InvitationViewSchema>;
