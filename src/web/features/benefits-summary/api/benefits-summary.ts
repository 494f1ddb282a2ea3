import { useQuery } from "@tanstack/react-query";
import { MyRegistrationsSchema } from "../../../../shared/implementation-registrations";
import {
  BenefitsSummarySchema,
  OrganisationBenefitsSummarySchema,
  type SummaryExportFormat,
} from "../../../../shared/implementation-summary";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Query keys of benefits summaries: one per registration and team filter. */
export const summaryKeys = {
  all: ["benefits-summary"] as const,
  one: (registrationId: string, teamId: string | null) =>
    ["benefits-summary", registrationId, teamId ?? "all"] as const,
  organisation: (organisationId: string) => ["benefits-summary", "organisation", organisationId] as const,
};

/** GET /api/benefits/summary?registrationId=&teamId= → the roll-ups the reader may see. */
export function useBenefitsSummary(registrationId: string, teamId: string | null) {
  return useQuery({
    queryKey: summaryKeys.one(registrationId, teamId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/benefits/summary${toQueryString({ registrationId, teamId })}`, {
        schema: BenefitsSummarySchema,
        signal,
      }),
  });
}

/** Where a board-paper export downloads from: a plain link, so the browser saves the file. */
export function summaryDownloadHref(
  format: SummaryExportFormat,
  registrationId: string,
  teamId: string | null,
): string {
  return `/api/benefits/summary.${format}${toQueryString({ registrationId, teamId })}`;
}

/** GET /api/benefits/organisation-summary?organisationId= → the organisation's benefits across its programmes. */
export function useOrganisationSummary(organisationId: string) {
  return useQuery({
    queryKey: summaryKeys.organisation(organisationId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/benefits/organisation-summary${toQueryString({ organisationId })}`, {
        schema: OrganisationBenefitsSummarySchema,
        signal,
      }),
  });
}

/** Where the organisation summary's CSV downloads from. */
export function organisationCsvHref(organisationId: string): string {
  return `/api/benefits/organisation-summary.csv${toQueryString({ organisationId })}`;
}

/**
 * GET /api/implementation/registrations → the registrations I am on, to point a team leader refused the
 * organisation summary at their own programmes' summaries (only when asked: `enabled`).
 */
export function useMyRegistrationsFor(enabled: boolean) {
  return useQuery({
    queryKey: ["implementation", "mine"],
    enabled,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/implementation/registrations", { schema: MyRegistrationsSchema, signal }),
  });
}
