import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { enrolmentApiPath, learningKeys } from "./learning-keys";
import { LearningOutlineClientSchema } from "./learning-schemas";

/** GET /api/learning/enrolments/:id → the course's modules and steps with the learner's status; 404 if not theirs. */
export function useLearningOutline(enrolmentId: string) {
  return useQuery({
    queryKey: learningKeys.outline(enrolmentId),
    queryFn: ({ signal }) =>
      apiRequest("GET", enrolmentApiPath(enrolmentId), { schema: LearningOutlineClientSchema, signal }),
  });
}
