import type { SurveyKind } from "../../../../shared/survey-kinds";

const enc = encodeURIComponent;

/** Where a learner takes a survey. */
export const takeSurveyPath = (enrolmentId: string, kind: SurveyKind) =>
  `/learning/${enc(enrolmentId)}/surveys/${kind}`;
/** The learner's course outline. */
export const outlinePath = (enrolmentId: string) => `/learning/${enc(enrolmentId)}`;
/** Editors' list of a course's surveys, and the edit page of one. */
export const manageSurveysPath = (courseId: string) => `/manage/courses/${enc(courseId)}/surveys`;
export const editSurveyPath = (courseId: string, kind: SurveyKind) =>
  `/manage/courses/${enc(courseId)}/surveys/${kind}`;
/** Results pages. */
export const runResultsPath = (runId: string) => `/facilitate/runs/${enc(runId)}/surveys`;
export const courseResultsPath = (courseId: string) => `/facilitate/courses/${enc(courseId)}/surveys`;
/** The facilitator hub's run overview (owned by the runs feature). */
export const runOverviewPath = (runId: string) => `/facilitate/runs/${enc(runId)}`;

/** The kind named in a URL, or null when it is not one. */
export function kindFrom(value: string | undefined): SurveyKind | null {
  return value === "pre_course" || value === "post_course" ? value : null;
}
