import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CpdRecordSchema } from "../../../../shared/cpd";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { cpdKeys } from "./cpd-keys";

/**
 * GET /api/me/cpd-record?year= → totals, the chosen CPD year's courses and activities, and the years to choose from.
 * `year` is the year a CPD year starts in, "all", or "" for the current CPD year.
 */
export function useCpdRecord(year: string) {
  return useQuery({
    queryKey: cpdKeys.record(year),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/me/cpd-record${toQueryString({ year })}`, { schema: CpdRecordSchema, signal }),
    placeholderData: keepPreviousData,
  });
}
