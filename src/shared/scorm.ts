import { z } from "zod";

/**
 * SCORM contracts shared by the server and the web app: packages as imported, the run-time launch and commits, and
 * the administrators' view of an attempt.
 */

/** The SCORM versions the platform runs. 2004 editions differ in the data model's limits and vocabularies. */
export const SCORM_VERSIONS = ["1.2", "2004-2nd", "2004-3rd", "2004-4th"] as const;
/** A SCORM version as detected from the manifest. */
export type ScormVersion = (typeof SCORM_VERSIONS)[number];

/** How the pages name each version. */
export const SCORM_VERSION_LABELS: Record<ScormVersion, string> = {
  "1.2": "SCORM 1.2",
  "2004-2nd": "SCORM 2004 2nd Edition",
  "2004-3rd": "SCORM 2004 3rd Edition",
  "2004-4th": "SCORM 2004 4th Edition",
};

/** Whether a version is SCORM 2004 (any edition). */
export function isScorm2004(version: ScormVersion): boolean {
  return version !== "1.2";
}

/** Largest package upload (the zip as sent). */
export const SCORM_UPLOAD_LIMIT_BYTES = 200 * 1024 * 1024;
/** Largest total of the files inside a package, once unzipped. */
export const SCORM_UNZIPPED_LIMIT_BYTES = 1024 * 1024 * 1024;

/** The longest suspend_data each version allows (SCORM 1.2: 4,096; 2004 3rd and 4th editions: 64,000). */
export const SUSPEND_DATA_LIMITS: Record<ScormVersion, number> = {
  "1.2": 4_096,
  "2004-2nd": 4_000,
  "2004-3rd": 64_000,
  "2004-4th": 64_000,
};

/** Completion as the platform records it for both versions (1.2's lesson_status is split into the two). */
export const SCORM_COMPLETION = ["completed", "incomplete", "not attempted", "unknown"] as const;
/** Success as the platform records it for both versions. */
export const SCORM_SUCCESS = ["passed", "failed", "unknown"] as const;

/** An item of the package's default organisation, in document order, with its depth in the tree. */
export const ScormItemSchema = z.object({
  id: z.string().describe("the platform's id for this SCO or asset (null for a grouping item)").nullable(),
  identifier: z.string(),
  title: z.string(),
  depth: z.number().int().min(0),
  kind: z.enum(["sco", "asset", "group"]),
  launchHref: z
    .string()
    .nullable()
    .describe("the launch file and its parameters, relative to the package root"),
  masteryScore: z.number().nullable().describe("SCORM 1.2 adlcp:masteryscore, 0-100"),
  completionThreshold: z.number().nullable().describe("SCORM 2004 adlcp:completionThreshold, 0-1"),
  isVisible: z.boolean(),
});
/** An item of the package's organisation tree. */
export type ScormItem = z.infer<typeof ScormItemSchema>;

/** A package as imported: POST /api/scorm-packages answers with this (201). */
export const ScormPackageSchema = z.object({
  id: z.string(),
  lineageId: z.string().describe("shared by every version uploaded to replace this package"),
  version: z.number().int().min(1).describe("1 for a first upload, then 2, 3… for each replacement"),
  scormVersion: z.enum(SCORM_VERSIONS),
  title: z.string(),
  organisationTitle: z.string(),
  scos: z
    .array(ScormItemSchema)
    .describe("the default organisation's items in order (SCOs, assets and groups)"),
  launchFiles: z.array(z.string()),
  warnings: z
    .array(z.string())
    .describe("what the platform does not support, or files the manifest lists but the zip lacks"),
  fileCount: z.number().int(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});
/** A package as imported. */
export type ScormPackage = z.infer<typeof ScormPackageSchema>;

/** The stages of an import, in order, as the editor's page shows them while it happens. */
export const SCORM_IMPORT_STAGES = [
  "received",
  "unzipped",
  "manifest_read",
  "files_checked",
  "stored",
] as const;
/** One import stage. */
export type ScormImportStage = (typeof SCORM_IMPORT_STAGES)[number];

/** How the import stages read on the page. */
export const SCORM_IMPORT_STAGE_LABELS: Record<ScormImportStage, string> = {
  received: "Package received",
  unzipped: "Zip file opened and checked",
  manifest_read: "Manifest read",
  files_checked: "Files checked against the manifest",
  stored: "Package stored",
};

/** GET /api/scorm-packages/imports/:importId: how far an upload's import has gone, for the editor's page to poll. */
export const ScormImportSchema = z.object({
  id: z.string(),
  stages: z.array(z.enum(SCORM_IMPORT_STAGES)).describe("the stages done so far, in order"),
  packageId: z.string().nullable().describe("set once the package is stored"),
  error: z.string().nullable().describe("why the import stopped, when it did"),
});
/** An import's progress. */
export type ScormImport = z.infer<typeof ScormImportSchema>;

/** The multipart fields sent before the file with POST /api/scorm-packages. */
export const ScormUploadFieldsSchema = z
  .object({
    replaces: z.uuid("The package to replace is not valid").optional(),
    importId: z.uuid("The import id must be a UUID").optional(),
  })
  .strict();
/** The upload's optional fields. */
export type ScormUploadFields = z.infer<typeof ScormUploadFieldsSchema>;

/** The CMI values a commit carries: element name → value, as the run-time holds them (strings). */
export const CmiValuesSchema = z.record(z.string().max(255), z.string().max(64_000));
/** Element name → value. */
export type CmiValues = z.infer<typeof CmiValuesSchema>;

/** POST …/scorm/attempts/:attemptId/commits: the whole CMI state after the content's commit, numbered per attempt. */
export const ScormCommitSchema = z
  .object({
    scoId: z.string().uuid(),
    sequence: z
      .number()
      .int()
      .min(1)
      .describe("1, 2, 3… per attempt and SCO; stale and repeated numbers are ignored"),
    values: CmiValuesSchema,
    finished: z.boolean().default(false).describe("LMSFinish/Terminate was called"),
  })
  .strict();
/** A commit. */
export type ScormCommit = z.infer<typeof ScormCommitSchema>;

/** Whether a commit was applied or was older than one already applied. */
export const ScormCommitResultSchema = z.object({
  applied: z.boolean(),
  lastSequence: z.number().int(),
});
/** The answer to a commit. */
export type ScormCommitResult = z.infer<typeof ScormCommitResultSchema>;

/** A refused value: the SCORM error code the run-time should report, and the element. */
export const ScormCommitErrorSchema = z.object({
  error: z.literal("invalid_cmi"),
  message: z.string(),
  element: z.string(),
  scormErrorCode: z.number().int().describe("e.g. 405 (1.2) or 406 (2004) for a value of the wrong type"),
});

/** A SCO as the player launches it, with what the run-time must start from to resume exactly. */
export const ScormLaunchScoSchema = z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  depth: z.number().int(),
  isVisible: z.boolean(),
  launchUrl: z.string().describe("same-origin content path with the launch parameters"),
  lastSequence: z
    .number()
    .int()
    .describe("the last commit applied; the player numbers its commits from here"),
  values: CmiValuesSchema.describe(
    "the CMI state to load before the content starts: entry (resume or ab-initio), location, suspend_data, total_time, scores, statuses, mastery score / launch data",
  ),
  completionStatus: z.enum(SCORM_COMPLETION),
  successStatus: z.enum(SCORM_SUCCESS),
});
/** A SCO to launch. */
export type ScormLaunchSco = z.infer<typeof ScormLaunchScoSchema>;

