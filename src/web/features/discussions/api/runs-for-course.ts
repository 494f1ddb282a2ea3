import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { RunPhaseSchema } from "../../../../shared/runs";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { discussionKeys } from "./discussion-keys";

/** The parts of GET /api/runs?courseId= (built by the runs feature) this feature reads; other fields are ignored. */
const RunsForCourseSchema = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      phase: RunPhaseSchema,
      viewer: z
        .object({ isMember: z.boolean(), isFacilitator: z.boolean(), suspended: z.boolean() })
        .nullable(),
    }),
  ),
});

/** GET /api/runs?courseId= → the course's runs with where the viewer stands in each. */
export function useRunsForCourse(courseId: string) {
  return useQuery({
    queryKey: discussionKeys.runsForCourse(courseId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/runs${toQueryString({ courseId })}`, { schema: RunsForCourseSchema, signal }),
  });
}
