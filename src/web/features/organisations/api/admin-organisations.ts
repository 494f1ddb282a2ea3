import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ErrorBodySchema } from "../../../../shared/errors";
import {
  AdminOrganisationPageSchema,
  type OrganisationCreateInput,
  type OrganisationImportReport,
  OrganisationImportReportSchema,
  OrganisationNodeSchema,
  type OrganisationUpdateInput,
} from "../../../../shared/organisations";
import { ApiError, apiRequest, toQueryString } from "../../../lib/api-client";

const organisationsKey = ["admin", "organisations"] as const;
const organisationPath = (id: string) => `/api/admin/organisations/${encodeURIComponent(id)}`;

/** GET /api/admin/organisations?q=&page= → top-level organisations, or those matching the search. */
export function useAdminOrganisations(q: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...organisationsKey, "list", q, page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/organisations${toQueryString({ q: q || undefined, page, pageSize })}`, {
        schema: AdminOrganisationPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/admin/organisations/:id → one organisation with its breadcrumb, children and usage. */
export function useOrganisationNode(id: string | null) {
  return useQuery({
    queryKey: [...organisationsKey, "one", id],
    queryFn: ({ signal }) =>
      apiRequest("GET", organisationPath(id ?? ""), { schema: OrganisationNodeSchema, signal }),
    enabled: id !== null,
  });
}

/** POST /api/admin/organisations. */
export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationCreateInput) =>
      apiRequest("POST", "/api/admin/organisations", { body: input, schema: OrganisationNodeSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  });
}

/** PATCH /api/admin/organisations/:id (a move when the parent changes). */
export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationUpdateInput) =>
      apiRequest("PATCH", organisationPath(id), { body: input, schema: OrganisationNodeSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  });
}

/** DELETE /api/admin/organisations/:id. */
export function useDeleteOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", organisationPath(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationsKey }),
  });
}

/**
 * POST /api/admin/organisations/imports?dryRun= with the CSV file as a text/csv body (apiRequest sends only JSON).
 * Failures become ApiErrors carrying the server's message and row problems.
 */
async function sendImport(file: File, dryRun: boolean): Promise<OrganisationImportReport> {
  let response: Response;
  try {
    response = await fetch(`/api/admin/organisations/imports?dryRun=${dryRun}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json", "content-type": "text/csv" },
      body: file,
    });
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "The file could not be sent. Check your internet connection and try again.",
    );
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // not JSON: handled below
  }
  if (!response.ok) {
    const error = ErrorBodySchema.safeParse(payload);
    if (error.success)
      throw new ApiError(
        response.status,
        error.data.error,
        error.data.message,
        error.data.details ?? [],
        error.data.requestId,
      );
    if (response.status === 413)
      throw new ApiError(413, "payload_too_large", "The file is larger than 5 MB.");
    throw new ApiError(
      response.status,
      "internal_error",
      "Sorry, there is a problem with the service. Try again later.",
    );
  }
  const report = OrganisationImportReportSchema.safeParse(payload);
  if (!report.success)
    throw new ApiError(
      response.status,
      "unexpected_response",
      "Sorry, there is a problem with the service. Try again later.",
    );
  return report.data;
}

/** Checks (dry run) or applies a CSV import of the directory. */
export function useImportOrganisations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => sendImport(file, dryRun),
    onSuccess: (report) => {
      if (report.applied) return queryClient.invalidateQueries({ queryKey: organisationsKey });
    },
  });
}