/** GET …/steps/:stepId/scorm: the current attempt and its SCOs, ready for the player. */
export const ScormLaunchSchema = z.object({
  scormVersion: z.enum(SCORM_VERSIONS),
  packageTitle: z.string(),
  attempt: z.object({ id: z.string(), number: z.number().int().min(1) }),
  scos: z.array(ScormLaunchScoSchema).describe("the default organisation's SCOs in order"),
  startScoId: z
    .string()
    .describe("where to start: the SCO the learner was last in, else the first incomplete"),
  readOnly: z
    .boolean()
    .describe("access has ended or the course is deferred: the content runs but nothing is saved"),
  canStartNewAttempt: z.boolean(),
});
/** What the player needs to launch a package. */
export type ScormLaunch = z.infer<typeof ScormLaunchSchema>;

/** An attempt as administrators see it for a support call: its statuses and every stored data model value. */
export const ScormAttemptAdminSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  learner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  course: z.object({ id: z.string(), title: z.string() }),
  step: z.object({ id: z.string(), title: z.string() }),
  packageVersion: z.number().int(),
  scormVersion: z.enum(SCORM_VERSIONS),
  scos: z.array(
    z.object({
      scoId: z.string(),
      title: z.string(),
      completionStatus: z.enum(SCORM_COMPLETION),
      successStatus: z.enum(SCORM_SUCCESS),
      scoreRaw: z.number().nullable(),
      scoreScaled: z.number().nullable(),
      totalTimeSeconds: z.number(),
      lastSequence: z.number().int(),
      updatedAt: z.string().nullable(),
      values: CmiValuesSchema,
    }),
  ),
  resetAt: z.string().nullable(),
  createdAt: z.string(),
});
/** An attempt for administrators. */
export type ScormAttemptAdmin = z.infer<typeof ScormAttemptAdminSchema>;

/** GET /api/admin/users/:userId/scorm-attempts: a learner's attempts, newest first, statuses rolled up across SCOs. */
export const ScormAttemptListSchema = z.object({
  learner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  attempts: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      enrolmentId: z.string(),
      course: z.object({ id: z.string(), title: z.string() }),
      step: z.object({ id: z.string(), title: z.string() }),
      completionStatus: z.enum(SCORM_COMPLETION).describe("completed when every SCO is"),
      successStatus: z
        .enum(SCORM_SUCCESS)
        .describe("failed when any SCO failed, passed when every SCO passed"),
      scoreRaw: z.number().nullable().describe("the mean raw score of the SCOs that reported one"),
      scoreScaled: z.number().nullable(),
      updatedAt: z.string(),
      resetAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
/** A learner's attempts for administrators. */
export type ScormAttemptList = z.infer<typeof ScormAttemptListSchema>;

/** POST /api/admin/scorm-attempts/:attemptId/reset: the attempt as it now stands. */
export const ScormAttemptResetSchema = z.object({ id: z.string(), resetAt: z.string() });

/** Where a package's files are served, on this origin so the content finds the run-time API in its parent frame. */
export function scormContentPath(packageId: string, href: string): string {
  return `/scorm-content/${packageId}/${href.replace(/^\/+/, "")}`;
}
