import {
  type AuthoringCourse,
  type AuthoringCourseList,
  type AuthoringProgramme,
  type AuthoringProgrammeList,
  type AuthoringStep,
  type CourseInput,
  type CourseStatus,
  learnersHave,
  type ModuleInput,
  type ProgrammeInput,
  type QuizQuestionInput,
  type StepCreateInput,
  type StepUpdateInput,
  type StoredFile,
} from "../../../shared/authoring.js";
import { ACCESS_MONTHS } from "../../../shared/catalogue.js";
import type { CertificateValidity } from "../../../shared/certificates.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, type ErrorDetail, notFound, validationFailed } from "../../platform/errors.js";
import { renderMarkdown } from "../../platform/markdown.js";
import { describeFiles } from "../files/files.service.js";
import { describePackage } from "../scorm/packages.service.js";
import { assertCanAuthor } from "./authoring.policy.js";
import * as repo from "./authoring.repository.js";

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** A URL-safe slug from a title: "The Productive Ward: Foundation" → "the-productive-ward-foundation". */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || fallback;
}

/** The first of base, base-2, base-3… not already taken. */
function freeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The PostgreSQL error code of a database error (Drizzle wraps the driver's error in `cause`), or null. */
function pgErrorCode(error: unknown): string | null {
  let current: unknown = error;
  while (typeof current === "object" && current !== null) {
    if ("code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current.code;
    }
    current = "cause" in current ? current.cause : null;
  }
  return null;
}

/** True when a database error is a foreign-key violation (a learner started something as it was being removed). */
function isForeignKeyViolation(error: unknown): boolean {
  return pgErrorCode(error) === "23503";
}

/** Runs an insert that takes a slug; another editor taking the same slug at the same moment becomes a 409. */
async function creating<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === "23505") {
      throw conflict(`Another ${what} with the same title was created at the same moment. Try again.`);
    }
    throw error;
  }
}

/** Runs a removal; a learner who started the thing in the meantime turns a foreign-key violation into a 409. */
async function removing<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw conflict(
        `A learner has just started ${what}, so it cannot be removed. Reload the page to see the change.`,
      );
    }
    throw error;
  }
}

function stale(what: string): AppError {
  return conflict(`The ${what} have changed since you opened this page. Reload the page and try again.`);
}

/** Checks `ids` is exactly the current set, in any order. */
function assertSameSet(ids: readonly string[], current: readonly string[], what: string): void {
  const given = new Set(ids);
  if (given.size !== ids.length || ids.length !== current.length || current.some((id) => !given.has(id))) {
    throw stale(what);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Programmes

/** Every programme, for editors. */
export async function listProgrammes(db: Db, actor: Actor): Promise<AuthoringProgrammeList> {
  assertCanAuthor(actor);
  return { programmes: await repo.listProgrammes(db) };
}

async function programmeById(tx: Tx, id: string): Promise<AuthoringProgramme> {
  const found = (await repo.listProgrammes(tx)).find((p) => p.id === id);
  if (!found) throw notFound("The programme");
  return found;
}

/** Creates a programme at the end of the list. Audited. */
export async function createProgramme(
  db: Db,
  actor: Actor,
  input: ProgrammeInput,
  context: RequestContext,
): Promise<AuthoringProgramme> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const base = slugify(input.title, "programme");
    const slug = freeSlug(base, await repo.programmeSlugsLike(tx, base));
    const position = await repo.nextProgrammePosition(tx);
    const id = await creating("programme", () => repo.insertProgramme(tx, { ...input, slug, position }));
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.programme_created",
      subjectType: "programme",
      subjectId: id,
      details: { title: input.title, kind: input.kind },
    });
    return programmeById(tx, id);
  });
}

/** Changes a programme's title, summary or kind (its slug stays, so links keep working). Audited. */
export async function updateProgramme(
  db: Db,
  actor: Actor,
  id: string,
  input: ProgrammeInput,
  context: RequestContext,
): Promise<AuthoringProgramme> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const before = await repo.getProgramme(tx, id);
    if (!before) throw notFound("The programme");
    await repo.updateProgramme(tx, id, input);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.programme_updated",
      subjectType: "programme",
      subjectId: id,
      details: { changed: (["title", "summary", "kind"] as const).filter((k) => before[k] !== input[k]) },
    });
    return programmeById(tx, id);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Courses

