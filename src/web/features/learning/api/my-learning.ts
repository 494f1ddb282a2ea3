import { useQuery } from "@tanstack/react-query";
import { MyLearningSchema } from "../../../../shared/learning";
import { apiRequest } from "../../../lib/api-client";
import { learningKeys } from "./learning-keys";

/** GET /api/me/learning → every enrolment of the signed-in learner, grouped, with progress and the next step. */
export function useMyLearning() {
  return useQuery({
    queryKey: learningKeys.myLearning,
    queryFn: ({ signal }) => apiRequest("GET", "/api/me/learning", { schema: MyLearningSchema, signal }),
  });
}
