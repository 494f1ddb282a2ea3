import { Link, Navigate, useParams } from "react-router";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { useLearningOutline } from "../api/learning-outline";
import { outlinePath, stepPath } from "../components/learning-paths";

/**
 * /learning/:enrolmentId/continue: asks the server (never a cached answer, so it is right from any device) for the
 * next incomplete step and replaces this address with it; a finished course goes to its outline, which says so.
 */
export function LearningContinuePage() {
  const { enrolmentId = "" } = useParams();
  const outline = useLearningOutline(enrolmentId);

  if (outline.isError) {
    if (isApiError(outline.error, 404) || isApiError(outline.error, 400)) {
      return (
        <ProblemPage
          title="Course not found"
          message="This is not a course you are enrolled on. If you typed the web address, check it is correct."
        >
          <p>
            <Link to="/my-learning">Go to My learning</Link>
          </p>
        </ProblemPage>
      );
    }
    return (
      <ProblemPage title="Sorry, there is a problem with the service" message={outline.error.message}>
        <p>
          <Link to="/my-learning">Go to My learning</Link>
        </p>
      </ProblemPage>
    );
  }
  if (!outline.isFetchedAfterMount || outline.isFetching || !outline.data) {
    return <LoadingPage title="Finding your next step" />;
  }
  const { nextStepId, enrolment } = outline.data;
  const to =
    nextStepId && !enrolment.readOnly && enrolment.state === "active"
      ? stepPath(enrolmentId, nextStepId)
      : outlinePath(enrolmentId);
  return <Navigate to={to} replace />;
}
