import { useQuery } from "@tanstack/react-query";
import { RunModerationQueueSchema } from "../../../../shared/moderation";
import { apiRequest } from "../../../lib/api-client";
import { moderationKeys } from "./moderation-keys";

/** GET /api/runs/:runId/moderation → the run's reported and hidden comments and suspended members. */
export function useRunModeration(runId: string) {
  return useQuery({
    queryKey: moderationKeys.run(runId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/runs/${encodeURIComponent(runId)}/moderation`, {
        schema: RunModerationQueueSchema,
        signal,
      }),
  });
}
