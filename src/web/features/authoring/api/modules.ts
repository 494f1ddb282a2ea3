import { AuthoringCourseSchema, type ModuleInput } from "../../../../shared/authoring";
import { apiRequest } from "../../../lib/api-client";
import { useCourseMutation } from "./courses";

/** POST /api/authoring/courses/:id/modules → the course with the new module at the end. */
export function useCreateModule(courseId: string) {
  return useCourseMutation(courseId, (input: ModuleInput) =>
    apiRequest("POST", `/api/authoring/courses/${encodeURIComponent(courseId)}/modules`, {
      body: input,
      schema: AuthoringCourseSchema,
    }),
  );
}

/** PUT /api/authoring/modules/:moduleId → the course with the module renamed. */
export function useUpdateModule(courseId: string) {
  return useCourseMutation(courseId, ({ moduleId, input }: { moduleId: string; input: ModuleInput }) =>
    apiRequest("PUT", `/api/authoring/modules/${encodeURIComponent(moduleId)}`, {
      body: input,
      schema: AuthoringCourseSchema,
    }),
  );
}

/** DELETE /api/authoring/modules/:moduleId → the course without it (409 when learners have started it). */
export function useDeleteModule(courseId: string) {
  return useCourseMutation(courseId, (moduleId: string) =>
    apiRequest("DELETE", `/api/authoring/modules/${encodeURIComponent(moduleId)}`, {
      schema: AuthoringCourseSchema,
    }),
  );
}

/** PUT /api/authoring/courses/:id/modules/order → the course with its modules in the new order. */
export function useReorderModules(courseId: string) {
  return useCourseMutation(courseId, (ids: string[]) =>
    apiRequest("PUT", `/api/authoring/courses/${encodeURIComponent(courseId)}/modules/order`, {
      body: { ids },
      schema: AuthoringCourseSchema,
    }),
  );
}
