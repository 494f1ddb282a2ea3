import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";
import { holdsRole } from "./run-access.js";

/** Whether the actor may use the facilitator hub and schedule runs: facilitators and platform administrators. */
export function canSchedule(actor: Actor): boolean {
  return holdsRole(actor, "facilitator") || holdsRole(actor, "platform_admin");
}

/** Any facilitator or platform administrator may schedule a new run; only the run's own (or admins) change it. */
export function assertCanSchedule(actor: Actor): void {
  if (!canSchedule(actor)) {
    throw forbidden(
      "Only facilitators and platform administrators can schedule course runs. If you facilitate runs, ask a platform administrator for the facilitator role.",
    );
  }
}
