/** A survey is taken before the course or after it. */
export const SURVEY_KINDS = ["pre_course", "post_course"] as const;
/** A survey's kind. */
export type SurveyKind = (typeof SURVEY_KINDS)[number];
/** A Likert statement (strongly disagree 1 … strongly agree 5) or a free-text question. */
export const SURVEY_QUESTION_KINDS = ["likert", "free_text"] as const;
/** A survey question's kind. */
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];
