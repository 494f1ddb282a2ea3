import { Link, useParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useStepComments } from "../api/step-comments";
import { StepThread } from "../components/step-thread";
import { useThreadParams } from "../components/thread-params";

/**
 * /runs/:runId/steps/:stepId: a step's discussion for anyone who can read the run (members and facilitators); where
 * notification links lead, and where facilitators highlight and pin.
 */
export function RunStepDiscussionPage() {
  const { runId = "", stepId = "" } = useParams();
  const { sort, page } = useThreadParams();
  // The same query the thread below makes (shared through the cache), for the page's heading.
  const query = useStepComments(stepId, runId, sort, page);
  usePageTitle(query.data ? `Discussion: ${query.data.step.title}` : "Step discussion");

  if (query.isPending) return <LoadingPage title="Step discussion" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={
          isApiError(query.error, 404)
            ? "Discussion not found"
            : isApiError(query.error, 403)
              ? "You cannot see this discussion"
              : "Sorry, there is a problem"
        }
        message={query.error.message}
      />
    );
  }
  const { run, step, enrolmentId, viewer } = query.data;
  return (
    <>
      <Breadcrumbs
        items={[
          ...(viewer.canFacilitate
            ? [
                { to: "/facilitate", text: "Facilitate" },
                { to: `/facilitate/runs/${run.id}`, text: run.title },
                { to: `/facilitate/runs/${run.id}/discussions`, text: "Discussions" },
              ]
            : [{ to: `/runs/${run.id}/board`, text: `${run.title} board` }]),
        ]}
      />
      <span className="nhsuk-caption-l">
        {run.courseTitle}: {run.title}
      </span>
      <h1>{step.title}</h1>
      {enrolmentId && (
        <p>
          <Link to={`/learning/${enrolmentId}/steps/${step.id}`}>Go to this step in your course</Link>
        </p>
      )}
      <StepThread stepId={stepId} runId={runId} headingLevel="h2" />
    </>
  );
}
