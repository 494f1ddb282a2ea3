import { ErrorBodySchema } from "../../../../shared/errors";
import { ScormCommitErrorSchema, ScormCommitResultSchema } from "../../../../shared/scorm";
import type { CommitTransport, SendOutcome } from "../components/commit-queue";

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * POST …/scorm/attempts/:attemptId/commits {scoId, sequence, values, finished} → {applied, lastSequence}; the
 * commit queue's transport. A refused value (400 invalid_cmi) and answers that can never succeed (403, 404, 409
 * reset or read_only, other 4xx) are final; no answer, 401, 429 and 5xx are tried again later.
 */
export const sendCommit: CommitTransport = async (item, { keepalive }) => {
  let response: Response;
  try {
    response = await fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      keepalive,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(item.body),
    });
  } catch {
    return { kind: "retry", reason: "offline" };
  }
  const payload = await readJson(response);
  if (response.ok) {
    const result = ScormCommitResultSchema.safeParse(payload);
    if (result.success) return { kind: "applied", ...result.data };
    // A 2xx we cannot read (a captive portal's page, say) did not reach us: send it again.
    return { kind: "retry", reason: "server" };
  }
  if (response.status === 401) return { kind: "retry", reason: "signed_out" };
  if (response.status === 429 || response.status >= 500) return { kind: "retry", reason: "server" };
  const invalid = ScormCommitErrorSchema.safeParse(payload);
  if (invalid.success) {
    const { element, message, scormErrorCode } = invalid.data;
    return { kind: "invalid", element, message, scormErrorCode };
  }
  const error = ErrorBodySchema.safeParse(payload);
  const outcome: SendOutcome = error.success
    ? { kind: "refused", error: error.data.error, message: error.data.message }
    : { kind: "refused", error: "refused", message: `The server refused the commit (${response.status}).` };
  return outcome;
};
