import { z } from "zod";
import { LEVELS, PROGRAMME_KINDS } from "./catalogue.js";
import { QUESTION_KINDS, STEP_KINDS, type StepKind } from "./learning.js";
import { ScormPackageSchema } from "./scorm.js";

/** Where a course stands: only published courses are in the catalogue; archived ones keep their learners' records. */
export const COURSE_STATUSES = ["draft", "published", "archived"] as const;
/** One of COURSE_STATUSES. */
export type CourseStatus = (typeof COURSE_STATUSES)[number];
/** How each status is shown (always as text in a tag, never colour alone). */
export const COURSE_STATUS_LABELS: Record<CourseStatus, string> = {
  draft: "Draft",
  published: "Published",
  archived: "Archived",
};

/** How each kind of step is named to content editors. */
export const STEP_KIND_LABELS: Record<StepKind, string> = {
  article: "Article",
  video: "Video",
  download: "Download",
  quiz: "Quiz",
  scorm: "SCORM package",
};

/** How each kind of programme is named to content editors. */
export const PROGRAMME_KIND_LABELS: Record<(typeof PROGRAMME_KINDS)[number], string> = {
  productive_series: "The Productive Series",
  improvement_fundamentals: "Improvement Fundamentals (mini-courses)",
};

/** Longest Markdown body a step may have, in characters (a long lesson is about 20,000). */
export const MARKDOWN_MAX_LENGTH = 50_000;

/** A required piece of text: trimmed, not empty, not too long, with messages a person can act on. */
const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${capitalise(what)} must be ${max.toLocaleString("en-GB")} characters or fewer`);

/** Optional text: trimmed, may be empty. */
const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${capitalise(what)} must be ${max.toLocaleString("en-GB")} characters or fewer`);

function capitalise(text: string): string {
  const words = text.replace(/^(the|a|an) /, "");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const id = (what: string) => z.uuid(`The ${what} id is not valid`);

/** True for an https address of a named host (no credentials): what a video link must be. */
export function isHttpsAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
}

// ---------------------------------------------------------------------------------------------------------------
// Programmes

/** POST /api/authoring/programmes and PUT /api/authoring/programmes/:id */
export const ProgrammeInputSchema = z
  .object({
    title: requiredText("the programme's title", 200),
    summary: requiredText("a summary of the programme", 1000),
    kind: z.enum(PROGRAMME_KINDS, { error: "Select the kind of programme" }),
  })
  .strict();
/** A programme as an editor creates or changes it. */
export type ProgrammeInput = z.infer<typeof ProgrammeInputSchema>;

/** A programme as content editors see it. */
export const AuthoringProgrammeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(PROGRAMME_KINDS),
  position: z.number().int(),
  courseCount: z.number().int(),
});
/** A programme for editors. */
export type AuthoringProgramme = z.infer<typeof AuthoringProgrammeSchema>;

/** GET /api/authoring/programmes */
export const AuthoringProgrammeListSchema = z.object({ programmes: z.array(AuthoringProgrammeSchema) });
/** Every programme, in display order. */
export type AuthoringProgrammeList = z.infer<typeof AuthoringProgrammeListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Courses

/** Most a course may cost, ex VAT, in pence (£100,000): anything above is a typing mistake. */
export const COURSE_PRICE_MAX_PENCE = 10_000_000;

/** POST /api/authoring/courses and PUT /api/authoring/courses/:id: the course's details (not its contents). */
export const CourseInputSchema = z
  .object({
    programmeId: z.uuid("Select the programme this course belongs to"),
    title: requiredText("the course's title", 200),
    level: z.enum(LEVELS, { error: "Select the course's level" }),
    summary: requiredText("a summary of the course", 1000),
    whoFor: requiredText("who the course is for", 1000),
    outcomes: z
      .array(requiredText("the outcome", 300), { error: "List what learners will be able to do" })
      .max(20, "List 20 outcomes or fewer"),
    prerequisites: optionalText("prerequisites", 1000)
      .nullable()
      .transform((v) => (v ? v : null)),
    listPriceExVatPence: z
      .number({ error: "Enter the price in pounds, like 595 or 12.50" })
      .int("Enter the price in pounds and pence, like 12.50")
      .min(0, "The price cannot be less than £0")
      .max(COURSE_PRICE_MAX_PENCE, "The price must be £100,000 or less"),
    priceIsIndicative: z.boolean({ error: "Say whether the price is still to be confirmed" }),
    cpdPoints: z
      .number({ error: "Enter the CPD points as a whole number, like 6" })
      .int("Enter the CPD points as a whole number, like 6")
      .min(0, "CPD points cannot be less than 0")
      .max(1000, "CPD points must be 1,000 or fewer"),
  })
  .strict();