/** Every course of every status, grouped by programme, for editors. */
export async function listCourses(db: Db, actor: Actor): Promise<AuthoringCourseList> {
  assertCanAuthor(actor);
  const [programmes, courses] = await Promise.all([repo.listProgrammes(db), repo.listCoursesWithCounts(db)]);
  return {
    programmes: programmes.map((p) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      kind: p.kind,
      courses: courses
        .filter((c) => c.programmeId === p.id)
        .map(({ programmeId: _programmeId, updatedAt, ...c }) => ({
          ...c,
          updatedAt: updatedAt.toISOString(),
        })),
    })),
  };
}

/** What stops a step being ready for learners (empty when it is ready). */
function stepProblems(step: repo.StepRow, questionCount: number): string[] {
  switch (step.kind) {
    case "article":
      return step.body.trim() ? [] : ["Write the article's text"];
    case "video":
      return step.videoUrl || step.fileId ? [] : ["Add the video: a web address or an uploaded file"];
    case "download":
      return step.fileId ? [] : ["Upload the file learners will download"];
    case "quiz":
      return [
        ...(questionCount === 0 ? ["Add at least one question"] : []),
        ...(step.passMarkPercent === null ? ["Set the pass mark"] : []),
      ];
    case "scorm":
      return step.scormPackageId ? [] : ["Upload the SCORM package"];
  }
}

/** The whole course for its editor: details, modules and steps with learner counts and what blocks publishing. */
async function loadCourseTree(tx: Tx, courseId: string): Promise<AuthoringCourse> {
  const found = await repo.getCourse(tx, courseId);
  if (!found) throw notFound("The course");
  const { course, programmeTitle } = found;
  const [modules, stepRows, counts, enrolmentCount] = await Promise.all([
    repo.listModules(tx, courseId),
    repo.listStepsForCourse(tx, courseId),
    repo.countLearnersForCourse(tx, courseId),
    repo.countEnrolments(tx, courseId),
  ]);
  const steps = stepRows.map((r) => r.step);
  const questionCounts = await repo.countQuestionsByStep(
    tx,
    steps.filter((s) => s.kind === "quiz").map((s) => s.id),
  );

  const publishProblems: string[] = [];
  if (modules.length === 0) publishProblems.push("Add at least one module");
  const treeModules = modules.map((module, index) => {
    const moduleSteps = steps.filter((s) => s.moduleId === module.id);
    if (moduleSteps.length === 0) {
      publishProblems.push(
        `Module ${index + 1}, "${module.title}": add at least one step, or delete the module`,
      );
    }
    return {
      id: module.id,
      position: index + 1,
      title: module.title,
      summary: module.summary,
      learnersStarted: counts.byModule.get(module.id) ?? 0,
      steps: moduleSteps.map((step, stepIndex) => {
        const problems = stepProblems(step, questionCounts.get(step.id) ?? 0);
        for (const problem of problems) {
          publishProblems.push(
            `Module ${index + 1}, step ${stepIndex + 1}, "${step.title}": ${lowerFirst(problem)}`,
          );
        }
        return {
          id: step.id,
          position: stepIndex + 1,
          kind: step.kind,
          title: step.title,
          minutes: step.minutes,
          required: step.required,
          learnersStarted: counts.byStep.get(step.id) ?? 0,
          problems,
        };
      }),
    };
  });

  return {
    id: course.id,
    slug: course.slug,
    programme: { id: course.programmeId, title: programmeTitle },
    title: course.title,
    level: course.level,
    summary: course.summary,
    whoFor: course.whoFor,
    outcomes: course.outcomes,
    prerequisites: course.prerequisites,
    listPriceExVatPence: course.listPriceExVatPence,
    priceIsIndicative: course.priceIsIndicative,
    accessMonths: course.accessMonths,
    cpdPoints: course.cpdPoints,
    status: course.status,
    publishedAt: course.publishedAt?.toISOString() ?? null,
    updatedAt: course.updatedAt.toISOString(),
    enrolmentCount,
    modules: treeModules,
    publishProblems,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** One course of any status with its modules and steps, for its editor. */
export async function getCourse(db: Db, actor: Actor, courseId: string): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return loadCourseTree(db, courseId);
}

async function assertProgrammeExists(tx: Tx, programmeId: string): Promise<void> {
  if (!(await repo.getProgramme(tx, programmeId))) {
    throw validationFailed("Select a programme from the list", [
      { field: "programmeId", message: "Select a programme from the list" },
    ]);
  }
}

/** Creates a draft course (not in the catalogue until published). Audited. */
export async function createCourse(
  db: Db,
  actor: Actor,
  input: CourseInput,
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    await assertProgrammeExists(tx, input.programmeId);
    const base = slugify(input.title, "course");
    const slug = freeSlug(base, await repo.courseSlugsLike(tx, base));
    const position = await repo.nextCoursePosition(tx, input.programmeId);
    const id = await creating("course", () =>
      repo.insertCourse(tx, {
        ...input,
        slug,
        accessMonths: ACCESS_MONTHS[input.level],
        status: "draft",
        position,
      }),
    );
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.course_created",
      subjectType: "course",
      subjectId: id,
      details: { title: input.title, level: input.level },
    });
    return loadCourseTree(tx, id);
  });
}

