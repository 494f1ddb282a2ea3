/** Where each learner portfolio page lives, with the ids escaped. */
export const portfolioPaths = {
  course: (enrolmentId: string) => `/learning/${encodeURIComponent(enrolmentId)}`,
  overview: (enrolmentId: string) => `/learning/${encodeURIComponent(enrolmentId)}/portfolio`,
  add: (enrolmentId: string, criterionId?: string) =>
    `/learning/${encodeURIComponent(enrolmentId)}/portfolio/add${criterionId ? `?criterion=${encodeURIComponent(criterionId)}` : ""}`,
  addKind: (enrolmentId: string, kind: "reflection" | "file" | "link", criterionId?: string | null) =>
    `/learning/${encodeURIComponent(enrolmentId)}/portfolio/add/${kind}${criterionId ? `?criterion=${encodeURIComponent(criterionId)}` : ""}`,
  evidence: (enrolmentId: string, evidenceId: string) =>
    `/learning/${encodeURIComponent(enrolmentId)}/portfolio/evidence/${encodeURIComponent(evidenceId)}`,
  submit: (enrolmentId: string) => `/learning/${encodeURIComponent(enrolmentId)}/portfolio/submit`,
  submitted: (enrolmentId: string) => `/learning/${encodeURIComponent(enrolmentId)}/portfolio/submitted`,
};

/** Where each criteria editing page lives under /manage. */
export const criteriaPaths = {
  tree: (courseId: string) => `/manage/courses/${encodeURIComponent(courseId)}/criteria`,
  unit: (courseId: string, unitId: string) =>
    `/manage/courses/${encodeURIComponent(courseId)}/criteria/units/${encodeURIComponent(unitId)}`,
  outcome: (courseId: string, outcomeId: string) =>
    `/manage/courses/${encodeURIComponent(courseId)}/criteria/outcomes/${encodeURIComponent(outcomeId)}`,
  newCriterion: (courseId: string, outcomeId: string) =>
    `/manage/courses/${encodeURIComponent(courseId)}/criteria/outcomes/${encodeURIComponent(outcomeId)}/new-criterion`,
  criterion: (courseId: string, criterionId: string) =>
    `/manage/courses/${encodeURIComponent(courseId)}/criteria/criteria/${encodeURIComponent(criterionId)}`,
};
