import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SurveyKind } from "../../../../shared/survey-kinds";
import {
  CourseSurveysSchema,
  LearnerSurveySchema,
  LearnerSurveySummarySchema,
  type SurveyInput,
  SurveyReceiptSchema,
  type SurveyResponseInput,
  SurveyResultsSchema,
  SurveySchema,
} from "../../../../shared/surveys";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Query keys of surveys; everything under ["surveys"] is refreshed after an edit or a response. */
export const surveyKeys = {
  all: ["surveys"] as const,
  course: (courseId: string) => ["surveys", "course", courseId] as const,
  learnerSummary: (enrolmentId: string) => ["surveys", "learner", enrolmentId] as const,
  learner: (enrolmentId: string, kind: SurveyKind) => ["surveys", "learner", enrolmentId, kind] as const,
  results: (scope: ResultsScope, kind: SurveyKind) => ["surveys", "results", scope, kind] as const,
};

const enc = encodeURIComponent;

/** GET /api/courses/:courseId/surveys → both of a course's surveys (editors). */
export function useCourseSurveys(courseId: string) {
  return useQuery({
    queryKey: surveyKeys.course(courseId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/courses/${enc(courseId)}/surveys`, { schema: CourseSurveysSchema, signal }),
  });
}

/** PUT /api/courses/:courseId/surveys/:kind → the saved survey. */
export function useSaveSurvey(courseId: string, kind: SurveyKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyInput) =>
      apiRequest("PUT", `/api/courses/${enc(courseId)}/surveys/${kind}`, { body, schema: SurveySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

/** GET /api/enrolments/:enrolmentId/surveys → where the learner stands with both surveys. */
export function useLearnerSurveySummary(enrolmentId: string) {
  return useQuery({
    queryKey: surveyKeys.learnerSummary(enrolmentId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/enrolments/${enc(enrolmentId)}/surveys`, {
        schema: LearnerSurveySummarySchema,
        signal,
      }),
  });
}

/** GET /api/enrolments/:enrolmentId/surveys/:kind → the survey as the learner sees it. */
export function useLearnerSurvey(enrolmentId: string, kind: SurveyKind) {
  return useQuery({
    queryKey: surveyKeys.learner(enrolmentId, kind),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/enrolments/${enc(enrolmentId)}/surveys/${kind}`, {
        schema: LearnerSurveySchema,
        signal,
      }),
  });
}

/** POST /api/enrolments/:enrolmentId/surveys/:kind/responses → the receipt. */
export function useRespondToSurvey(enrolmentId: string, kind: SurveyKind) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyResponseInput) =>
      apiRequest("POST", `/api/enrolments/${enc(enrolmentId)}/surveys/${kind}/responses`, {
        body,
        schema: SurveyReceiptSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["surveys", "learner", enrolmentId] }),
  });
}

/** Whose results: one run's, or a course's (optionally filtered to one of its runs). */
export type ResultsScope = { runId: string } | { courseId: string; runId?: string | undefined };

/** The API path of a survey's results (add ".csv" before the query for the download). */
export function resultsPath(scope: ResultsScope, kind: SurveyKind, csv = false): string {
  const suffix = csv ? "results.csv" : "results";
  if ("courseId" in scope)
    return `/api/courses/${enc(scope.courseId)}/surveys/${kind}/${suffix}${toQueryString({ runId: scope.runId })}`;
  return `/api/runs/${enc(scope.runId)}/surveys/${kind}/${suffix}`;
}

/** GET …/surveys/:kind/results → a survey's results; 404 when the course has no survey of the kind. */
export function useSurveyResults(scope: ResultsScope, kind: SurveyKind) {
  return useQuery({
    queryKey: surveyKeys.results(scope, kind),
    queryFn: ({ signal }) =>
      apiRequest("GET", resultsPath(scope, kind), { schema: SurveyResultsSchema, signal }),
    retry: false,
  });
}
