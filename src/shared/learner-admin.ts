import { z } from "zod";

/** Where an application for learner administrator access stands (the database enum's values). */
export const APPLICATION_STATUSES = [
  "awaiting_nominees",
  "awaiting_decision",
  "approved",
  "rejected",
  "declined_by_nominee",
  "withdrawn",
] as const;
/** One application status. */
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses in which an application is still open (one per applicant and organisation at a time). */
export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  "awaiting_nominees",
  "awaiting_decision",
];

/** What an application's status is called on pages and in emails. */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  awaiting_nominees: "Waiting for nominees",
  awaiting_decision: "Waiting for a decision",
  approved: "Approved",
  rejected: "Rejected",
  declined_by_nominee: "Declined by a nominee",
  withdrawn: "Withdrawn",
};

/** The three people who confirm an application, in the order the form asks for them. */
export const NOMINEE_ROLES = ["line_manager", "caldicott_guardian", "hr_lead"] as const;
/** One nominee role. */
export type NomineeRole = (typeof NOMINEE_ROLES)[number];

/** Each nominee role as people say it. */
export const NOMINEE_ROLE_LABELS: Record<NomineeRole, string> = {
  line_manager: "Line manager",
  caldicott_guardian: "Caldicott Guardian or information governance lead",
  hr_lead: "HR or learning and development lead",
};

/** Each nominee role inside a sentence ("your line manager"), with the proper nouns kept capitalised. */
export const NOMINEE_ROLE_PHRASES: Record<NomineeRole, string> = {
  line_manager: "line manager",
  caldicott_guardian: "Caldicott Guardian or information governance lead",
  hr_lead: "HR or learning and development lead",
};

/** The application form's field names for each nominee's name and email (flat, so each is one input's id). */
export const NOMINEE_FIELDS = {
  line_manager: { name: "lineManagerName", email: "lineManagerEmail" },
  caldicott_guardian: { name: "caldicottGuardianName", email: "caldicottGuardianEmail" },
  hr_lead: { name: "hrLeadName", email: "hrLeadEmail" },
} as const satisfies Record<NomineeRole, { name: string; email: string }>;

/** A nominee's answer. */
export const NOMINEE_STATUSES = ["pending", "confirmed", "declined"] as const;
/** One nominee status. */
export type NomineeStatus = (typeof NOMINEE_STATUSES)[number];

/** How long a nominee's link works. */
export const NOMINATION_LINK_DAYS = 14;
/** How many months access lasts after approval. */
export const ACCESS_MONTHS_GRANTED = 12;
/** How many days before access ends a renewal may be asked for. */
export const RENEWAL_OPENS_DAYS = 60;
/** Longest reason (application, decision, revocation, decline). */
export const LEARNER_ADMIN_TEXT_MAX = 2_000;

