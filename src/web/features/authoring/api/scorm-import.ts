import { useQuery } from "@tanstack/react-query";
import { ScormImportSchema } from "../../../../shared/scorm";
import { apiRequest, isApiError } from "../../../lib/api-client";

/**
 * GET /api/scorm-packages/imports/:importId, polled twice a second while `active`: the import stages done so far.
 * 404 means the server has not started the import yet (the upload is still arriving), so it reads as no stages.
 */
export function useScormImport(importId: string | null, active: boolean) {
  return useQuery({
    queryKey: ["authoring", "scorm-import", importId],
    enabled: importId !== null,
    refetchInterval: active ? 500 : false,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return await apiRequest("GET", `/api/scorm-packages/imports/${encodeURIComponent(importId ?? "")}`, {
          schema: ScormImportSchema,
          signal,
        });
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
  });
}
