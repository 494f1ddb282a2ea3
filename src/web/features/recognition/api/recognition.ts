import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { LibraryEntrySchema, LibraryPageSchema, type LibrarySearchQuery } from "../../../../shared/library";
import {
  MyRecognitionCertificatesSchema,
  RecognitionAdminListSchema,
  type RecognitionDecisionCreateInput,
  RecognitionDecisionResultSchema,
  RecognitionOverviewSchema,
  RecognitionQueueItemSchema,
  RecognitionQueueSchema,
  RecognitionSubmissionDetailSchema,
  type RecognitionSubmitInput,
} from "../../../../shared/recognition";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Query keys of the recognition feature. */
export const recognitionKeys = {
  overview: (projectId: string) => ["recognition", "overview", projectId] as const,
  queue: ["recognition", "queue"] as const,
  submission: (id: string) => ["recognition", "submission", id] as const,
  admin: ["recognition", "admin"] as const,
  library: (query: Partial<LibrarySearchQuery>) => ["library", "search", query] as const,
  entry: (id: string) => ["library", "entry", id] as const,
  mine: ["recognition", "mine"] as const,
};

const projectPath = (id: string) => `/api/projects/${encodeURIComponent(id)}/recognition`;
/** The API path of a case study submission. */
export const caseStudyPath = (id: string) => `/api/assessment/case-studies/${encodeURIComponent(id)}`;

/** GET /api/projects/:id/recognition. */
export function useRecognitionOverview(projectId: string) {
  return useQuery({
    queryKey: recognitionKeys.overview(projectId),
    queryFn: ({ signal }) =>
      apiRequest("GET", projectPath(projectId), { schema: RecognitionOverviewSchema, signal }),
  });
}

function useOverviewMutation<I>(
  projectId: string,
  request: (input: I) => Promise<z.infer<typeof RecognitionOverviewSchema>>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (data) => queryClient.setQueryData(recognitionKeys.overview(projectId), data),
  });
}

/** POST /api/projects/:id/recognition/submissions. */
export function useSubmitForRecognition(projectId: string) {
  return useOverviewMutation(projectId, (body: RecognitionSubmitInput) =>
    apiRequest("POST", `${projectPath(projectId)}/submissions`, { schema: RecognitionOverviewSchema, body }),
  );
}

/** PUT /api/projects/:id/recognition/library-consent. */
export function useLibraryConsent(projectId: string) {
  return useOverviewMutation(projectId, (consent: boolean) =>
    apiRequest("PUT", `${projectPath(projectId)}/library-consent`, {
      schema: RecognitionOverviewSchema,
      body: { consent },
    }),
  );
}

/** PUT /api/projects/:id/recognition/name-consent. */
export function useNameConsent(projectId: string) {
  return useOverviewMutation(projectId, (nameInLibrary: boolean) =>
    apiRequest("PUT", `${projectPath(projectId)}/name-consent`, {
      schema: RecognitionOverviewSchema,
      body: { nameInLibrary },
    }),
  );
}

/** GET /api/assessment/case-studies. */
export function useCaseStudyQueue() {
  return useQuery({
    queryKey: recognitionKeys.queue,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/assessment/case-studies", { schema: RecognitionQueueSchema, signal }),
  });
}

/** POST …/pick-up; the queue is fetched again either way. */
export function usePickUpCaseStudy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest("POST", `${caseStudyPath(id)}/pick-up`, { schema: RecognitionQueueItemSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recognitionKeys.queue }),
  });
}

/** GET /api/assessment/case-studies/:id. */
export function useCaseStudySubmission(id: string) {
  return useQuery({
    queryKey: recognitionKeys.submission(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", caseStudyPath(id), { schema: RecognitionSubmissionDetailSchema, signal }),
  });
}

/** POST …/decision. */
export function useDecideCaseStudy(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecognitionDecisionCreateInput) =>
      apiRequest("POST", `${caseStudyPath(id)}/decision`, { schema: RecognitionDecisionResultSchema, body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["recognition"] }),
  });
}

/** GET /api/admin/case-studies. */
export function useAdminCaseStudies() {
  return useQuery({
    queryKey: recognitionKeys.admin,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/admin/case-studies", { schema: RecognitionAdminListSchema, signal }),
  });
}

/** POST /api/admin/case-studies/:id/allocate. */
export function useAllocateCaseStudy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { submissionId: string; assessorId: string }) =>
      apiRequest("POST", `/api/admin/case-studies/${encodeURIComponent(input.submissionId)}/allocate`, {
        schema: RecognitionQueueItemSchema,
        body: { assessorId: input.assessorId },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recognitionKeys.admin }),
  });
}

/** GET /api/case-studies (public). */
export function useLibrarySearch(query: {
  q: string;
  setting: string;
  topic: string;
  measureKind: string;
  page: number;
}) {
  return useQuery({
    queryKey: recognitionKeys.library(query as Partial<LibrarySearchQuery>),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/case-studies${toQueryString(query)}`, { schema: LibraryPageSchema, signal }),
  });
}

/** GET /api/case-studies/:id (public). */
export function useLibraryEntry(id: string) {
  return useQuery({
    queryKey: recognitionKeys.entry(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/case-studies/${encodeURIComponent(id)}`, {
        schema: LibraryEntrySchema,
        signal,
      }),
  });
}

/** GET /api/me/recognition-certificates. */
export function useMyRecognitionCertificates() {
  return useQuery({
    queryKey: recognitionKeys.mine,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/me/recognition-certificates", {
        schema: MyRecognitionCertificatesSchema,
        signal,
      }),
  });
}
