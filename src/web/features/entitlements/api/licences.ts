import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type LicenceCreateInput,
  LicencePageSchema,
  LicenceSchema,
  type LicenceUpdateInput,
} from "../../../../shared/entitlements";
import { apiRequest, toQueryString } from "../../../lib/api-client";

const licencesKey = ["admin", "licences"] as const;

/** GET /api/admin/licences?page= → a page of licences with seats used, latest ending first. */
export function useLicences(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...licencesKey, "list", page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/licences${toQueryString({ page, pageSize })}`, {
        schema: LicencePageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/admin/licences/:id → one licence. */
export function useLicence(id: string) {
  return useQuery({
    queryKey: [...licencesKey, "one", id],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/licences/${encodeURIComponent(id)}`, { schema: LicenceSchema, signal }),
  });
}

/** POST /api/admin/licences → the new licence. */
export function useCreateLicence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LicenceCreateInput) =>
      apiRequest("POST", "/api/admin/licences", { body, schema: LicenceSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: licencesKey }),
  });
}

/** PATCH /api/admin/licences/:id → the changed licence. */
export function useUpdateLicence(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LicenceUpdateInput) =>
      apiRequest("PATCH", `/api/admin/licences/${encodeURIComponent(id)}`, { body, schema: LicenceSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: licencesKey }),
  });
}
