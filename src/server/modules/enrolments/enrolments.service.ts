import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { CourseViewer, EnrolmentCreateInput, EnrolmentSummary } from "../../../shared/learning.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, notFound } from "../../platform/errors.js";
import { placeInCurrentRun } from "../community/runs.service.js";
import {
  accessExpiresAt,
  decideEnrolment,
  type EnrolmentDecision,
  LEARNER_TIME_ZONE,
} from "./enrolment.rules.js";
import * as repo from "./enrolments.repository.js";

/** Today's date in the UK, as licences are dated ("2026-11-24"). */
function ukToday(now: Date): string {
  return format(new TZDate(now, LEARNER_TIME_ZONE), "yyyy-MM-dd");
}

/** An enrolment is read-only once its window has ended, and while a deferral has it paused. */
export function isReadOnly(
  enrolment: Pick<repo.EnrolmentRow, "state" | "startsAt" | "expiresAt">,
  now: Date,
) {
  return (
    enrolment.state !== "active" ||
    enrolment.expiresAt.getTime() <= now.getTime() ||
    enrolment.startsAt.getTime() > now.getTime()
  );
}

/** The learner-facing summary of an enrolment. */
export function toSummary(
  enrolment: repo.EnrolmentRow,
  progressPercent: number,
  now: Date,
): EnrolmentSummary {
  return {
    id: enrolment.id,
    courseId: enrolment.courseId,
    state: enrolment.state,
    via: enrolment.via,
    startsAt: enrolment.startsAt.toISOString(),
    expiresAt: enrolment.expiresAt.toISOString(),
    completedAt: enrolment.completedAt?.toISOString() ?? null,
    readOnly: isReadOnly(enrolment, now),
    progressPercent,
  };
}

/** Progress through the course's required steps, in whole per cent (a course with no steps is at 0). */
export function percentOf(done: number, total: number): number {
  return total === 0 ? 0 : Math.floor((done * 100) / total);
}

async function summarise(tx: Tx, enrolment: repo.EnrolmentRow, now: Date) {
  const { done, total } = await repo.countRequiredSteps(tx, enrolment.id);
  return toSummary(enrolment, percentOf(done, total), now);
}

type Course = NonNullable<Awaited<ReturnType<typeof repo.getEnrollableCourse>>>;

/** Works out whether the actor may enrol now and through which entitlement (no writes; `lock` on the real run). */
async function decide(
  tx: Tx,
  actor: Actor,
  course: Course,
  declarationGiven: boolean,
  now: Date,
  lock: boolean,
): Promise<{ decision: EnrolmentDecision; grantId: string | null; licenceId: string | null }> {
  if (course.stepCount === 0) {
    return {
      decision: {
        allowed: false,
        error: "not_available",
        message:
          "The lessons for this course are not published yet, so you cannot enrol. Your access would start on the day you enrol, so wait until they are.",
      },
      grantId: null,
      licenceId: null,
    };
  }
  const grant = await repo.findLiveGrant(tx, actor.userId, course.id);
  const organisationId = actor.account.organisation?.id ?? null;
  const licence =
    !grant && organisationId
      ? await repo.findLicenceWithFreeSeat(tx, organisationId, course.id, ukToday(now), lock)
      : null;
  const decision = decideEnrolment({
    level: course.level,
    listPriceExVatPence: course.listPriceExVatPence,
    sector: actor.account.sector,
    emailVerified: actor.emailVerified,
    hasAdminGrant: grant !== null,
    licenceSeatAvailable: licence !== null,
    declarationGiven,
  });
  return { decision, grantId: grant?.id ?? null, licenceId: licence?.id ?? null };
}

/** Whether the learner has started an accredited course: from then on their certificate name is frozen. */
export function hasStartedAccreditedCourse(tx: Tx, userId: string): Promise<boolean> {
  return repo.hasAccreditedEnrolment(tx, userId);
}

/** The enrolment service: enrol, and a learner's standing on a course. */
export function createEnrolmentsService(deps: { db: Db; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  return {
    /**
     * Enrols the actor when eligible and entitled. Enrolling again returns the existing enrolment unchanged. Refusals
     * are 403 with a code and a message saying what to do.
     */
    async enrol(actor: Actor, input: EnrolmentCreateInput) {
      const now = clock();
      return deps.db.transaction(async (tx) => {
        const course = await repo.getEnrollableCourse(tx, input.courseId);
        if (!course) throw notFound("The course");
        const existing = await repo.findForUserAndCourse(tx, actor.userId, course.id);
        if (existing) return { enrolment: await summarise(tx, existing, now), created: false };
        const { decision, grantId, licenceId } = await decide(
          tx,
          actor,
          course,
          input.declaration === true,
          now,
          true,
        );
        if (!decision.allowed) throw new AppError(403, decision.error, decision.message);
        const inserted = await repo.insertEnrolment(tx, {
          userId: actor.userId,
          courseId: course.id,
          via: decision.via,
          priceExVatPence: decision.priceExVatPence,
          grantId: decision.via === "grant" ? grantId : null,
          licenceId: decision.via === "licence" ? licenceId : null,
          declaredAt: course.level === "accredited_introduction" ? now : null,
          startsAt: now,
          expiresAt: accessExpiresAt(now, course.level),
          lastActivityAt: now,
        });
        if (inserted) {
          if (course.level === "mini_course") {
            await placeInCurrentRun(tx, {
              userId: actor.userId,
              courseId: course.id,
              enrolmentId: inserted.id,
              now,
            });
          }
          return { enrolment: toSummary(inserted, 0, now), created: true };
        }
        // Another request enrolled this learner a moment ago: that enrolment stands.
        const raced = await repo.findForUserAndCourse(tx, actor.userId, course.id);
        if (!raced) throw new Error("enrolment vanished after a unique-key conflict");
        return { enrolment: await summarise(tx, raced, now), created: false };
      });
    },

    /** The actor's standing on a published course: their enrolment, or whether they could enrol and why not. */
    async standing(actor: Actor, courseId: string): Promise<CourseViewer> {
      const now = clock();
      const tx = deps.db;
      const course = await repo.getEnrollableCourse(tx, courseId);
      if (!course) throw notFound("The course");
      const existing = await repo.findForUserAndCourse(tx, actor.userId, course.id);
      const needsDeclaration = course.level === "accredited_introduction";
      if (existing) {
        return {
          enrolment: await summarise(tx, existing, now),
          canEnrol: false,
          needsDeclaration: false,
          refusal: null,
          entitlement: existing.via,
        };
      }
      const { decision } = await decide(tx, actor, course, true, now, false);
      return {
        enrolment: null,
        canEnrol: decision.allowed,
        needsDeclaration,
        refusal: decision.allowed ? null : { error: decision.error, message: decision.message },
        entitlement: decision.allowed ? decision.via : null,
      };
    },
  };
}

/** The enrolments service's type. */
export type EnrolmentsService = ReturnType<typeof createEnrolmentsService>;
