import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AuthoringCourseSchema,
  AuthoringStepSchema,
  type StepCreateInput,
  type StepUpdateInput,
} from "../../../../shared/authoring";
import { apiRequest } from "../../../lib/api-client";
import { courseKey, useCourseMutation } from "./courses";

/** Query key for one step in its editor. */
export function stepKey(id: string) {
  return ["authoring", "step", id] as const;
}

/** GET /api/authoring/steps/:stepId → the step with its file, questions and learner counts. */
export function useAuthoringStep(id: string) {
  return useQuery({
    queryKey: stepKey(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/authoring/steps/${encodeURIComponent(id)}`, {
        schema: AuthoringStepSchema,
        signal,
      }),
  });
}

/** POST /api/authoring/modules/:moduleId/steps → the new step; the course outline is refreshed. */
export function useCreateStep(courseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ moduleId, input }: { moduleId: string; input: StepCreateInput }) =>
      apiRequest("POST", `/api/authoring/modules/${encodeURIComponent(moduleId)}/steps`, {
        body: input,
        schema: AuthoringStepSchema,
      }),
    onSuccess: (step) => {
      queryClient.setQueryData(stepKey(step.id), step);
      return queryClient.invalidateQueries({ queryKey: courseKey(courseId) });
    },
  });
}

/** PUT /api/authoring/steps/:stepId → the saved step; the course outline is refreshed. */
export function useUpdateStep(courseId: string, stepId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StepUpdateInput) =>
      apiRequest("PUT", `/api/authoring/steps/${encodeURIComponent(stepId)}`, {
        body: input,
        schema: AuthoringStepSchema,
      }),
    onSuccess: (step) => {
      queryClient.setQueryData(stepKey(step.id), step);
      return queryClient.invalidateQueries({ queryKey: courseKey(courseId) });
    },
  });
}

/** DELETE /api/authoring/steps/:stepId → the course without it (409 when learners have started it). */
export function useDeleteStep(courseId: string) {
  return useCourseMutation(courseId, (stepId: string) =>
    apiRequest("DELETE", `/api/authoring/steps/${encodeURIComponent(stepId)}`, {
      schema: AuthoringCourseSchema,
    }),
  );
}

/** PUT /api/authoring/modules/:moduleId/steps/order → the course with the module's steps in the new order. */
export function useReorderSteps(courseId: string) {
  return useCourseMutation(courseId, ({ moduleId, ids }: { moduleId: string; ids: string[] }) =>
    apiRequest("PUT", `/api/authoring/modules/${encodeURIComponent(moduleId)}/steps/order`, {
      body: { ids },
      schema: AuthoringCourseSchema,
    }),
  );
}
