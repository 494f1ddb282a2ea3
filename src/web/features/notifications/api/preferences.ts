import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type NotificationPreferences,
  NotificationPreferencesSchema,
} from "../../../../shared/notifications";
import { apiRequest } from "../../../lib/api-client";
import { notificationKeys } from "./notification-keys";

/** GET /api/notifications/preferences → the kinds I chose for the daily email digest. */
export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/notifications/preferences", { schema: NotificationPreferencesSchema, signal }),
  });
}

/** PUT /api/notifications/preferences → the saved kinds. */
export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) =>
      apiRequest("PUT", "/api/notifications/preferences", { body, schema: NotificationPreferencesSchema }),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences, saved),
  });
}
