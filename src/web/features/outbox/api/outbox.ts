import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { OutboxPageSchema } from "../../../../shared/accounts";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** GET /api/admin/outbox?to=&page=&pageSize= → a page of stored emails, newest first. */
export function useOutbox(filters: { to?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ["admin", "outbox", filters],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/outbox${toQueryString({ ...filters })}`, {
        schema: OutboxPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
