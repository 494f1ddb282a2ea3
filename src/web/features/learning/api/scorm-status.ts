import { useQuery } from "@tanstack/react-query";
import { ScormLaunchSchema } from "../../../../shared/scorm";
import { apiRequest } from "../../../lib/api-client";
import { enrolmentApiPath } from "./learning-keys";

/**
 * GET …/steps/:stepId/scorm → the learner's attempt on a SCORM step, for its status and the Start/Resume choice.
 * (The player in features/scorm fetches the same launch for itself; features do not share code.)
 */
export function useScormStatus(enrolmentId: string, stepId: string) {
  return useQuery({
    queryKey: ["learning", "scorm-status", enrolmentId, stepId],
    queryFn: ({ signal }) =>
      apiRequest("GET", `${enrolmentApiPath(enrolmentId, stepId)}/scorm`, {
        schema: ScormLaunchSchema,
        signal,
      }),
    staleTime: 0,
  });
}