const COURSE_FIELDS = [
  "programmeId",
  "title",
  "level",
  "summary",
  "whoFor",
  "outcomes",
  "prerequisites",
  "listPriceExVatPence",
  "priceIsIndicative",
  "cpdPoints",
] as const;

/**
 * Changes a course's details. Wording, price and programme may change at any time; the level may not once learners
 * are enrolled, because it set their access window and decides how the course is accredited. Audited.
 */
export async function updateCourse(
  db: Db,
  actor: Actor,
  courseId: string,
  input: CourseInput,
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getCourse(tx, courseId, { lock: true });
    if (!found) throw notFound("The course");
    const before = found.course;
    await assertProgrammeExists(tx, input.programmeId);
    if (input.level !== before.level) {
      const enrolled = await repo.countEnrolments(tx, courseId);
      if (enrolled > 0) {
        throw conflict(
          `${learnersHave(enrolled)} enrolled on this course, so its level cannot change: it decides their access and how the course is accredited. Create a new course at the other level instead.`,
        );
      }
    }
    const changed = COURSE_FIELDS.filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(input[field]),
    );
    await repo.updateCourse(tx, courseId, { ...input, accessMonths: ACCESS_MONTHS[input.level] });
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.course_updated",
      subjectType: "course",
      subjectId: courseId,
      details: { changed },
    });
    return loadCourseTree(tx, courseId);
  });
}

/** How long certificates for a course stay valid (null: they never expire), for its editors. */
export async function getCertificateValidity(
  db: Db,
  actor: Actor,
  courseId: string,
): Promise<CertificateValidity> {
  assertCanAuthor(actor);
  const found = await repo.getCourse(db, courseId);
  if (!found) throw notFound("The course");
  return { certificateValidityMonths: found.course.certificateValidityMonths };
}

/**
 * Sets how long certificates for a course stay valid. Certificates copy their expiry when issued, so this changes
 * only those issued from now on. Audited like any change to a course's details.
 */
export async function setCertificateValidity(
  db: Db,
  actor: Actor,
  courseId: string,
  input: CertificateValidity,
  context: RequestContext,
): Promise<CertificateValidity> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getCourse(tx, courseId, { lock: true });
    if (!found) throw notFound("The course");
    const before = found.course.certificateValidityMonths;
    await repo.updateCourse(tx, courseId, { certificateValidityMonths: input.certificateValidityMonths });
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.course_updated",
      subjectType: "course",
      subjectId: courseId,
      details: {
        changed: before === input.certificateValidityMonths ? [] : ["certificateValidityMonths"],
        certificateValidityMonths: { before, after: input.certificateValidityMonths },
      },
    });
    return { certificateValidityMonths: input.certificateValidityMonths };
  });
}

/**
 * Moves a course to another status. Publishing needs a complete course; unpublishing and archiving take it out of
 * the catalogue while enrolled learners keep their access (docs/decisions/0009). Asking for the status a course
 * already has changes nothing. Audited.
 */
