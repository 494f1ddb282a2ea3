import { useQuery } from "@tanstack/react-query";
import { CourseDetailSchema } from "../../../../shared/catalogue";
import { apiRequest } from "../../../lib/api-client";

/** GET /api/courses/:id → one course with its modules and this person's price; 404 for an unknown id. */
export function useCourse(id: string) {
  return useQuery({
    queryKey: ["catalogue", "course", id],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/courses/${encodeURIComponent(id)}`, { schema: CourseDetailSchema, signal }),
    staleTime: 60_000,
  });
}
