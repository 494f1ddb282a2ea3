import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type CourseViewer, CourseViewerSchema } from "../../../../shared/learning";
import {
  EngagementSchema,
  FacilitatedRunListSchema,
  FacilitatedRunSchema,
  type RunCreateInputRaw,
  RunJoinResultSchema,
  RunListSchema,
  RunOptionsSchema,
  RunOverviewSchema,
  type RunUpdateInputRaw,
} from "../../../../shared/runs";
import { ApiError, apiRequest } from "../../../lib/api-client";

/** Query keys of course runs; everything under ["runs"] is refreshed when a run or a membership changes. */
export const runsKeys = {
  all: ["runs"] as const,
  /** Under ["learning"], so enrolling (which places the learner in a run) refreshes it too. */
  course: (courseId: string, includeEnded: boolean) => ["learning", "runs", courseId, includeEnded] as const,
  facilitated: ["runs", "facilitated"] as const,
  overview: (runId: string) => ["runs", "overview", runId] as const,
  options: ["runs", "options"] as const,
  engagement: (kind: "run" | "course", id: string) => ["runs", "engagement", kind, id] as const,
};

const enc = encodeURIComponent;

/** GET /api/runs?courseId= → the course's runs (ended ones only when asked), with the viewer's standing. */
export function useCourseRuns(courseId: string, includeEnded = false) {
  return useQuery({
    queryKey: runsKeys.course(courseId, includeEnded),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/runs?courseId=${enc(courseId)}${includeEnded ? "&includeEnded=true" : ""}`, {
        schema: RunListSchema,
        signal,
      }),
  });
}

/** GET /api/courses/:id/enrolment → the viewer's standing on the course, null when signed out. */
export function useRunsCourseViewer(courseId: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ["learning", "viewer", courseId],
    queryFn: async ({ signal }): Promise<CourseViewer | null> => {
      try {
        return await apiRequest("GET", `/api/courses/${enc(courseId)}/enrolment`, {
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

/** POST /api/runs/:runId/members → joins the run (moving from another run of the course). */
export function useJoinRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      apiRequest("POST", `/api/runs/${enc(runId)}/members`, { schema: RunJoinResultSchema }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: runsKeys.all });
      await queryClient.invalidateQueries({ queryKey: ["learning", "runs"] });
    },
  });
}

/** GET /api/facilitate/runs → runs I facilitate (administrators: all). */
export function useFacilitatedRuns() {
  return useQuery({
    queryKey: runsKeys.facilitated,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/facilitate/runs", { schema: FacilitatedRunListSchema, signal }),
  });
}

/** GET /api/facilitate/runs/:runId → the run overview with its members (the server audits the view). */
export function useRunOverview(runId: string) {
  return useQuery({
    queryKey: runsKeys.overview(runId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/facilitate/runs/${enc(runId)}`, { schema: RunOverviewSchema, signal }),
  });
}

/** GET /api/facilitate/run-options → mini-courses and facilitators for the run form. */
export function useRunOptions() {
  return useQuery({
    queryKey: runsKeys.options,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/facilitate/run-options", { schema: RunOptionsSchema, signal }),
  });
}

/** POST /api/runs (no id) or PUT /api/runs/:runId → the saved run. */
export function useSaveRun(runId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RunCreateInputRaw | RunUpdateInputRaw) =>
      runId
        ? apiRequest("PUT", `/api/runs/${enc(runId)}`, { body, schema: FacilitatedRunSchema })
        : apiRequest("POST", "/api/runs", { body, schema: FacilitatedRunSchema }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: runsKeys.all });
      await queryClient.invalidateQueries({ queryKey: ["learning", "runs"] });
    },
  });
}

/** DELETE /api/runs/:runId (only a run with no members). */
export function useDeleteRun(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", `/api/runs/${enc(runId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsKeys.all }),
  });
}

/** GET /api/runs/:runId/engagement or /api/courses/:courseId/engagement → the engagement figures. */
export function useEngagement(kind: "run" | "course", id: string) {
  return useQuery({
    queryKey: runsKeys.engagement(kind, id),
    queryFn: ({ signal }) =>
      apiRequest(
        "GET",
        kind === "run" ? `/api/runs/${enc(id)}/engagement` : `/api/courses/${enc(id)}/engagement`,
        {
          schema: EngagementSchema,
          signal,
        },
      ),
  });
}
