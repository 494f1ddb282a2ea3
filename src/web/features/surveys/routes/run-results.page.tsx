import { Link, useParams } from "react-router";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { courseResultsPath, runOverviewPath } from "../components/survey-paths";
import { SurveyResultsView, useResultsHeader } from "../components/survey-results-view";

/** /facilitate/runs/:runId/surveys: the run's pre- and post-course survey results (its facilitators, admins). */
export function RunSurveyResultsPage() {
  const { runId = "" } = useParams();
  const scope = { runId };
  const header = useResultsHeader(scope);
  usePageTitle("Survey results");
  if (header.blocking) {
    return (
      <>
        <BackLink to="/facilitate">Your course runs</BackLink>
        <ProblemPage title="Survey results" message={header.blocking.message} />
      </>
    );
  }
  if (header.pending) return <LoadingPage title="Survey results" />;
  const data = header.data;
  return (
    <>
      <BackLink to={runOverviewPath(runId)}>{data?.run?.title ?? "The course run"}</BackLink>
      <span className="nhsuk-caption-l">
        {data?.courseTitle}
        {data?.run ? `: ${data.run.title}` : ""}
      </span>
      <h1>Survey results</h1>
      <p>
        What the people in this run said in the course surveys.
        {data ? (
          <>
            {" "}
            You can also see{" "}
            <Link to={courseResultsPath(data.courseId)}>results across all runs of the course</Link> if you
            facilitate it.
          </>
        ) : null}
      </p>
      <SurveyResultsView scope={scope} />
    </>
  );
}
