import { useQuery } from "@tanstack/react-query";
import { ScormLaunchSchema } from "../../../../shared/scorm";
import { apiRequest } from "../../../lib/api-client";
import { scormKeys, scormStepApiPath } from "./scorm-keys";

/**
 * GET …/steps/:stepId/scorm → the current attempt and each SCO's saved state. Always fetched fresh (never from
 * the cache), since it is what the content resumes from.
 */
export function useScormLaunch(enrolmentId: string, stepId: string, enabled = true) {
  return useQuery({
    queryKey: scormKeys.launch(enrolmentId, stepId),
    queryFn: ({ signal }) =>
      apiRequest("GET", scormStepApiPath(enrolmentId, stepId), { schema: ScormLaunchSchema, signal }),
    enabled,
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** Fetches the launch now, outside React (the player refreshes it when it switches SCO). */
export function fetchScormLaunch(enrolmentId: string, stepId: string) {
  return apiRequest("GET", scormStepApiPath(enrolmentId, stepId), { schema: ScormLaunchSchema });
}
