import { LEVEL_LABELS } from "../../../shared/catalogue.js";
import {
  type CriteriaTree,
  type CriterionInput,
  isPortfolioLevel,
  type OutcomeInput,
  type UnitInput,
} from "../../../shared/portfolios.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, fieldError, notFound } from "../../platform/errors.js";
import { assertCanEditCriteria } from "./portfolios.policy.js";
import * as repo from "./portfolios.repository.js";

type CourseRow = NonNullable<Awaited<ReturnType<typeof repo.getCourse>>>;

/** "1 learner has" / "3 learners have". */
function learnersHave(n: number): string {
  return n === 1 ? "1 learner has" : `${n} learners have`;
}

/** The 422 for a course that is not assessed by portfolio. */
function notAssessedByPortfolio(course: CourseRow): AppError {
  return new AppError(
    422,
    "not_assessed_by_portfolio",
    `"${course.title}" is a ${LEVEL_LABELS[course.level]} course, which is not assessed by portfolio. Only Practitioner, Facilitator and Programme Manager courses have assessment criteria.`,
  );
}

/** The course, checked to be one assessed by portfolio; `lock` serialises changes to its criteria. */
async function portfolioCourse(tx: Tx, courseId: string, lock = false): Promise<CourseRow> {
  const course = await repo.getCourse(tx, courseId, { lock });
  if (!course) throw notFound("The course");
  if (!isPortfolioLevel(course.level)) throw notAssessedByPortfolio(course);
  return course;
}

/** A unit and its course, the course locked, the unit read again under the lock (it may have just been deleted). */
async function lockedUnit(tx: Tx, unitId: string) {
  const first = await repo.getUnit(tx, unitId);
  if (!first) throw notFound("The unit");
  const course = await portfolioCourse(tx, first.courseId, true);
  const unit = await repo.getUnit(tx, unitId);
  if (!unit) throw notFound("The unit");
  return { unit, course };
}

/** A learning outcome and its course, locked as lockedUnit does. */
async function lockedOutcome(tx: Tx, outcomeId: string) {
  const first = await repo.getOutcome(tx, outcomeId);
  if (!first) throw notFound("The learning outcome");
  const course = await portfolioCourse(tx, first.courseId, true);
  const found = await repo.getOutcome(tx, outcomeId);
  if (!found) throw notFound("The learning outcome");
  return { outcome: found.outcome, course };
}

/** A criterion and its course, locked as lockedUnit does. */
async function lockedCriterion(tx: Tx, criterionId: string) {
  const first = await repo.getCriterion(tx, criterionId);
  if (!first) throw notFound("The criterion");
  const course = await portfolioCourse(tx, first.courseId, true);
  const found = await repo.getCriterion(tx, criterionId);
  if (!found) throw notFound("The criterion");
  return { criterion: found.criterion, course };
}

/** Checks `ids` is exactly the current list, in any order; otherwise the page is out of date. */
function assertSameSet(ids: readonly string[], current: readonly string[], what: string): void {
  const given = new Set(ids);
  if (given.size !== ids.length || ids.length !== current.length || current.some((id) => !given.has(id))) {
    throw conflict(`The ${what} have changed since you opened this page. Reload the page and try again.`);
  }
}

/** Builds a course's whole criteria tree, with how many learners have evidence under each node. */
async function loadTree(tx: Tx, course: CourseRow): Promise<CriteriaTree> {
  const [units, outcomes, criteria, mapped] = await Promise.all([
    repo.listUnits(tx, course.id),
    repo.listOutcomes(tx, course.id),
    repo.listCriteria(tx, course.id),
    repo.listMappedPortfolios(tx, course.id),
  ]);
  const portfoliosByCriterion = new Map<string, Set<string>>();
  for (const { criterionId, portfolioId } of mapped) {
    const set = portfoliosByCriterion.get(criterionId) ?? new Set<string>();
    set.add(portfolioId);
    portfoliosByCriterion.set(criterionId, set);
  }
  const union = (criterionIds: string[]) =>
    new Set(criterionIds.flatMap((id) => [...(portfoliosByCriterion.get(id) ?? [])])).size;
  const criteriaOf = (outcomeId: string) => criteria.filter((c) => c.outcomeId === outcomeId);
  return {
    course: {
      id: course.id,
      title: course.title,
      level: course.level,
      programmeTitle: course.programmeTitle,
    },
    criteriaCount: criteria.length,
    units: units.map((unit, unitIndex) => {
      const unitOutcomes = outcomes.filter((o) => o.unitId === unit.id);
      return {
        id: unit.id,
        position: unitIndex + 1,
        title: unit.title,
        summary: unit.summary,
        learnersWithEvidence: union(unitOutcomes.flatMap((o) => criteriaOf(o.id).map((c) => c.id))),
        outcomes: unitOutcomes.map((outcome, outcomeIndex) => ({
          id: outcome.id,
          position: outcomeIndex + 1,
          title: outcome.title,
          learnersWithEvidence: union(criteriaOf(outcome.id).map((c) => c.id)),
          criteria: criteriaOf(outcome.id).map((criterion, criterionIndex) => ({
            id: criterion.id,
            position: criterionIndex + 1,
            code: criterion.code,
            statement: criterion.statement,
            learnerGuidance: criterion.learnerGuidance,
            assessorGuidance: criterion.assessorGuidance,
            learnersWithEvidence: portfoliosByCriterion.get(criterion.id)?.size ?? 0,
          })),
        })),
      };
    }),
  };
}

