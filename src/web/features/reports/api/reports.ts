import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  CompletionsSchema,
  ExpiringPageSchema,
  FunnelSchema,
  PROGRESS_SORTS,
  ProgressPageSchema,
  type ProgressSort,
  REPORT_STATUSES,
  ReportFilterOptionsSchema,
  ReportOrganisationsSchema,
  TeamsReportSchema,
} from "../../../../shared/reports";
import { apiRequest, toQueryString } from "../../../lib/api-client";

const reportsKey = ["reports"] as const;

/** GET /api/reports/organisations: where the actor may run reports. */
export function useReportOrganisations() {
  return useQuery({
    queryKey: [...reportsKey, "organisations"],
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/reports/organisations", { schema: ReportOrganisationsSchema, signal }),
  });
}

/** GET /api/reports/organisations/:id: the organisation (403/404 when out of reach) and its filter choices. */
export function useFilterOptions(organisationId: string) {
  return useQuery({
    queryKey: [...reportsKey, "options", organisationId],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/reports/organisations/${encodeURIComponent(organisationId)}`, {
        schema: ReportFilterOptionsSchema,
        signal,
      }),
  });
}

/** The learner-progress filters, sort and page as they appear in the page's address. */
export const PROGRESS_FILTER_KEYS = [
  "courseId",
  "programmeId",
  "level",
  "status",
  "teamId",
  "enrolledFrom",
  "enrolledTo",
  "completedFrom",
  "completedTo",
  "lastActiveFrom",
  "lastActiveTo",
  "hasEsr",
] as const;
/** One filter's name. */
export type ProgressFilterKey = (typeof PROGRESS_FILTER_KEYS)[number];

/** What the progress page shows, read from its address. */
export interface ProgressView {
  filters: Partial<Record<ProgressFilterKey, string>>;
  sort: ProgressSort;
  direction: "asc" | "desc";
  page: number;
}

/** Reads the progress page's address; unknown values fall back to the defaults (the API checks the rest). */
export function progressViewFrom(params: URLSearchParams): ProgressView {
  const filters: ProgressView["filters"] = {};
  for (const key of PROGRESS_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  if (filters.status && !REPORT_STATUSES.some((s) => s === filters.status)) delete filters.status;
  const sort = PROGRESS_SORTS.find((s) => s === params.get("sort")) ?? "name";
  const direction = params.get("direction") === "desc" ? "desc" : "asc";
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  return { filters, sort, direction, page: Number.isFinite(requested) && requested > 0 ? requested : 1 };
}

/** The page's address for a view (defaults left out). */
export function progressSearch(view: ProgressView): string {
  return toQueryString({
    ...view.filters,
    sort: view.sort === "name" ? undefined : view.sort,
    direction: view.direction === "asc" ? undefined : view.direction,
    page: view.page === 1 ? undefined : view.page,
  });
}

/** Rows per page of the progress report. */
export const PROGRESS_PAGE_SIZE = 25;

/** The API address for the progress report: a JSON page, or the whole report as a file. */
export function progressApiUrl(organisationId: string, view: ProgressView, format: "json" | "csv" | "xlsx") {
  return `/api/reports/learner-progress${toQueryString({
    organisationId,
    format: format === "json" ? undefined : format,
    ...view.filters,
    sort: view.sort,
    direction: view.direction,
    ...(format === "json" ? { page: view.page, pageSize: PROGRESS_PAGE_SIZE } : {}),
  })}`;
}

/** GET /api/reports/learner-progress (json). */
export function useProgress(organisationId: string, view: ProgressView) {
  const url = progressApiUrl(organisationId, view, "json");
  return useQuery({
    queryKey: [...reportsKey, "progress", url],
    queryFn: ({ signal }) => apiRequest("GET", url, { schema: ProgressPageSchema, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/reports/funnel?organisationId= */
export function useFunnel(organisationId: string) {
  return useQuery({
    queryKey: [...reportsKey, "funnel", organisationId],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/reports/funnel${toQueryString({ organisationId })}`, {
        schema: FunnelSchema,
        signal,
      }),
  });
}

/** GET /api/reports/completions?organisationId=&interval= */
export function useCompletions(organisationId: string, interval: "month" | "week") {
  return useQuery({
    queryKey: [...reportsKey, "completions", organisationId, interval],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/reports/completions${toQueryString({ organisationId, interval })}`, {
        schema: CompletionsSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/reports/expiring?organisationId=&withinDays=&page= */
export function useExpiring(organisationId: string, withinDays: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...reportsKey, "expiring", organisationId, withinDays, page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest(
        "GET",
        `/api/reports/expiring${toQueryString({ organisationId, withinDays, page, pageSize })}`,
        { schema: ExpiringPageSchema, signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/reports/teams?organisationId= */
export function useTeams(organisationId: string) {
  return useQuery({
    queryKey: [...reportsKey, "teams", organisationId],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/reports/teams${toQueryString({ organisationId })}`, {
        schema: TeamsReportSchema,
        signal,
      }),
  });
}
