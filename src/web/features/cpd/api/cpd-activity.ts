import { useQuery } from "@tanstack/react-query";
import { CpdActivitySchema } from "../../../../shared/cpd";
import { apiRequest } from "../../../lib/api-client";
import { cpdKeys } from "./cpd-keys";

/** GET /api/me/cpd-activities/:id → one of my activities with its reflection rendered; 404 for anyone else's. */
export function useCpdActivity(id: string) {
  return useQuery({
    queryKey: cpdKeys.activity(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/me/cpd-activities/${encodeURIComponent(id)}`, {
        schema: CpdActivitySchema,
        signal,
      }),
  });
}