/** Refuses a reference another criterion of the course already uses (people find criteria by it). */
async function assertCodeFree(
  tx: Tx,
  courseId: string,
  code: string,
  exceptId: string | null,
): Promise<void> {
  const taken = (await repo.listCriteria(tx, courseId)).find((c) => c.code === code && c.id !== exceptId);
  if (taken) {
    throw fieldError(
      "code",
      `Another criterion of this course is already ${code}. Give each criterion its own reference.`,
    );
  }
}

/** A course's criteria tree for content editors and platform administrators. */
export async function getCriteriaTree(db: Db, actor: Actor, courseId: string): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return loadTree(db, await portfolioCourse(db, courseId));
}

/** Adds a unit at the end of a course's criteria. Audited. */
export async function createUnit(
  db: Db,
  actor: Actor,
  courseId: string,
  input: UnitInput,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const course = await portfolioCourse(tx, courseId, true);
    const id = await repo.insertUnit(tx, {
      courseId,
      position: await repo.nextUnitPosition(tx, courseId),
      title: input.title,
      summary: input.summary,
    });
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.unit_created",
      subjectType: "assessment_unit",
      subjectId: id,
      details: { courseId, title: input.title },
    });
    return loadTree(tx, course);
  });
}

/** Changes a unit's title and summary (always allowed: submitted versions keep their own copy). Audited. */
export async function updateUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  input: UnitInput,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { course } = await lockedUnit(tx, unitId);
    await repo.updateUnit(tx, unitId, input);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.unit_updated",
      subjectType: "assessment_unit",
      subjectId: unitId,
      details: { courseId: course.id, title: input.title },
    });
    return loadTree(tx, course);
  });
}

/** Removes a unit with its outcomes and criteria, unless learners have mapped evidence under it (409). Audited. */
export async function deleteUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { unit, course } = await lockedUnit(tx, unitId);
    const outcomes = (await repo.listOutcomes(tx, course.id)).filter((o) => o.unitId === unitId);
    const outcomeIds = new Set(outcomes.map((o) => o.id));
    const criterionIds = (await repo.listCriteria(tx, course.id))
      .filter((c) => outcomeIds.has(c.outcomeId))
      .map((c) => c.id);
    await repo.lockCriteria(tx, criterionIds);
    const mapped = await repo.countPortfoliosMappedTo(tx, criterionIds);
    if (mapped > 0) {
      throw conflict(
        `${learnersHave(mapped)} mapped evidence to criteria in this unit, so it cannot be deleted. Change its wording instead; submitted portfolios keep the wording they were assessed against.`,
      );
    }
    await repo.deleteUnit(tx, unitId);
    const remaining = await repo.listUnits(tx, course.id);
    await repo.setUnitPositions(
      tx,
      remaining.map((u) => u.id),
    );
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.unit_deleted",
      subjectType: "assessment_unit",
      subjectId: unitId,
      details: {
        courseId: course.id,
        title: unit.title,
        outcomes: outcomes.length,
        criteria: criterionIds.length,
      },
    });
    return loadTree(tx, course);
  });
}

/** Puts a course's units in a new order. Audited. */
export async function reorderUnits(
  db: Db,
  actor: Actor,
  courseId: string,
  ids: readonly string[],
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const course = await portfolioCourse(tx, courseId, true);
    const current = await repo.listUnits(tx, courseId);
    assertSameSet(
      ids,
      current.map((u) => u.id),
      "units",
    );
    await repo.setUnitPositions(tx, ids);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.units_reordered",
      subjectType: "course",
      subjectId: courseId,
      details: { order: ids },
    });
    return loadTree(tx, course);
  });
}

/** Adds a learning outcome at the end of a unit. Audited. */
export async function createOutcome(
  db: Db,
  actor: Actor,
  unitId: string,
  input: OutcomeInput,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { course } = await lockedUnit(tx, unitId);
    const id = await repo.insertOutcome(tx, {
      unitId,
      position: await repo.nextOutcomePosition(tx, unitId),
      title: input.title,
    });
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.outcome_created",
      subjectType: "learning_outcome",
      subjectId: id,
      details: { courseId: course.id, unitId, title: input.title },
    });
    return loadTree(tx, course);
  });
}

/** Changes a learning outcome's wording. Audited. */
export async function updateOutcome(
  db: Db,
  actor: Actor,
  outcomeId: string,
  input: OutcomeInput,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { course } = await lockedOutcome(tx, outcomeId);
    await repo.updateOutcome(tx, outcomeId, input);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.outcome_updated",
      subjectType: "learning_outcome",
      subjectId: outcomeId,
      details: { courseId: course.id, title: input.title },
    });
    return loadTree(tx, course);
  });
}