export async function setCourseStatus(
  db: Db,
  actor: Actor,
  courseId: string,
  target: CourseStatus,
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getCourse(tx, courseId, { lock: true });
    if (!found) throw notFound("The course");
    const from = found.course.status;
    if (from === target) return loadCourseTree(tx, courseId);
    if (target === "published") {
      const tree = await loadCourseTree(tx, courseId);
      if (tree.publishProblems.length > 0) {
        const details: ErrorDetail[] = tree.publishProblems.map((message) => ({ message }));
        throw new AppError(
          409,
          "course_incomplete",
          `This course is not ready to publish. ${tree.publishProblems[0]}${tree.publishProblems.length > 1 ? `, and ${tree.publishProblems.length - 1} more.` : "."}`,
          details,
        );
      }
    }
    await repo.updateCourse(tx, courseId, {
      status: target,
      ...(target === "published" ? { publishedAt: new Date() } : {}),
    });
    const action = { published: "published", draft: "unpublished", archived: "archived" }[target];
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: `authoring.course_${action}`,
      subjectType: "course",
      subjectId: courseId,
      details: { from, to: target },
    });
    return loadCourseTree(tx, courseId);
  });
}

/**
 * Deletes a course that nobody has enrolled on or holds licences for, and that is not in the catalogue. A course
 * with learners is archived instead, so their records are kept. Audited.
 */
export async function deleteCourse(
  db: Db,
  actor: Actor,
  courseId: string,
  context: RequestContext,
): Promise<void> {
  assertCanAuthor(actor);
  await db.transaction(async (tx) => {
    const found = await repo.getCourse(tx, courseId, { lock: true });
    if (!found) throw notFound("The course");
    const enrolled = await repo.countEnrolments(tx, courseId);
    if (enrolled > 0) {
      throw conflict(
        `${enrolled === 1 ? "1 learner is" : `${enrolled.toLocaleString("en-GB")} learners are`} enrolled on this course, so it cannot be deleted. Archive it instead: it leaves the catalogue and learners keep their records.`,
      );
    }
    const licences = await repo.countLicences(tx, courseId);
    if (licences > 0) {
      throw conflict(
        `Organisations hold ${licences === 1 ? "a licence" : `${licences} licences`} for this course, so it cannot be deleted. Archive it instead.`,
      );
    }
    if (found.course.status === "published") {
      throw conflict("This course is in the catalogue. Unpublish it before deleting it.");
    }
    await removing("this course", () => repo.deleteCourse(tx, courseId));
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.course_deleted",
      subjectType: "course",
      subjectId: courseId,
      details: { title: found.course.title, slug: found.course.slug },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Modules

/** Adds a module at the end of a course. Audited. */
export async function createModule(
  db: Db,
  actor: Actor,
  courseId: string,
  input: ModuleInput,
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    if (!(await repo.getCourse(tx, courseId, { lock: true }))) throw notFound("The course");
    const id = await repo.insertModule(tx, {
      courseId,
      ...input,
      position: await repo.nextModulePosition(tx, courseId),
    });
    await repo.touchCourse(tx, courseId);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.module_created",
      subjectType: "course_module",
      subjectId: id,
      details: { courseId, title: input.title },
    });
    return loadCourseTree(tx, courseId);
  });
}

/** Renames a module or changes its summary (always allowed: wording only). Audited. */
export async function updateModule(
  db: Db,
  actor: Actor,
  moduleId: string,
  input: ModuleInput,
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getModule(tx, moduleId, { lock: true });
    if (!found) throw notFound("The module");
    await repo.updateModule(tx, moduleId, input);
    await repo.touchCourse(tx, found.module.courseId);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.module_updated",
      subjectType: "course_module",
      subjectId: moduleId,
      details: { courseId: found.module.courseId, title: input.title },
    });
    return loadCourseTree(tx, found.module.courseId);
  });
}

/**
 * Removes a module and its steps, unless any learner has started one of them (docs/decisions/0009) or it holds the
 * last steps of a published course. Audited.
 */
export async function deleteModule(
  db: Db,
  actor: Actor,
  moduleId: string,
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getModule(tx, moduleId, { lock: true });
    if (!found) throw notFound("The module");
    const { module, courseStatus } = found;
    await repo.lockStepsOfModule(tx, moduleId);
    const steps = await repo.listStepsForModule(tx, moduleId);
    const started = await repo.countLearnersOnSteps(
      tx,
      steps.map((s) => s.id),
    );
    if (started > 0) {
      throw conflict(
        `${learnersHave(started)} started this module, so it cannot be removed. Hide its steps by making them optional, or change their wording instead.`,
      );
    }
    if (
      courseStatus === "published" &&
      steps.length > 0 &&
      (await repo.countStepsOutsideModule(tx, module.courseId, moduleId)) === 0
    ) {
      throw conflict(
        "This module holds every step of a published course, so it cannot be removed. Add steps to another module first, or unpublish the course.",
      );
    }
    await removing("this module", () => repo.deleteModule(tx, moduleId));
    const remaining = await repo.listModules(tx, module.courseId);
    await repo.setModulePositions(
      tx,
      remaining.map((m) => m.id),
    );
    await repo.touchCourse(tx, module.courseId);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.module_deleted",
      subjectType: "course_module",
      subjectId: moduleId,
      details: { courseId: module.courseId, title: module.title, steps: steps.length },
    });
    return loadCourseTree(tx, module.courseId);
  });
}

