import { useQuery } from "@tanstack/react-query";
import { BenefitsSummarySchema, type SummaryExportFormat } from "../../../../shared/implementation-summary";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Query keys of benefits summaries: one per registration and team filter. */
export const summaryKeys = {
  all: ["benefits-summary"] as const,
  one: (registrationId: string, teamId: string | null) =>
    ["benefits-summary", registrationId, teamId ?? "all"] as const,
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