/** A course's details as an editor sends them. */
export type CourseInput = z.infer<typeof CourseInputSchema>;

/** One course in the editors' list. */
export const AuthoringCourseSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  status: z.enum(COURSE_STATUSES),
  moduleCount: z.number().int(),
  stepCount: z.number().int(),
  enrolmentCount: z.number().int(),
  updatedAt: z.string(),
});
/** A course in the editors' list. */
export type AuthoringCourseSummary = z.infer<typeof AuthoringCourseSummarySchema>;

/** GET /api/authoring/courses: every course whatever its status, grouped by programme. */
export const AuthoringCourseListSchema = z.object({
  programmes: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      title: z.string(),
      kind: z.enum(PROGRAMME_KINDS),
      courses: z.array(AuthoringCourseSummarySchema),
    }),
  ),
});
/** The editors' course list. */
export type AuthoringCourseList = z.infer<typeof AuthoringCourseListSchema>;

/** A step as the course outline shows it to editors. */
export const AuthoringStepSummarySchema = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(STEP_KINDS),
  title: z.string(),
  minutes: z.number().int(),
  required: z.boolean(),
  learnersStarted: z.number().int().describe("learners who have opened or answered this step"),
  problems: z.array(z.string()).describe("what must be done before the course can be published"),
});
/** A step in the editor's outline. */
export type AuthoringStepSummary = z.infer<typeof AuthoringStepSummarySchema>;

/** A module as the course outline shows it to editors. */
export const AuthoringModuleSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  summary: z.string(),
  learnersStarted: z.number().int().describe("learners who have opened or answered any step in it"),
  steps: z.array(AuthoringStepSummarySchema),
});
/** A module in the editor's outline. */
export type AuthoringModule = z.infer<typeof AuthoringModuleSchema>;

/** GET /api/authoring/courses/:id: the whole course for the editor. */
export const AuthoringCourseSchema = z.object({
  id: z.string(),
  slug: z.string(),
  programme: z.object({ id: z.string(), title: z.string() }),
  title: z.string(),
  level: z.enum(LEVELS),
  summary: z.string(),
  whoFor: z.string(),
  outcomes: z.array(z.string()),
  prerequisites: z.string().nullable(),
  listPriceExVatPence: z.number().int(),
  priceIsIndicative: z.boolean(),
  accessMonths: z.number().int().describe("from the level (ACCESS_MONTHS)"),
  cpdPoints: z.number().int(),
  status: z.enum(COURSE_STATUSES),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  enrolmentCount: z.number().int(),
  modules: z.array(AuthoringModuleSchema),
  publishProblems: z.array(z.string()).describe("why the course cannot be published yet; empty when it can"),
});
/** A course with its modules and steps, for the editor. */
export type AuthoringCourse = z.infer<typeof AuthoringCourseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Modules and steps

/** POST /api/authoring/courses/:id/modules and PUT /api/authoring/modules/:moduleId */
export const ModuleInputSchema = z
  .object({
    title: requiredText("the module's title", 200),
    summary: optionalText("the module's summary", 1000).default(""),
  })
  .strict();
/** A module's title and summary. */
export type ModuleInput = z.infer<typeof ModuleInputSchema>;

/** PUT …/modules/order and …/steps/order: every id, in the new order. */
export const ReorderSchema = z
  .object({
    ids: z
      .array(z.uuid("An id in the new order is not valid"), { error: "Send the ids in their new order" })
      .min(1, "Send the ids in their new order")
      .max(500),
  })
  .strict();
/** A new order. */
export type ReorderInput = z.infer<typeof ReorderSchema>;

/** POST /api/authoring/modules/:moduleId/steps: a new step at the end of the module. */
export const StepCreateSchema = z
  .object({
    kind: z.enum(STEP_KINDS, { error: "Select the kind of step" }),
    title: requiredText("the step's title", 200),
  })
  .strict();
/** A new step. */
export type StepCreateInput = z.infer<typeof StepCreateSchema>;

/** One option of a quiz question; `id` for an option that already exists. */
export const QuizOptionInputSchema = z
  .object({
    id: id("option").optional(),
    text: requiredText("the answer's text", 500),
    correct: z.boolean({ error: "Say whether the answer is correct" }),
    feedback: optionalText("feedback", 1000).default(""),
  })
  .strict();

