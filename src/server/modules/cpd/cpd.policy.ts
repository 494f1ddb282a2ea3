import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/**
 * Another person's CPD record or transcript is for platform administrators only, to help a learner who cannot get
 * theirs (each download is audited). Learner administrators see progress in reports, not people's CPD.
 */
export function assertCanDownloadOthersRecords(actor: Actor): void {
  if (!actor.roles.some((r) => r.role === "platform_admin"))
    throw forbidden(
      "Only platform administrators can download another person's CPD record or transcript. You can download your own from your CPD record page.",
    );
}
