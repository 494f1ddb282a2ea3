import { Link } from "react-router";
import type { StepPanelProps } from "../../../lib/slots";
import { useRunsForCourse } from "../api/runs-for-course";
import { StepThread } from "./step-thread";

/** Below every step: the step's discussion for the learner's run. */
export function StepDiscussion({ courseId, enrolmentId, stepId }: StepPanelProps) {
  const runs = useRunsForCourse(courseId);
  if (runs.isPending) return <p>Loading the discussion…</p>;
  if (runs.isError) {
    return (
      <section className="nhsuk-u-margin-top-6" aria-labelledby="step-discussion-heading">
        <h2 className="nhsuk-heading-m" id="step-discussion-heading">
          Discussion
        </h2>
        <p>We could not load the discussion for this step. Try again later.</p>
      </section>
    );
  }
  const run =
    runs.data.runs.find((r) => r.viewer?.isMember) ?? runs.data.runs.find((r) => r.viewer?.isFacilitator);
  if (!run) {
    return (
      <section className="nhsuk-u-margin-top-6" aria-labelledby="step-discussion-heading">
        <h2 className="nhsuk-heading-m" id="step-discussion-heading">
          Discussion
        </h2>
        <p>
          Join a course run to see and take part in the discussion.{" "}
          <Link to={`/learning/${enrolmentId}`}>Go to the course outline</Link> to choose a run.
        </p>
      </section>
    );
  }
  if (run.phase === "upcoming" || run.phase === "ended") {
    return (
      <section className="nhsuk-u-margin-top-6" aria-labelledby="step-discussion-heading">
        <h2 className="nhsuk-heading-m" id="step-discussion-heading">
          Discussion
        </h2>
        <p>
          {run.phase === "upcoming"
            ? `The discussion opens when ${run.title} starts.`
            : `${run.title} has ended, so its discussion is closed.`}
        </p>
      </section>
    );
  }
  return <StepThread stepId={stepId} runId={run.id} headingLevel="h2" />;
}