/** One quiz question with its options; `id` for a question that already exists. */
export const QuizQuestionInputSchema = z
  .object({
    id: id("question").optional(),
    kind: z.enum(QUESTION_KINDS, { error: "Say whether one or several answers are correct" }),
    prompt: requiredText("the question", 1000),
    options: z
      .array(QuizOptionInputSchema, { error: "Give the question its answers" })
      .min(2, "Give each question at least two answers")
      .max(10, "Give each question 10 answers or fewer"),
  })
  .strict()
  .superRefine((question, context) => {
    const correct = question.options.filter((o) => o.correct).length;
    if (question.kind === "single" && correct !== 1) {
      context.addIssue({
        code: "custom",
        path: ["options"],
        message: 'Mark exactly one answer as correct, or choose "One or more answers are correct"',
      });
    }
    if (question.kind === "multiple" && correct < 1) {
      context.addIssue({ code: "custom", path: ["options"], message: "Mark at least one answer as correct" });
    }
  });
/** A quiz question as an editor sends it. */
export type QuizQuestionInput = z.infer<typeof QuizQuestionInputSchema>;

/**
 * PUT /api/authoring/steps/:stepId: the whole step. Fields that do not apply to the step's kind must be null
 * (or false, or left out for `questions`): videoUrl for videos, fileId for videos and downloads, the quiz
 * settings and questions for quizzes, scormPackageId for SCORM steps (left out: unchanged).
 */
export const StepUpdateSchema = z
  .object({
    title: requiredText("the step's title", 200),
    body: z
      .string({ error: "Send the step's text, even if it is empty" })
      .max(
        MARKDOWN_MAX_LENGTH,
        `The text must be ${MARKDOWN_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer`,
      ),
    minutes: z
      .number({ error: "Enter how many minutes the step takes, like 5" })
      .int("Enter how many minutes the step takes as a whole number, like 5")
      .min(1, "A step takes at least 1 minute")
      .max(600, "A step takes 600 minutes or fewer: split longer ones"),
    required: z.boolean({ error: "Say whether learners must complete the step" }),
    videoUrl: z
      .string({ error: "Enter the video's web address, starting https://" })
      .trim()
      .max(2000, "The video's web address must be 2,000 characters or fewer")
      .refine(isHttpsAddress, "Enter the video's web address, starting https://")
      .nullable(),
    fileId: id("file").nullable(),
    passMarkPercent: z
      .number({ error: "Enter the pass mark as a percentage, like 80" })
      .int("Enter the pass mark as a whole number, like 80")
      .min(0, "The pass mark must be between 0 and 100")
      .max(100, "The pass mark must be between 0 and 100")
      .nullable(),
    maxAttempts: z
      .number({ error: "Enter how many attempts learners have, like 3" })
      .int("Enter how many attempts learners have as a whole number, like 3")
      .min(1, "Learners need at least 1 attempt; leave it empty for unlimited attempts")
      .max(100, "Allow 100 attempts or fewer; leave it empty for unlimited attempts")
      .nullable(),
    isFinal: z.boolean({ error: "Say whether this is the course's final assessment" }),
    questions: z.array(QuizQuestionInputSchema).max(100, "A quiz has 100 questions or fewer").optional(),
    scormPackageId: z
      .uuid("The SCORM package id is not valid")
      .nullable()
      .optional()
      .describe(
        "the package a SCORM step runs (from POST /api/scorm-packages); left out, the step keeps its package. Learners' attempts keep the package they were made on",
      ),
  })
  .strict();
/** A step as an editor saves it. */
export type StepUpdateInput = z.infer<typeof StepUpdateSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Files

/** What kind of file an upload is; each kind has its own size limit. */
export const UPLOAD_CATEGORIES = ["image", "document", "video"] as const;
/** One of UPLOAD_CATEGORIES. */
export type UploadCategory = (typeof UPLOAD_CATEGORIES)[number];

const MB = 1024 * 1024;
/** Largest upload of each kind, in bytes. */
export const UPLOAD_LIMIT_BYTES: Record<UploadCategory, number> = {
  image: 5 * MB,
  document: 20 * MB,
  video: 50 * MB,
};

/** A type of file editors may upload: its extensions, the type it is served as, and how people name it. */
export interface UploadType {
  extensions: readonly string[];
  contentType: string;
  name: string;
  category: UploadCategory;
}

