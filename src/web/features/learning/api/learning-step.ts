import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { enrolmentApiPath, learningKeys } from "./learning-keys";
import { StepViewClientSchema } from "./learning-schemas";

/** GET /api/learning/enrolments/:id/steps/:stepId → one step to learn from (quiz questions without the answers). */
export function useLearningStep(enrolmentId: string, stepId: string) {
  return useQuery({
    queryKey: learningKeys.step(enrolmentId, stepId),
    queryFn: ({ signal }) =>
      apiRequest("GET", enrolmentApiPath(enrolmentId, stepId), { schema: StepViewClientSchema, signal }),
  });
}
