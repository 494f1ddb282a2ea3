import { useQuery } from "@tanstack/react-query";
import { CatalogueSchema, LEVEL_LABELS } from "../../../../shared/catalogue";
import { apiRequest } from "../../../lib/api-client";

/** A published course as a choice in a select: "Title (Level)", grouped by programme. */
export interface CourseOption {
  value: string;
  label: string;
  programmeTitle: string;
}

/** GET /api/catalogue → every published course as a choice, in catalogue order. */
export function useCourseOptions() {
  return useQuery({
    queryKey: ["catalogue", "course-options"],
    queryFn: async ({ signal }): Promise<CourseOption[]> => {
      const catalogue = await apiRequest("GET", "/api/catalogue", { schema: CatalogueSchema, signal });
      return catalogue.programmes.flatMap((programme) =>
        programme.courses.map((course) => ({
          value: course.id,
          label: course.title.includes(LEVEL_LABELS[course.level])
            ? course.title
            : `${course.title} (${LEVEL_LABELS[course.level]})`,
          programmeTitle: programme.title,
        })),
      );
    },
    staleTime: 5 * 60_000,
  });
}
