import { type RunPhase, runAcceptsPosts, runIsReadable, runPhase } from "../../../shared/runs.js";
import type { Actor } from "../../platform/auth.js";
import type { Tx } from "../../platform/db.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { getRunStanding, type RunStanding } from "./run-access.repository.js";

/**
 * Where the actor stands in a run, and what that lets them do. Every community feature (discussions, the board,
 * moderation, announcements, engagement) decides through this one object, so the rules cannot drift apart.
 */
export interface RunAccess extends RunStanding {
  phase: RunPhase;
  isAdmin: boolean;
  /** Read the run's discussions: members while the run is readable; its facilitators and administrators always. */
  canRead: boolean;
  /** Post, reply, like and report: members who are not suspended, while the run accepts posts. */
  canPost: boolean;
  /** Highlight, pin, moderate, announce, see analytics: the run's facilitators and platform administrators. */
  canFacilitate: boolean;
}

/** Whether the actor holds a platform-wide role. */
export function holdsRole(actor: Actor, role: "platform_admin" | "facilitator"): boolean {
  return actor.roles.some((r) => r.role === role);
}

/** Works out the actor's access from their standing; pure, so it is unit-testable. */
export function decideRunAccess(standing: RunStanding, actor: Actor, now: Date): RunAccess {
  const phase = runPhase(standing.run, now);
  const isAdmin = holdsRole(actor, "platform_admin");
  const canFacilitate = isAdmin || standing.isFacilitator;
  const canRead = canFacilitate || (standing.isMember && runIsReadable(phase));
  const canPost =
    (standing.isMember && standing.suspendedAt === null && runAcceptsPosts(phase)) ||
    (standing.isFacilitator && phase !== "ended");
  return { ...standing, phase, isAdmin, canRead, canPost, canFacilitate };
}

/** Loads the actor's access to a run; 404 when there is no such run. */
export async function loadRunAccess(
  db: Tx,
  runId: string,
  actor: Actor,
  now = new Date(),
): Promise<RunAccess> {
  const standing = await getRunStanding(db, runId, actor.userId);
  if (!standing) throw notFound("The course run");
  return decideRunAccess(standing, actor, now);
}

/** Refuses, with the reason a person can act on, unless the actor may read the run's discussions. */
export function assertCanRead(access: RunAccess): void {
  if (access.canRead) return;
  if (!access.isMember) {
    throw forbidden(
      "You are not in this course run. Join the run from the course page to see its discussions.",
    );
  }
  throw forbidden(
    access.phase === "upcoming"
      ? "This course run has not opened yet. Its discussions open on the run's start date."
      : "This course run has ended and its discussions are no longer available.",
  );
}

/** Refuses, with the reason, unless the actor may post in the run now. */
export function assertCanPost(access: RunAccess): void {
  if (access.canPost) return;
  if (!access.isMember && !access.isFacilitator) {
    throw forbidden("You are not in this course run. Join the run from the course page to take part.");
  }
  if (access.suspendedAt !== null) {
    throw forbidden(
      "A facilitator has suspended you from posting in this course run. You can still read the discussions.",
    );
  }
  if (access.phase === "upcoming")
    throw forbidden("This course run has not opened yet, so you cannot post in it.");
  throw forbidden("This course run is closed for new comments. You can still read the discussions.");
}

/** Refuses unless the actor facilitates the run or is a platform administrator. */
export function assertCanFacilitate(access: RunAccess): void {
  if (!access.canFacilitate) {
    throw forbidden("Only this run's facilitators and platform administrators can do this.");
  }
}
