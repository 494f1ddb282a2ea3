import { useQuery } from "@tanstack/react-query";
import { MemberStandingSchema } from "../../../../shared/moderation";
import { apiRequest } from "../../../lib/api-client";
import { moderationKeys } from "./moderation-keys";

/** GET /api/runs/:runId/suspensions/:userId → the member's name and any suspension; 404 for a non-member. */
export function useMemberStanding(runId: string, userId: string) {
  return useQuery({
    queryKey: moderationKeys.member(runId, userId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/runs/${encodeURIComponent(runId)}/suspensions/${encodeURIComponent(userId)}`, {
        schema: MemberStandingSchema,
        signal,
      }),
  });
}
