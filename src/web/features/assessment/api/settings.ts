import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  VerificationSettingsSchema,
  type VerificationSettingsUpdateInput,
} from "../../../../shared/assessment";
import { apiRequest } from "../../../lib/api-client";
import { assessmentKeys } from "./assessment-keys";

/** GET /api/admin/assessment/settings → how decisions are sampled. */
export function useVerificationSettings() {
  return useQuery({
    queryKey: assessmentKeys.settings,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/admin/assessment/settings", { schema: VerificationSettingsSchema, signal }),
  });
}

/** PUT /api/admin/assessment/settings → the settings as saved. */
export function useSaveVerificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerificationSettingsUpdateInput) =>
      apiRequest("PUT", "/api/admin/assessment/settings", { body, schema: VerificationSettingsSchema }),
    onSuccess: (saved) => queryClient.setQueryData(assessmentKeys.settings, saved),
  });
}
