import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AnnouncementCreatedSchema,
  type AnnouncementInput,
  AnnouncementListSchema,
} from "../../../../shared/notifications";
import { apiRequest } from "../../../lib/api-client";
import { notificationKeys } from "./notification-keys";

const path = (runId: string) => `/api/runs/${encodeURIComponent(runId)}/announcements`;

/** GET /api/runs/:runId/announcements → the run's announcements, newest first, bodies rendered safely. */
export function useAnnouncements(runId: string) {
  return useQuery({
    queryKey: notificationKeys.announcements(runId),
    queryFn: ({ signal }) => apiRequest("GET", path(runId), { schema: AnnouncementListSchema, signal }),
  });
}

/** POST /api/runs/:runId/announcements → the announcement and how many members were notified. */
export function useSendAnnouncement(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AnnouncementInput) =>
      apiRequest("POST", path(runId), { body, schema: AnnouncementCreatedSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.announcements(runId) }),
  });
}
