import { useQuery } from "@tanstack/react-query";
import { ModerationOverviewSchema } from "../../../../shared/moderation";
import { apiRequest } from "../../../lib/api-client";
import { moderationKeys } from "./moderation-keys";

/** GET /api/moderation → the queues of every run I facilitate (administrators: every run with something in it). */
export function useModerationOverview() {
  return useQuery({
    queryKey: moderationKeys.overview,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/moderation", { schema: ModerationOverviewSchema, signal }),
  });
}