const isoDate = z.string().describe("ISO 8601 date and time");
const text = (empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(1, empty)
    .max(
      LEARNER_ADMIN_TEXT_MAX,
      `This must be ${LEARNER_ADMIN_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`,
    );
const personName = (who: string) =>
  z
    .string({ error: `Enter the name of your ${who}` })
    .trim()
    .min(1, `Enter the name of your ${who}`)
    .max(200, "Names must be 200 characters or fewer");
const personEmail = (who: string) =>
  z
    .string({ error: `Enter the email address of your ${who}` })
    .trim()
    .toLowerCase()
    .min(1, `Enter the email address of your ${who}`)
    .max(254, "Email addresses must be 254 characters or fewer")
    .pipe(z.email(`Enter the email address of your ${who} in the correct format, like name@example.nhs.uk`));

/** POST /api/me/learner-admin/applications */
export const ApplicationCreateSchema = z
  .object({
    organisationId: z.uuid("Choose the organisation you need access to"),
    reason: text("Enter why you need learner administrator access"),
    lineManagerName: personName("line manager"),
    lineManagerEmail: personEmail("line manager"),
    caldicottGuardianName: personName("Caldicott Guardian or information governance lead"),
    caldicottGuardianEmail: personEmail("Caldicott Guardian or information governance lead"),
    hrLeadName: personName("HR or learning and development lead"),
    hrLeadEmail: personEmail("HR or learning and development lead"),
  })
  .strict();
/** An application as submitted. */
export type ApplicationCreateInput = z.infer<typeof ApplicationCreateSchema>;

/** A nominee as the applicant and administrators see them. */
export const NomineeSchema = z.object({
  id: z.string(),
  role: z.enum(NOMINEE_ROLES),
  name: z.string(),
  email: z.string(),
  status: z.enum(NOMINEE_STATUSES),
  sentAt: isoDate,
  respondedAt: isoDate.nullable(),
  /** When the current link stops working (null once answered). */
  linkExpiresAt: isoDate.nullable(),
});
/** One nominee. */
export type Nominee = z.infer<typeof NomineeSchema>;

const OrganisationRefSchema = z.object({ id: z.string(), name: z.string() });

/** An application as its applicant sees it. */
export const ApplicationSchema = z.object({
  id: z.string(),
  organisation: OrganisationRefSchema,
  kind: z.enum(["new", "renewal"]),
  status: z.enum(APPLICATION_STATUSES),
  reason: z.string(),
  createdAt: isoDate,
  decidedAt: isoDate.nullable(),
  decisionReason: z.string().nullable(),
  nominees: z.array(NomineeSchema),
});
/** One application. */
export type Application = z.infer<typeof ApplicationSchema>;

/** Access held now: an unlapsed learner_admin role. */
export const AccessSchema = z.object({
  roleId: z.string(),
  organisation: OrganisationRefSchema,
  grantedAt: isoDate,
  expiresAt: isoDate.nullable(),
  /** True from 60 days before the end: a renewal may be asked for. */
  renewalOpen: z.boolean(),
});
/** One access held. */
export type Access = z.infer<typeof AccessSchema>;

/** GET /api/me/learner-admin: my access, my applications, and what I may apply for. */
export const LearnerAdminOverviewSchema = z.object({
  access: z.array(AccessSchema),
  applications: z.array(ApplicationSchema),
  /** Organisations I may apply for: my own and those below it, my own first. */
  organisations: z.array(OrganisationRefSchema.extend({ depth: z.number().int() })),
  /** Why I cannot apply at all (unverified email, no organisation), or null. */
  cannotApply: z.string().nullable(),
});
/** The applicant's page. */
export type LearnerAdminOverview = z.infer<typeof LearnerAdminOverviewSchema>;

/** POST /api/me/learner-admin/access/:roleId/give-up and /api/admin/learner-admin/roles/:roleId/revoke */
export const AccessEndedSchema = z.object({ roleId: z.string(), endedAt: isoDate });
/** Access ended. */
export type AccessEnded = z.infer<typeof AccessEndedSchema>;

/** GET /api/me/progress-visibility */
export const ProgressVisibilitySchema = z.object({
  organisations: z.array(OrganisationRefSchema),
});
/** Who can see my progress. */
export type ProgressVisibility = z.infer<typeof ProgressVisibilitySchema>;

/** The nominee's token, in the query (GET) or body (POST); the logger redacts `token=` in URLs. */
export const NominationTokenSchema = z.object({
  token: z.string({ error: "The link is incomplete" }).trim().min(10, "The link is incomplete").max(200),
});

/** GET /api/nominations?token=: what the nominee is asked to confirm, and no more. */
export const NominationSchema = z.object({
  applicantName: z.string(),
  applicantEmail: z.string(),
  applicantJobRole: z.string().nullable(),
  organisationName: z.string(),
  kind: z.enum(["new", "renewal"]),
  reason: z.string(),
  nomineeName: z.string(),
  nomineeRole: z.enum(NOMINEE_ROLES),
  linkExpiresAt: isoDate,
});
/** A nomination as the nominee sees it. */
export type Nomination = z.infer<typeof NominationSchema>;

/** POST /api/nominations/decline */
export const NominationDeclineSchema = NominationTokenSchema.extend({
  reason: z
    .string()
    .trim()
    .max(
      LEARNER_ADMIN_TEXT_MAX,
      `This must be ${LEARNER_ADMIN_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`,
    )
    .optional(),
}).strict();
/** A decline, with an optional reason passed to the applicant. */
export type NominationDeclineInput = z.infer<typeof NominationDeclineSchema>;

/** POST /api/nominations/confirm and /decline answer: what was recorded. */
export const NominationAnswerSchema = z.object({
  status: z.enum(["confirmed", "declined"]),
  applicantName: z.string(),
});
/** A nominee's recorded answer. */
export type NominationAnswer = z.infer<typeof NominationAnswerSchema>;

/** GET /api/admin/learner-admin/applications query */
export const ApplicationQuerySchema = z.object({
  status: z
    .enum(APPLICATION_STATUSES, { error: "Choose one of the application statuses" })
    .default("awaiting_decision"),
  page: z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "Page size must be 100 or fewer").default(25),
});
/** Parsed list filters. */
export type ApplicationQuery = z.infer<typeof ApplicationQuerySchema>;

const ApplicantSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  jobRole: z.string().nullable(),
});

/** One row of the administrators' list. */
export const AdminApplicationSummarySchema = z.object({
  id: z.string(),
  applicant: ApplicantSchema,
  organisation: OrganisationRefSchema,
  kind: z.enum(["new", "renewal"]),
  status: z.enum(APPLICATION_STATUSES),
  createdAt: isoDate,
  confirmedNominees: z.number().int(),
});
/** A row of the list. */
export type AdminApplicationSummary = z.infer<typeof AdminApplicationSummarySchema>;

/** GET /api/admin/learner-admin/applications */
export const AdminApplicationPageSchema = z.object({
  items: z.array(AdminApplicationSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
/** A page of the list. */
export type AdminApplicationPage = z.infer<typeof AdminApplicationPageSchema>;

/** GET /api/admin/learner-admin/applications/:id */
export const AdminApplicationSchema = AdminApplicationSummarySchema.extend({
  reason: z.string(),
  nominees: z.array(NomineeSchema),
  decidedAt: isoDate.nullable(),
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** The access this approval granted, while it lasts. */
  access: z.object({ roleId: z.string(), expiresAt: isoDate.nullable(), active: z.boolean() }).nullable(),
});
/** One application for administrators. */
export type AdminApplication = z.infer<typeof AdminApplicationSchema>;

/** POST /api/admin/learner-admin/applications/:id/approve (a note is optional) */
export const ApplicationApproveSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .max(
        LEARNER_ADMIN_TEXT_MAX,
        `This must be ${LEARNER_ADMIN_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`,
      )
      .optional(),
  })
  .strict();
/** An approval. */
export type ApplicationApproveInput = z.infer<typeof ApplicationApproveSchema>;

/** POST /api/admin/learner-admin/applications/:id/reject */
export const ApplicationRejectSchema = z
  .object({ reason: text("Enter why the application is rejected") })
  .strict();
/** A rejection, with the reason the applicant is told. */
export type ApplicationRejectInput = z.infer<typeof ApplicationRejectSchema>;

/** POST /api/admin/learner-admin/roles/:roleId/revoke */
export const AccessRevokeSchema = z.object({ reason: text("Enter why access is revoked") }).strict();
/** A revocation, with the reason the administrator is told. */
export type AccessRevokeInput = z.infer<typeof AccessRevokeSchema>;
