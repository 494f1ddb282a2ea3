import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as year-month-day, like 2026-11-24")
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: "Enter a real date, like 2026-11-24",
    },
  );

/** Largest page of audit entries. */
export const AUDIT_MAX_PAGE_SIZE = 100;

/** GET /api/admin/audit-events query: filters, newest first. */
export const AuditQuerySchema = z
  .object({
    actor: z.string().trim().max(200, "Enter 200 characters or fewer").optional(),
    action: z.string().trim().max(100, "Enter 100 characters or fewer").optional(),
    subjectType: z.string().trim().max(100, "Enter 100 characters or fewer").optional(),
    subjectId: z.string().trim().max(200, "Enter 200 characters or fewer").optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, "Page size must be 1 or more")
      .max(AUDIT_MAX_PAGE_SIZE, `Page size must be ${AUDIT_MAX_PAGE_SIZE} or fewer`)
      .default(25),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: "The end date must be the same as or after the start date",
    path: ["to"],
  });
/** Audit log filters. */
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** GET /api/audit-events/mine query: a learner administrator's own entries. */
export const MyAuditQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, "Page size must be 1 or more")
      .max(AUDIT_MAX_PAGE_SIZE, `Page size must be ${AUDIT_MAX_PAGE_SIZE} or fewer`)
      .default(25),
  })
  .strict();

