import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AdminDeferralPageSchema,
  AdminDeferralSchema,
  DeferralMessageSchema,
} from "../../../../shared/deferrals";
import type { DEFERRAL_STATUSES } from "../../../../shared/learning";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Where a request stands: the queue's tabs. */
export type DeferralStatus = (typeof DEFERRAL_STATUSES)[number];

const deferralsKey = ["admin", "deferrals"] as const;
const requestPath = (id: string) => `/api/admin/deferrals/${encodeURIComponent(id)}`;

/** GET /api/admin/deferrals?status=&page= → a page of the queue. */
export function useDeferralQueue(status: DeferralStatus, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...deferralsKey, "queue", status, page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/deferrals${toQueryString({ status, page, pageSize })}`, {
        schema: AdminDeferralPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/admin/deferrals/:id → one request with its messages. */
export function useAdminDeferral(id: string) {
  return useQuery({
    queryKey: [...deferralsKey, "one", id],
    queryFn: ({ signal }) => apiRequest("GET", requestPath(id), { schema: AdminDeferralSchema, signal }),
  });
}

function useDeferralAction<V, R>(id: string, request: (path: string, variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => request(requestPath(id), variables),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deferralsKey }),
  });
}

/** POST /api/admin/deferrals/:id/approve {resumesOn}. */
export function useApproveDeferral(id: string) {
  return useDeferralAction(id, (path, resumesOn: string) =>
    apiRequest("POST", `${path}/approve`, { body: { resumesOn }, schema: AdminDeferralSchema }),
  );
}

/** POST /api/admin/deferrals/:id/decline {reason}. */
export function useDeclineDeferral(id: string) {
  return useDeferralAction(id, (path, reason: string) =>
    apiRequest("POST", `${path}/decline`, { body: { reason }, schema: AdminDeferralSchema }),
  );
}

/** POST /api/admin/deferrals/:id/messages {body}: emailed to the learner. */
export function useMessageLearner(id: string) {
  return useDeferralAction(id, (path, body: string) =>
    apiRequest("POST", `${path}/messages`, { body: { body }, schema: DeferralMessageSchema }),
  );
}