/** Removes a learning outcome and its criteria, unless learners have mapped evidence to them (409). Audited. */
export async function deleteOutcome(
  db: Db,
  actor: Actor,
  outcomeId: string,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { outcome, course } = await lockedOutcome(tx, outcomeId);
    const criterionIds = (await repo.listCriteria(tx, course.id))
      .filter((c) => c.outcomeId === outcomeId)
      .map((c) => c.id);
    await repo.lockCriteria(tx, criterionIds);
    const mapped = await repo.countPortfoliosMappedTo(tx, criterionIds);
    if (mapped > 0) {
      throw conflict(
        `${learnersHave(mapped)} mapped evidence to criteria under this learning outcome, so it cannot be deleted. Change its wording instead; submitted portfolios keep the wording they were assessed against.`,
      );
    }
    await repo.deleteOutcome(tx, outcomeId);
    const remaining = (await repo.listOutcomes(tx, course.id)).filter((o) => o.unitId === outcome.unitId);
    await repo.setOutcomePositions(
      tx,
      remaining.map((o) => o.id),
    );
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.outcome_deleted",
      subjectType: "learning_outcome",
      subjectId: outcomeId,
      details: { courseId: course.id, title: outcome.title, criteria: criterionIds.length },
    });
    return loadTree(tx, course);
  });
}

/** Puts a unit's learning outcomes in a new order. Audited. */
export async function reorderOutcomes(
  db: Db,
  actor: Actor,
  unitId: string,
  ids: readonly string[],
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { course } = await lockedUnit(tx, unitId);
    const current = (await repo.listOutcomes(tx, course.id)).filter((o) => o.unitId === unitId);
    assertSameSet(
      ids,
      current.map((o) => o.id),
      "learning outcomes",
    );
    await repo.setOutcomePositions(tx, ids);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.outcomes_reordered",
      subjectType: "assessment_unit",
      subjectId: unitId,
      details: { courseId: course.id, order: ids },
    });
    return loadTree(tx, course);
  });
}

/** Adds a criterion at the end of a learning outcome; its reference must be new to the course. Audited. */
export async function createCriterion(
  db: Db,
  actor: Actor,
  outcomeId: string,
  input: CriterionInput,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { course } = await lockedOutcome(tx, outcomeId);
    await assertCodeFree(tx, course.id, input.code, null);
    const id = await repo.insertCriterion(tx, {
      outcomeId,
      position: await repo.nextCriterionPosition(tx, outcomeId),
      ...input,
    });
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.criterion_created",
      subjectType: "assessment_criterion",
      subjectId: id,
      details: { courseId: course.id, outcomeId, code: input.code },
    });
    return loadTree(tx, course);
  });
}

/** Changes a criterion's reference, statement or guidance. Audited. */
export async function updateCriterion(
  db: Db,
  actor: Actor,
  criterionId: string,
  input: CriterionInput,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { course } = await lockedCriterion(tx, criterionId);
    await assertCodeFree(tx, course.id, input.code, criterionId);
    await repo.updateCriterion(tx, criterionId, input);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.criterion_updated",
      subjectType: "assessment_criterion",
      subjectId: criterionId,
      details: { courseId: course.id, code: input.code },
    });
    return loadTree(tx, course);
  });
}

/** Removes a criterion, unless learners have mapped evidence to it (409). Audited. */
export async function deleteCriterion(
  db: Db,
  actor: Actor,
  criterionId: string,
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { criterion, course } = await lockedCriterion(tx, criterionId);
    await repo.lockCriteria(tx, [criterionId]);
    const mapped = await repo.countPortfoliosMappedTo(tx, [criterionId]);
    if (mapped > 0) {
      throw conflict(
        `${learnersHave(mapped)} mapped evidence to criterion ${criterion.code}, so it cannot be deleted. Change its wording instead; submitted portfolios keep the wording they were assessed against.`,
      );
    }
    await repo.deleteCriterion(tx, criterionId);
    const remaining = (await repo.listCriteria(tx, course.id)).filter(
      (c) => c.outcomeId === criterion.outcomeId,
    );
    await repo.setCriterionPositions(
      tx,
      remaining.map((c) => c.id),
    );
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.criterion_deleted",
      subjectType: "assessment_criterion",
      subjectId: criterionId,
      details: { courseId: course.id, code: criterion.code, statement: criterion.statement },
    });
    return loadTree(tx, course);
  });
}

/** Puts a learning outcome's criteria in a new order. Audited. */
export async function reorderCriteria(
  db: Db,
  actor: Actor,
  outcomeId: string,
  ids: readonly string[],
  context: RequestContext,
): Promise<CriteriaTree> {
  assertCanEditCriteria(actor);
  return db.transaction(async (tx) => {
    const { course } = await lockedOutcome(tx, outcomeId);
    const current = (await repo.listCriteria(tx, course.id)).filter((c) => c.outcomeId === outcomeId);
    assertSameSet(
      ids,
      current.map((c) => c.id),
      "criteria",
    );
    await repo.setCriterionPositions(tx, ids);
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.criteria_reordered",
      subjectType: "learning_outcome",
      subjectId: outcomeId,
      details: { courseId: course.id, order: ids },
    });
    return loadTree(tx, course);
  });
}