/** Every type editors may upload. Text and CSV have no magic bytes; the server checks they are UTF-8 text. */
export const UPLOAD_TYPES: readonly UploadType[] = [
  { extensions: ["pdf"], contentType: "application/pdf", name: "a PDF", category: "document" },
  {
    extensions: ["docx"],
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    name: "a Word document",
    category: "document",
  },
  {
    extensions: ["xlsx"],
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    name: "an Excel spreadsheet",
    category: "document",
  },
  {
    extensions: ["pptx"],
    contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    name: "a PowerPoint presentation",
    category: "document",
  },
  {
    extensions: ["txt"],
    contentType: "text/plain; charset=utf-8",
    name: "a text file",
    category: "document",
  },
  { extensions: ["csv"], contentType: "text/csv; charset=utf-8", name: "a CSV file", category: "document" },
  { extensions: ["png"], contentType: "image/png", name: "a PNG image", category: "image" },
  { extensions: ["jpg", "jpeg"], contentType: "image/jpeg", name: "a JPEG image", category: "image" },
  { extensions: ["gif"], contentType: "image/gif", name: "a GIF image", category: "image" },
  { extensions: ["webp"], contentType: "image/webp", name: "a WebP image", category: "image" },
  { extensions: ["mp4"], contentType: "video/mp4", name: "an MP4 video", category: "video" },
  { extensions: ["webm"], contentType: "video/webm", name: "a WebM video", category: "video" },
];

/** The upload type for a file name, by its extension; undefined when editors may not upload it. */
export function uploadTypeFor(filename: string): UploadType | undefined {
  const dot = filename.lastIndexOf(".");
  if (dot < 0) return undefined;
  const extension = filename.slice(dot + 1).toLowerCase();
  return UPLOAD_TYPES.find((t) => t.extensions.includes(extension));
}

/** Sizes as people read them: "820 KB", "4.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** An uploaded file. `url` serves it to any signed-in person. */
export const StoredFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  url: z.string(),
  createdAt: z.string(),
});
/** An uploaded file. */
export type StoredFile = z.infer<typeof StoredFileSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Step editor and preview

/** GET /api/authoring/steps/:stepId: a step with everything its editor needs. */
export const AuthoringStepSchema = z.object({
  id: z.string(),
  course: z.object({ id: z.string(), title: z.string(), status: z.enum(COURSE_STATUSES) }),
  module: z.object({ id: z.string(), position: z.number().int(), title: z.string() }),
  position: z.number().int(),
  kind: z.enum(STEP_KINDS),
  title: z.string(),
  body: z.string(),
  minutes: z.number().int(),
  required: z.boolean(),
  videoUrl: z.string().nullable(),
  file: StoredFileSchema.nullable(),
  passMarkPercent: z.number().int().nullable(),
  maxAttempts: z.number().int().nullable(),
  isFinal: z.boolean(),
  questions: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      kind: z.enum(QUESTION_KINDS),
      prompt: z.string(),
      options: z.array(
        z.object({
          id: z.string(),
          position: z.number().int(),
          text: z.string(),
          correct: z.boolean(),
          feedback: z.string(),
        }),
      ),
    }),
  ),
  learnersStarted: z.number().int().describe("learners who have opened or answered this step"),
  learnersAnswered: z
    .number()
    .int()
    .describe("learners with a quiz attempt: while above 0, questions and answers cannot be removed"),
  scormPackage: ScormPackageSchema.nullable().describe("the package a SCORM step runs"),
  updatedAt: z.string(),
});
/** A step in its editor. */
export type AuthoringStep = z.infer<typeof AuthoringStepSchema>;

/** POST /api/authoring/preview */
export const PreviewInputSchema = z
  .object({
    markdown: z
      .string({ error: "Send the Markdown to preview" })
      .max(
        MARKDOWN_MAX_LENGTH,
        `The text must be ${MARKDOWN_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer`,
      ),
  })
  .strict();

/** The preview: the same sanitised HTML learners will see. */
export const PreviewSchema = z.object({ html: z.string() });

// ---------------------------------------------------------------------------------------------------------------
// Helpers both sides use

/** "595", "12.50", "£1,250" → pence; null when it is not an amount of money. */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, "").replaceAll(",", "");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [pounds = "0", pence = ""] = cleaned.split(".");
  return Number(pounds) * 100 + Number(pence.padEnd(2, "0"));
}

/** Pence as an editor types pounds: 59500 → "595", 1250 → "12.50". */
export function penceToPoundsText(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? String(pounds) : `${pounds}.${String(rest).padStart(2, "0")}`;
}

/** "1 learner has", "12 learners have": the start of the destructive-edit refusals. */
export function learnersHave(count: number): string {
  return count === 1 ? "1 learner has" : `${count.toLocaleString("en-GB")} learners have`;
}