/** Puts a course's modules in a new order (always allowed). Audited. */
export async function reorderModules(
  db: Db,
  actor: Actor,
  courseId: string,
  ids: readonly string[],
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    if (!(await repo.getCourse(tx, courseId, { lock: true }))) throw notFound("The course");
    const current = await repo.listModules(tx, courseId);
    assertSameSet(
      ids,
      current.map((m) => m.id),
      "modules",
    );
    await repo.setModulePositions(tx, ids);
    await repo.touchCourse(tx, courseId);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.modules_reordered",
      subjectType: "course",
      subjectId: courseId,
      details: { order: ids },
    });
    return loadCourseTree(tx, courseId);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

/** A step with everything its editor needs. */
async function loadStep(tx: Tx, stepId: string): Promise<AuthoringStep> {
  const found = await repo.getStep(tx, stepId);
  if (!found) throw notFound("The step");
  const { step, module, course } = found;
  const [questions, started, answered, files, siblings, modules, scormPackage] = await Promise.all([
    step.kind === "quiz" ? repo.listQuestions(tx, [step.id]) : Promise.resolve([]),
    repo.countLearnersOnSteps(tx, [step.id]),
    step.kind === "quiz" ? repo.countLearnersAnswered(tx, step.id) : Promise.resolve(0),
    step.fileId ? describeFiles(tx, [step.fileId]) : Promise.resolve(new Map<string, StoredFile>()),
    repo.listStepsForModule(tx, module.id),
    repo.listModules(tx, course.id),
    step.scormPackageId ? describePackage(tx, step.scormPackageId) : Promise.resolve(null),
  ]);
  return {
    id: step.id,
    course,
    module: {
      id: module.id,
      position: modules.findIndex((m) => m.id === module.id) + 1,
      title: module.title,
    },
    position: siblings.findIndex((s) => s.id === step.id) + 1,
    kind: step.kind,
    title: step.title,
    body: step.body,
    minutes: step.minutes,
    required: step.required,
    videoUrl: step.videoUrl,
    file: step.fileId ? (files.get(step.fileId) ?? null) : null,
    passMarkPercent: step.passMarkPercent,
    maxAttempts: step.maxAttempts,
    isFinal: step.isFinal,
    questions: questions.map((q, qIndex) => ({
      id: q.id,
      position: qIndex + 1,
      kind: q.kind,
      prompt: q.prompt,
      options: q.options.map((o, oIndex) => ({
        id: o.id,
        position: oIndex + 1,
        text: o.text,
        correct: o.correct,
        feedback: o.feedback,
      })),
    })),
    learnersStarted: started,
    learnersAnswered: answered,
    scormPackage,
    updatedAt: step.updatedAt.toISOString(),
  };
}

/** One step for its editor. */
export async function getStep(db: Db, actor: Actor, stepId: string): Promise<AuthoringStep> {
  assertCanAuthor(actor);
  return loadStep(db, stepId);
}

/** Adds a step at the end of a module (quizzes start with an 80% pass mark). Audited. */
export async function createStep(
  db: Db,
  actor: Actor,
  moduleId: string,
  input: StepCreateInput,
  context: RequestContext,
): Promise<AuthoringStep> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getModule(tx, moduleId, { lock: true });
    if (!found) throw notFound("The module");
    const id = await repo.insertStep(tx, {
      moduleId,
      kind: input.kind,
      title: input.title,
      position: await repo.nextStepPosition(tx, moduleId),
      passMarkPercent: input.kind === "quiz" ? 80 : null,
    });
    await repo.touchCourse(tx, found.module.courseId);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.step_created",
      subjectType: "course_step",
      subjectId: id,
      details: { courseId: found.module.courseId, moduleId, kind: input.kind, title: input.title },
    });
    return loadStep(tx, id);
  });
}

