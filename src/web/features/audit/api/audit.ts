import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { AuditEventPageSchema } from "../../../../shared/audit";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** The audit log filters as they travel in the page's URL and the API's query string. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
}

/** GET /api/admin/audit-events with filters → a page of entries, newest first (the search is audited). */
export function useAuditSearch(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ["admin", "audit", filters, page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/audit-events${toQueryString({ ...filters, page, pageSize })}`, {
        schema: AuditEventPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** GET /api/audit-events/mine → the learner administrator's own entries. */
export function useMyAudit(page: number, pageSize: number) {
  return useQuery({
    queryKey: ["audit", "mine", page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/audit-events/mine${toQueryString({ page, pageSize })}`, {
        schema: AuditEventPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}
