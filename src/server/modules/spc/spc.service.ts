import { analyseSpc, SpcInputError } from "../../../shared/spc/engine.js";
import type { SpcInput, SpcResult } from "../../../shared/spc/types.js";
import type { RateLimitConfig } from "../../platform/config.js";
import type { Db } from "../../platform/db.js";
import { AppError } from "../../platform/errors.js";
import { throttle } from "../../platform/rate-limit.js";

/**
 * Analyses per IP address: 60 a minute lets a person at a form or a small tool work freely while keeping scripts
 * from turning the public engine into a free compute service. No slow-down first: a tool should see 429 at once.
 */
export const SPC_ANALYSE_RATE_LIMIT: RateLimitConfig = {
  windowSeconds: 60,
  softLimit: 60,
  hardLimit: 60,
  slowDownMs: 0,
};

/** The public SPC engine: a per-IP rate limit, then the pure engine with its input problems as 422. */
export function createSpcService(deps: { db: Db }) {
  return {
    /** Counts a request against the caller's IP address; 429 with Retry-After past the limit. */
    async countRequest(ipAddress: string): Promise<void> {
      await throttle(deps.db, [{ key: `spc-analyse:${ipAddress}`, limit: SPC_ANALYSE_RATE_LIMIT }]);
    },

    /** Analyses a series for anyone; the engine's input problems become 422 with one detail per field. */
    analyse(input: SpcInput): SpcResult {
      try {
        return analyseSpc(input);
      } catch (error) {
        if (!(error instanceof SpcInputError)) throw error;
        const message =
          error.issues.length === 1
            ? error.message
            : `The series cannot be analysed: there are ${error.issues.length} problems, listed in details. The first: ${error.message}`;
        throw new AppError(422, "validation_failed", message, error.issues);
      }
    },
  };
}