/** The fields a kind of step may not have, with the message for each. */
function irrelevantFields(input: StepUpdateInput, kind: repo.StepRow["kind"]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const say = (field: string, message: string) => problems.push({ field, message });
  if (kind !== "video" && input.videoUrl !== null) say("videoUrl", "Only video steps have a video address");
  if (kind !== "video" && kind !== "download" && input.fileId !== null) {
    say("fileId", "Only video and download steps have a file");
  }
  if (kind !== "quiz") {
    if (input.passMarkPercent !== null) say("passMarkPercent", "Only quizzes have a pass mark");
    if (input.maxAttempts !== null) say("maxAttempts", "Only quizzes have an attempts limit");
    if (input.isFinal) say("isFinal", "Only a quiz can be the course's final assessment");
    if (input.questions !== undefined) say("questions", "Only quizzes have questions");
  } else if (input.passMarkPercent === null) {
    say("passMarkPercent", "Enter the pass mark as a percentage, like 80");
  }
  if (kind !== "scorm" && input.scormPackageId) {
    say("scormPackageId", "Only SCORM steps have a SCORM package");
  }
  if (kind === "video" && input.videoUrl !== null && input.fileId !== null) {
    say("videoUrl", "Give the video's web address or upload a video, not both");
  }
  return problems;
}

/** Checks the file a step names exists and suits the step (a video step needs a video). */
async function assertFileFits(tx: Tx, input: StepUpdateInput, kind: repo.StepRow["kind"]): Promise<void> {
  if (!input.fileId) return;
  const file = (await describeFiles(tx, [input.fileId])).get(input.fileId);
  if (!file) {
    throw validationFailed("The file could not be found. Upload it again.", [
      { field: "fileId", message: "The file could not be found. Upload it again." },
    ]);
  }
  if (kind === "video" && !file.contentType.startsWith("video/")) {
    const message = `"${file.filename}" is not a video. Upload an MP4 or WebM video.`;
    throw validationFailed(message, [{ field: "fileId", message }]);
  }
}

/** Checks the package a SCORM step is given exists (any version: an editor may go back to an earlier one). */
async function assertPackageExists(tx: Tx, input: StepUpdateInput): Promise<void> {
  if (!input.scormPackageId) return;
  if (!(await describePackage(tx, input.scormPackageId))) {
    const message = "The SCORM package could not be found. Upload it again.";
    throw validationFailed(message, [{ field: "scormPackageId", message }]);
  }
}

/**
 * Checks a quiz's new questions against the old: ids must be this quiz's own, and once any learner has answered it,
 * no question or option may be removed, no question may switch between single and multiple choice, and no option's
 * correctness may change (a new correct option on an old question counts as a change). Throws 400 or 409.
 */
function checkQuizEdit(
  existing: Awaited<ReturnType<typeof repo.listQuestions>>,
  questions: readonly QuizQuestionInput[],
  answered: number,
): void {
  const byId = new Map(existing.map((q) => [q.id, q]));
  const seenQuestions = new Set<string>();
  const seenOptions = new Set<string>();
  const bad: ErrorDetail[] = [];
  for (const [qIndex, question] of questions.entries()) {
    if (!question.id) continue;
    const old = byId.get(question.id);
    if (!old || seenQuestions.has(question.id)) {
      bad.push({
        field: `questions.${qIndex}.id`,
        message: `Question ${qIndex + 1} is not one of this quiz's questions. Reload the page and try again.`,
      });
      continue;
    }
    seenQuestions.add(question.id);
    const oldOptions = new Set(old.options.map((o) => o.id));
    for (const [oIndex, option] of question.options.entries()) {
      if (option.id && (!oldOptions.has(option.id) || seenOptions.has(option.id))) {
        bad.push({
          field: `questions.${qIndex}.options.${oIndex}.id`,
          message: `Answer ${oIndex + 1} of question ${qIndex + 1} is not one of that question's answers. Reload the page and try again.`,
        });
      }
      if (option.id) seenOptions.add(option.id);
    }
  }
  if (bad.length > 0) {
    throw validationFailed(
      bad.length === 1
        ? (bad[0]?.message ?? "")
        : "The quiz has changed since you opened it. Reload the page and try again.",
      bad,
    );
  }
  if (answered === 0) return;

  const who = `${learnersHave(answered)} answered this quiz`;
  const removed = existing.filter((q) => !seenQuestions.has(q.id));
  if (removed.length > 0) {
    throw conflict(
      `${who}, so its questions cannot be removed. Change a question's wording instead, or add new questions.`,
    );
  }
  for (const [qIndex, question] of questions.entries()) {
    const old = question.id ? byId.get(question.id) : undefined;
    if (!old) continue;
    const label = `question ${qIndex + 1}`;
    if (old.kind !== question.kind) {
      throw conflict(
        `${who}, so ${label} cannot change between one and several correct answers. Add a new question instead.`,
      );
    }
    const kept = new Set(question.options.flatMap((o) => (o.id ? [o.id] : [])));
    if (old.options.some((o) => !kept.has(o.id))) {
      throw conflict(
        `${who}, so answers cannot be removed from ${label}. Change an answer's wording instead.`,
      );
    }
    for (const option of question.options) {
      const before = option.id ? old.options.find((o) => o.id === option.id) : undefined;
      if ((before && before.correct !== option.correct) || (!before && option.correct)) {
        throw conflict(
          `${who}, so which answers to ${label} are correct cannot change. Change the wording or feedback instead, or add a new question.`,
        );
      }
    }
  }
}

