import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AuthoringProgrammeListSchema,
  AuthoringProgrammeSchema,
  type ProgrammeInput,
} from "../../../../shared/authoring";
import { apiRequest } from "../../../lib/api-client";

/** Query key for the editors' programme list. */
export const PROGRAMMES_KEY = ["authoring", "programmes"] as const;

/** GET /api/authoring/programmes → every programme with its course count. */
export function useProgrammes() {
  return useQuery({
    queryKey: PROGRAMMES_KEY,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/authoring/programmes", { schema: AuthoringProgrammeListSchema, signal }),
  });
}

/** POST /api/authoring/programmes (no id) or PUT /api/authoring/programmes/:id → the saved programme. */
export function useSaveProgramme(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProgrammeInput) =>
      id
        ? apiRequest("PUT", `/api/authoring/programmes/${encodeURIComponent(id)}`, {
            body: input,
            schema: AuthoringProgrammeSchema,
          })
        : apiRequest("POST", "/api/authoring/programmes", { body: input, schema: AuthoringProgrammeSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["authoring"] }),
  });
}
