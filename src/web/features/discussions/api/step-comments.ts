import { useQuery } from "@tanstack/react-query";
import { type CommentSort, StepCommentsSchema } from "../../../../shared/discussions";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { discussionKeys } from "./discussion-keys";

/** GET /api/steps/:stepId/comments?runId=&sort=&page= → a page of the step's discussion in the run. */
export function useStepComments(stepId: string, runId: string | null, sort: CommentSort, page: number) {
  return useQuery({
    queryKey: discussionKeys.step(stepId, runId ?? "", sort, page),
    enabled: runId !== null,
    queryFn: ({ signal }) =>
      apiRequest(
        "GET",
        `/api/steps/${encodeURIComponent(stepId)}/comments${toQueryString({ runId, sort, page })}`,
        { schema: StepCommentsSchema, signal },
      ),
  });
}