/** Writes a quiz's questions and options, editing in place so learners' answers (by id) keep their meaning. */
async function saveQuestions(
  tx: Tx,
  stepId: string,
  existing: Awaited<ReturnType<typeof repo.listQuestions>>,
  questions: readonly QuizQuestionInput[],
): Promise<void> {
  const keptQuestionIds = new Set(questions.flatMap((q) => (q.id ? [q.id] : [])));
  await repo.deleteQuestions(
    tx,
    existing.filter((q) => !keptQuestionIds.has(q.id)).map((q) => q.id),
  );
  for (const [qIndex, question] of questions.entries()) {
    const values = { position: qIndex + 1, kind: question.kind, prompt: question.prompt };
    let questionId: string;
    if (question.id) {
      questionId = question.id;
      await repo.updateQuestion(tx, questionId, values);
      const old = existing.find((q) => q.id === questionId);
      const keptOptionIds = new Set(question.options.flatMap((o) => (o.id ? [o.id] : [])));
      await repo.deleteOptions(
        tx,
        (old?.options ?? []).filter((o) => !keptOptionIds.has(o.id)).map((o) => o.id),
      );
    } else {
      questionId = await repo.insertQuestion(tx, { stepId, ...values });
    }
    const inserts: Array<Parameters<typeof repo.insertOptions>[1][number]> = [];
    for (const [oIndex, option] of question.options.entries()) {
      const optionValues = {
        position: oIndex + 1,
        text: option.text,
        correct: option.correct,
        feedback: option.feedback,
      };
      if (option.id) await repo.updateOption(tx, option.id, optionValues);
      else inserts.push({ questionId, ...optionValues });
    }
    await repo.insertOptions(tx, inserts);
  }
}

/** The columns a step's save may change, for the audit record's list of what changed. */
const STEP_FIELDS = [
  "title",
  "body",
  "minutes",
  "required",
  "videoUrl",
  "fileId",
  "passMarkPercent",
  "maxAttempts",
  "isFinal",
  "scormPackageId",
] as const;

/**
 * Saves a whole step. Wording, time, whether it is required, files and quiz settings may always change; once
 * learners have answered a quiz its questions and answers may only be reworded or added to (docs/decisions/0009).
 * A step of a published course must stay ready for learners. Audited.
 */
