import { useQuery } from "@tanstack/react-query";
import { StepCommentCountsSchema } from "../../../../shared/discussions";
import { apiRequest } from "../../../lib/api-client";
import { discussionKeys } from "./discussion-keys";

/** GET /api/runs/:runId/discussions/steps → every step of the run's course with its comment counts (facilitators). */
export function useStepCommentCounts(runId: string) {
  return useQuery({
    queryKey: discussionKeys.stepCounts(runId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/runs/${encodeURIComponent(runId)}/discussions/steps`, {
        schema: StepCommentCountsSchema,
        signal,
      }),
  });
}
