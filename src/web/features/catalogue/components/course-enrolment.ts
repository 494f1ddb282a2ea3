import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type CourseViewer,
  CourseViewerSchema,
  EnrolmentCreatedSchema,
  type EnrolmentCreateInput,
} from "../../../../shared/learning";
import { ApiError, apiRequest } from "../../../lib/api-client";

/**
 * The viewer's enrolment queries live under ["learning"], with the rest of the learner's learning, so enrolling,
 * progress and quiz attempts anywhere refresh the course page too.
 */
const viewerKey = (courseId: string) => ["learning", "viewer", courseId] as const;

/** GET /api/courses/:id/enrolment → the signed-in viewer's standing on the course; null when signed out (401). */
export function useCourseViewer(courseId: string) {
  return useQuery({
    queryKey: viewerKey(courseId),
    queryFn: async ({ signal }): Promise<CourseViewer | null> => {
      try {
        return await apiRequest("GET", `/api/courses/${encodeURIComponent(courseId)}/enrolment`, {
          schema: CourseViewerSchema,
          signal,
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

/**
 * POST /api/enrolments {courseId, declaration?} → 201 a new enrolment or 200 the one the learner already has
 * (enrolling twice is harmless); 403 says why not (not_eligible, declaration_required, payment_required…).
 */
export function useEnrol() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EnrolmentCreateInput) =>
      apiRequest("POST", "/api/enrolments", { body, schema: EnrolmentCreatedSchema }),
    // A refusal may mean the viewer's standing changed since the page loaded, so refresh it either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["learning"] }),
  });
}