export async function updateStep(
  db: Db,
  actor: Actor,
  stepId: string,
  input: StepUpdateInput,
  context: RequestContext,
): Promise<AuthoringStep> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getStep(tx, stepId, { lock: true });
    if (!found) throw notFound("The step");
    const { step, course } = found;
    const problems = irrelevantFields(input, step.kind);
    if (problems.length > 0) {
      throw validationFailed(
        problems.length === 1 ? (problems[0]?.message ?? "") : "There is a problem with the step.",
        problems,
      );
    }
    await assertFileFits(tx, input, step.kind);
    await assertPackageExists(tx, input);
    if (input.isFinal) {
      const other = await repo.findOtherFinalQuiz(tx, course.id, stepId);
      if (other) {
        const message = `"${other.title}" is already this course's final assessment. Untick it there first.`;
        throw validationFailed(message, [{ field: "isFinal", message }]);
      }
    }

    let questionCount = 0;
    let changedQuestions = false;
    if (step.kind === "quiz") {
      const existing = await repo.listQuestions(tx, [stepId]);
      questionCount = existing.length;
      if (input.questions !== undefined) {
        const answered = await repo.countLearnersAnswered(tx, stepId);
        checkQuizEdit(existing, input.questions, answered);
        await saveQuestions(tx, stepId, existing, input.questions);
        questionCount = input.questions.length;
        changedQuestions = true;
      }
    }

    const values = {
      title: input.title,
      body: input.body,
      minutes: input.minutes,
      required: input.required,
      videoUrl: input.videoUrl,
      fileId: input.fileId,
      passMarkPercent: input.passMarkPercent,
      maxAttempts: input.maxAttempts,
      isFinal: input.isFinal,
      // Left out: unchanged. A new package leaves learners' attempts on the one they were made on.
      scormPackageId: input.scormPackageId === undefined ? step.scormPackageId : input.scormPackageId,
    };
    if (course.status === "published") {
      const after = stepProblems({ ...step, ...values }, questionCount);
      if (after.length > 0) {
        throw conflict(
          `This course is published, so the step must stay ready for learners: ${lowerFirst(after.join("; "))}. Unpublish the course first if it needs more work.`,
        );
      }
    }
    const changed = STEP_FIELDS.filter((key) => step[key] !== values[key]);
    await repo.updateStep(tx, stepId, values);
    await repo.touchCourse(tx, course.id);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.step_updated",
      subjectType: "course_step",
      subjectId: stepId,
      details: { courseId: course.id, changed: changedQuestions ? [...changed, "questions"] : changed },
    });
    return loadStep(tx, stepId);
  });
}

/**
 * Removes a step unless a learner has started it (docs/decisions/0009) or it is the last step of a published
 * course. Audited.
 */
export async function deleteStep(
  db: Db,
  actor: Actor,
  stepId: string,
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getStep(tx, stepId, { lock: true });
    if (!found) throw notFound("The step");
    const { step, course } = found;
    const started = await repo.countLearnersOnSteps(tx, [stepId]);
    if (started > 0) {
      throw conflict(
        `${learnersHave(started)} started this step, so it cannot be removed. Hide it by making it optional, or change its wording instead.`,
      );
    }
    if (course.status === "published") {
      const siblings = await repo.listStepsForModule(tx, step.moduleId);
      const elsewhere = await repo.countStepsOutsideModule(tx, course.id, step.moduleId);
      if (siblings.length === 1 && elsewhere === 0) {
        throw conflict(
          "This is the only step of a published course, so it cannot be removed. Add another step first, or unpublish the course.",
        );
      }
    }
    await removing("this step", () => repo.deleteStep(tx, stepId));
    const remaining = await repo.listStepsForModule(tx, step.moduleId);
    await repo.setStepPositions(
      tx,
      remaining.map((s) => s.id),
    );
    await repo.touchCourse(tx, course.id);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.step_deleted",
      subjectType: "course_step",
      subjectId: stepId,
      details: { courseId: course.id, moduleId: step.moduleId, kind: step.kind, title: step.title },
    });
    return loadCourseTree(tx, course.id);
  });
}

/** Puts a module's steps in a new order (always allowed). Audited. */
export async function reorderSteps(
  db: Db,
  actor: Actor,
  moduleId: string,
  ids: readonly string[],
  context: RequestContext,
): Promise<AuthoringCourse> {
  assertCanAuthor(actor);
  return db.transaction(async (tx) => {
    const found = await repo.getModule(tx, moduleId, { lock: true });
    if (!found) throw notFound("The module");
    const current = await repo.listStepsForModule(tx, moduleId);
    assertSameSet(
      ids,
      current.map((s) => s.id),
      "steps",
    );
    await repo.setStepPositions(tx, ids);
    await repo.touchCourse(tx, found.module.courseId);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "authoring.steps_reordered",
      subjectType: "course_module",
      subjectId: moduleId,
      details: { courseId: found.module.courseId, order: ids },
    });
    return loadCourseTree(tx, found.module.courseId);
  });
}

/** Markdown as learners will see it: the same sanitised renderer, so the preview never differs from the page. */
export function previewMarkdown(actor: Actor, markdown: string): { html: string } {
  assertCanAuthor(actor);
  return { html: renderMarkdown(markdown) };
}
