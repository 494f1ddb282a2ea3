import { Link } from "react-router";
import type { OutlinePanelProps } from "../../../lib/slots";
import { useLearnerSurveySummary } from "../api/surveys";
import { takeSurveyPath } from "./survey-paths";

/** The learner's course outline: the pre-course survey before starting, the post-course survey at the end. */
export function OutlineSurveysPanel({ enrolmentId }: OutlinePanelProps) {
  const summary = useLearnerSurveySummary(enrolmentId);
  // The outline works without this panel: a failed or pending request shows nothing rather than blocking the page.
  if (!summary.data) return null;
  const pre = summary.data.surveys.find((s) => s.kind === "pre_course");
  const post = summary.data.surveys.find((s) => s.kind === "post_course");
  const lines = [
    pre?.available ? (
      <p key="pre">
        <Link to={takeSurveyPath(enrolmentId, "pre_course")}>
          Before you start: tell us about yourself (2 minutes)
        </Link>
      </p>
    ) : null,
    post?.available ? (
      <p key="post">
        <Link to={takeSurveyPath(enrolmentId, "post_course")}>Tell us what you thought</Link> of the course (3
        minutes)
      </p>
    ) : null,
    pre?.completed || post?.completed ? (
      <p key="thanks">
        Thank you for answering{" "}
        {pre?.completed && post?.completed ? "both course surveys" : "the course survey"}.
      </p>
    ) : null,
  ].filter(Boolean);
  if (lines.length === 0) return null;
  return (
    <section className="nhsuk-card" aria-labelledby="course-surveys-heading">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id="course-surveys-heading">
          Course surveys
        </h2>
        {lines}
      </div>
    </section>
  );
}
