import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NotificationPageSchema, UnreadCountSchema } from "../../../../shared/notifications";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { notificationKeys } from "./notification-keys";

/** How often the header asks for the unread count: modest, no websockets. */
const UNREAD_REFRESH_MS = 60_000;

/** GET /api/notifications?cursor= → my notifications, newest first, 20 a page; "Show older" fetches the next. */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationKeys.list,
    initialPageParam: "",
    queryFn: ({ pageParam, signal }) =>
      apiRequest("GET", `/api/notifications${toQueryString({ cursor: pageParam })}`, {
        schema: NotificationPageSchema,
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** GET /api/notifications/unread-count → {unread}, refreshed every minute while the page is open. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/notifications/unread-count", { schema: UnreadCountSchema, signal }),
    enabled,
    refetchInterval: UNREAD_REFRESH_MS,
  });
}

/** POST /api/notifications/:id/read; the list and the header's count refresh. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest("POST", `/api/notifications/${encodeURIComponent(id)}/read`, { schema: UnreadCountSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** POST /api/notifications/read-all; the list and the header's count refresh. */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("POST", "/api/notifications/read-all", { schema: UnreadCountSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
