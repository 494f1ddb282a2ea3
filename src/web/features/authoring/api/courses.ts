import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type AuthoringCourse,
  AuthoringCourseListSchema,
  AuthoringCourseSchema,
  type CourseInput,
} from "../../../../shared/authoring";
import { apiRequest } from "../../../lib/api-client";

/** Query key for one course in its editor. */
export function courseKey(id: string) {
  return ["authoring", "course", id] as const;
}

/** GET /api/authoring/courses → every course of every status, by programme. */
export function useAuthoringCourses() {
  return useQuery({
    queryKey: ["authoring", "courses"],
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/authoring/courses", { schema: AuthoringCourseListSchema, signal }),
  });
}

/** GET /api/authoring/courses/:id → the course with its modules and steps. */
export function useAuthoringCourse(id: string) {
  return useQuery({
    queryKey: courseKey(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/authoring/courses/${encodeURIComponent(id)}`, {
        schema: AuthoringCourseSchema,
        signal,
      }),
  });
}

/**
 * A change to a course that answers with the whole course: the answer replaces the cached course, and lists
 * (the editors' list, the catalogue) are refreshed because titles, counts or status may have changed.
 */
export function useCourseMutation<V>(courseId: string, request: (variables: V) => Promise<AuthoringCourse>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (course) => {
      queryClient.setQueryData(courseKey(courseId), course);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["authoring", "courses"] }),
        queryClient.invalidateQueries({ queryKey: ["catalogue"] }),
      ]);
    },
  });
}

/** POST /api/authoring/courses → the new draft course. */
export function useCreateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CourseInput) =>
      apiRequest("POST", "/api/authoring/courses", { body: input, schema: AuthoringCourseSchema }),
    onSuccess: (course) => {
      queryClient.setQueryData(courseKey(course.id), course);
      return queryClient.invalidateQueries({ queryKey: ["authoring"] });
    },
  });
}

/** PUT /api/authoring/courses/:id → the course with its new details. */
export function useUpdateCourse(id: string) {
  return useCourseMutation(id, (input: CourseInput) =>
    apiRequest("PUT", `/api/authoring/courses/${encodeURIComponent(id)}`, {
      body: input,
      schema: AuthoringCourseSchema,
    }),
  );
}

/** POST /api/authoring/courses/:id/{publish|unpublish|archive} → the course in its new status. */
export function useCourseStatus(id: string) {
  return useCourseMutation(id, (action: "publish" | "unpublish" | "archive") =>
    apiRequest("POST", `/api/authoring/courses/${encodeURIComponent(id)}/${action}`, {
      schema: AuthoringCourseSchema,
    }),
  );
}

/** DELETE /api/authoring/courses/:id (204). */
export function useDeleteCourse(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", `/api/authoring/courses/${encodeURIComponent(id)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: courseKey(id) });
      return queryClient.invalidateQueries({ queryKey: ["authoring"] });
    },
  });
}
