import type { Actor } from "../../platform/auth.js";
import { forbidden, notFound } from "../../platform/errors.js";

function isPlatformAdmin(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "platform_admin");
}

/** Searching, revoking and reissuing certificates, and awarding body claims: platform administrators only. */
export function assertCertificateAdmin(actor: Actor): void {
  if (!isPlatformAdmin(actor))
    throw forbidden("Only platform administrators can manage certificates and awarding body claims.");
}

/**
 * A certificate's PDF is for its holder and platform administrators. Anyone else's is answered as not found, so the
 * answer does not reveal that it exists. Returns whether the actor is reading someone else's (to be audited).
 */
export function assertCanDownload(actor: Actor, certificate: { userId: string } | null): boolean {
  if (certificate === null) throw notFound("The certificate");
  if (certificate.userId === actor.userId) return false;
  if (isPlatformAdmin(actor)) return true;
  throw notFound("The certificate");
}