/** One audit entry. */
export const AuditEventSchema = z.object({
  id: z.number(),
  occurredAt: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  rows: z.number().nullable().describe("how many rows were seen or exported, where recorded"),
  requestId: z.string().nullable(),
  ipAddress: z.string().nullable(),
});
/** An audit entry. */
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** A page of audit entries. */
export const AuditEventPageSchema = z.object({
  items: z.array(AuditEventSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** A page of audit entries. */
export type AuditEventPage = z.infer<typeof AuditEventPageSchema>;

/** What each action code means, in words; unknown codes are shown as they are. */
export const AUDIT_ACTION_PHRASES: Record<string, string> = {
  "discussions.comment_highlighted": "Highlighted a comment",
  "discussions.comment_unhighlighted": "Took a comment's highlight off",
  "discussions.comment_pinned": "Pinned a comment",
  "discussions.comment_unpinned": "Unpinned a comment",
  "discussions.topic_pinned": "Pinned a board topic",
  "discussions.topic_unpinned": "Unpinned a board topic",
  "run.created": "Scheduled a course run",
  "run.updated": "Changed a course run",
  "run.deleted": "Deleted a course run",
  "run.member_moved": "Moved to another course run",
  "run.members_viewed": "Viewed a course run's members",
  "moderation.queue_viewed": "Viewed a course run's moderation queue",
  "moderation.overview_viewed": "Viewed the moderation queue across their course runs",
  "moderation.member_viewed": "Viewed a run member's standing for posting",
  "comment.hidden": "Hid a comment",
  "comment.restored": "Restored a hidden comment",
  "comment.removed": "Removed a comment",
  "comment.reports_dismissed": "Dismissed the reports on a comment",
  "run.member_suspended": "Suspended a member from posting in a course run",
  "run.member_suspension_lifted": "Lifted a member's suspension from posting",
  "run.announcement_sent": "Sent an announcement to a course run",
  "surveys.updated": "Changed a course survey",
  "surveys.results_exported": "Downloaded course survey results",
  "recognition.submitted": "Submitted a case study for recognition",
  "recognition.library_consent_given": "Agreed to publish a case study in the library",
  "recognition.library_consent_withdrawn": "Withdrew a case study from the library",
  "recognition.queue_viewed": "Viewed their case-study queue",
  "recognition.picked_up": "Picked up a case study to assess",
  "recognition.submission_viewed": "Viewed a submitted case study",
  "recognition.submission_pdf_downloaded": "Downloaded a submitted case study",
  "recognition.decided": "Decided a case study for recognition",
  "recognition.allocation_list_viewed": "Viewed case studies for recognition",
  "recognition.allocated": "Allocated a case study to an assessor",
  "benefits.decided": "Signed off, queried or rejected a cashable benefit",
  "benefits.areas_changed": "Changed the organisation's benefit areas",
  "benefits.summary_exported":
    "Downloaded a benefits summary (a programme's, or an organisation's across its programmes)",
  "implementation.registered": "Registered an organisation on a programme",
  "implementation.registration_viewed": "Viewed a programme registration they are not on",
  "implementation.person_added": "Named someone on a programme registration",
  "implementation.person_removed": "Removed someone's role on a programme registration",
  "implementation.team_added": "Added a team to a programme registration",
  "implementation.team_changed": "Changed a programme team's details",
  "implementation.box_sets_ordered": "Ordered box sets",
  "implementation.box_sets_cancelled": "Cancelled a box set order",
  "implementation.box_sets_dispatched": "Dispatched a box set order",
  "implementation.module_status_changed": "Changed a team's status on a house module",
  "implementation.progress_imported": "Imported teams' module progress from a CSV file",
  "implementation.house_module_created": "Added a module to a programme's house",
  "implementation.house_module_changed": "Changed a house module",
  "implementation.house_module_moved": "Moved a house module",
  "implementation.house_module_deleted": "Deleted a house module",
  "implementation.measure_data_imported": "Imported data into a team measure",
  "implementation.team_measure_deleted": "Deleted a team measure",
  "implementation.measure_library_changed": "Changed a programme's measure library",
  "project.viewed": "Viewed an improvement project they are not on",
  "project.deleted": "Deleted an improvement project",
  "measures.data_imported": "Imported data into a project measure",
  "measures.deleted": "Deleted a project measure",
  "projects.case_study_exported": "Downloaded a project's case study (with the team's names)",
  "account.email_change_requested": "Asked to change their email address",
  "account.email_changed": "Changed their email address",
  "account.password_changed": "Changed their password",
  "account.password_reset": "Reset their password",
  "account.signed_out_everywhere": "Signed out everywhere",
  "audit.searched": "Searched the audit log",
  "authoring.course_created": "Created a course",
  "authoring.course_deleted": "Deleted a course",
  "authoring.course_updated": "Changed a course",
  "authoring.module_created": "Added a module",
  "authoring.module_deleted": "Deleted a module",
  "authoring.module_updated": "Changed a module",
  "authoring.modules_reordered": "Reordered modules",
  "authoring.programme_created": "Created a programme",
  "authoring.programme_updated": "Changed a programme",
  "authoring.step_created": "Added a step",
  "authoring.step_deleted": "Deleted a step",
  "authoring.step_updated": "Changed a step",
  "authoring.steps_reordered": "Reordered steps",
  "deferrals.approve": "Approved a deferral",
  "deferrals.decline": "Declined a deferral",
  "deferrals.list": "Viewed the deferral queue",
  "deferrals.message": "Wrote to a learner about a deferral",
  "deferrals.request": "Asked to defer a course",
  "deferrals.view": "Viewed a deferral request",
  "files.uploaded": "Uploaded a file",
  "grants.create": "Gave a place on a course",
  "grants.revoke": "Revoked a place on a course",
  "grants.search": "Viewed places given on courses",
  "help.article_created": "Added a help answer",
  "help.article_deleted": "Deleted a help answer",
  "help.article_updated": "Changed a help answer",
  "learner_admin.apply": "Applied for learner administrator access",
  "learner_admin.approve": "Approved learner administrator access",
  "learner_admin.give_up": "Gave up learner administrator access",
  "learner_admin.list": "Viewed learner administrator applications",
  "learner_admin.nominee_confirm": "Confirmed an application as a nominee",
  "learner_admin.nominee_decline": "Declined an application as a nominee",
  "learner_admin.reject": "Rejected an application for learner administrator access",
  "learner_admin.resend": "Sent a nominee's email again",
  "learner_admin.revoke": "Revoked learner administrator access",
  "learner_admin.view": "Viewed an application for learner administrator access",
  "learner_admin.withdraw": "Withdrew an application for learner administrator access",
  "licences.create": "Recorded an organisation licence",
  "licences.update": "Changed an organisation licence",
  "organisations.created": "Added an organisation",
  "organisations.updated": "Changed an organisation",
  "organisations.deleted": "Deleted an organisation",
  "organisations.imported": "Imported the organisation directory",
  "outbox.view": "Read the mail outbox",
  "reports.completions_exported": "Downloaded the completions report",
  "reports.completions_viewed": "Viewed the completions report",
  "reports.esr_completions_exported": "Downloaded the ESR completions file",
  "reports.expiring_exported": "Downloaded the access-ending report",
  "reports.expiring_viewed": "Viewed the access-ending report",
  "reports.funnel_exported": "Downloaded the engagement funnel",
  "reports.funnel_viewed": "Viewed the engagement funnel",
  "reports.learner_progress_exported": "Downloaded the learner progress report",
  "reports.learner_progress_viewed": "Viewed the learner progress report",
  "reports.teams_exported": "Downloaded the teams report",
  "reports.teams_viewed": "Viewed the teams report",
  "scorm.attempt_reset": "Reset a SCORM attempt",
  "scorm.attempt_viewed": "Viewed a SCORM attempt",
  "scorm.attempts_listed": "Listed a learner's SCORM attempts",
  "scorm.package_imported": "Imported a SCORM package",
  "teams.changed": "Changed a learner's team",
  "users.expire": "Expired an account",
  "users.grant_role": "Gave a role",
  "users.reactivate": "Reactivated an account",
  "users.revoke_role": "Removed a role",
  "users.search": "Searched user accounts",
  "users.view": "Viewed a user account",
  "assessment.allocated": "Allocated a portfolio to an assessor",
  "assessment.allocation_list_viewed": "Viewed portfolios waiting for assessment",
  "assessment.assessors_listed": "Listed the assessors",
  "assessment.decided": "Decided a portfolio",
  "assessment.picked_up": "Picked up a portfolio to assess",
  "assessment.queue_viewed": "Viewed their assessment queue",
  "assessment.settings_changed": "Changed how decisions are sampled for internal verification",
  "assessment.submission_viewed": "Viewed a submitted portfolio",
  "verification.confirmed": "Confirmed an assessor's decision",
  "verification.overturned": "Overturned an assessor's decision",
  "verification.queue_viewed": "Viewed the internal verification queue",
  "awarding_body.claims_exported": "Downloaded awarding body claims",
  "awarding_body.claims_viewed": "Viewed awarding body claims",
  "awarding_body.registration_recorded": "Recorded an awarding body registration number",
  "awarding_body.registration_removed": "Removed an awarding body registration number",
  "awarding_body.registration_viewed": "Viewed an awarding body registration number",
  "certificates.pdf_downloaded": "Downloaded a learner's certificate",
  "certificates.reissue": "Reissued a certificate",
  "certificates.revoke": "Revoked a certificate",
  "certificates.search": "Searched certificates",
  "certificates.view": "Viewed a certificate",
  "cpd.record_downloaded": "Downloaded a learner's CPD record",
  "cpd.transcript_downloaded": "Downloaded a learner's transcript",
  "portfolios.unit_created": "Added an assessment unit",
  "portfolios.unit_updated": "Changed an assessment unit",
  "portfolios.unit_deleted": "Deleted an assessment unit",
  "portfolios.units_reordered": "Reordered assessment units",
  "portfolios.outcome_created": "Added a learning outcome",
  "portfolios.outcome_updated": "Changed a learning outcome",
  "portfolios.outcome_deleted": "Deleted a learning outcome",
  "portfolios.outcomes_reordered": "Reordered learning outcomes",
  "portfolios.criterion_created": "Added an assessment criterion",
  "portfolios.criterion_updated": "Changed an assessment criterion",
  "portfolios.criterion_deleted": "Deleted an assessment criterion",
  "portfolios.criteria_reordered": "Reordered assessment criteria",
  "portfolios.submitted": "Submitted a portfolio for assessment",
  "portfolios.evidence_file_viewed": "Viewed a learner's portfolio evidence file",
};

/** An action code in words, or the code itself when it has none. */
export function auditActionPhrase(action: string): string {
  return AUDIT_ACTION_PHRASES[action] ?? action;
}
