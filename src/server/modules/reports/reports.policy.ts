import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** Whose learners an actor may report on: every organisation (platform administrators) or some, with all below. */
export type ReportReach = { kind: "all" } | { kind: "organisations"; organisationIds: string[] };

/**
 * Reports are for platform administrators and learner administrators. `actor.roles` never holds a lapsed role (the
 * session check drops them), so a learner administrator whose access ended is refused on their very next request.
 */
export function reportReach(actor: Actor): ReportReach {
  if (actor.roles.some((r) => r.role === "platform_admin")) return { kind: "all" };
  const organisationIds = [
    ...new Set(
      actor.roles.flatMap((r) => (r.role === "learner_admin" && r.organisationId ? [r.organisationId] : [])),
    ),
  ];
  if (organisationIds.length === 0)
    throw forbidden(
      "Reports are for learner administrators. Apply for learner administrator access from your account page if you need to see your organisation's progress.",
    );
  return { kind: "organisations", organisationIds };
}

/**
 * An organisation is within reach when the actor may see everything, or one of the organisations they administer is
 * the organisation itself or above it. `lineage` is the organisation and every organisation above it.
 */
export function assertOrganisationInReach(reach: ReportReach, lineage: readonly string[]): void {
  if (reach.kind === "all") return;
  if (!lineage.some((id) => reach.organisationIds.includes(id)))
    throw forbidden(
      "You can only see reports for the organisations you are a learner administrator for, and those below them.",
    );
}
