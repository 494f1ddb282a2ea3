import { Link, useParams, useSearchParams } from "react-router";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { courseResultsPath } from "../components/survey-paths";
import { SurveyResultsView, useResultsHeader } from "../components/survey-results-view";

/**
 * /facilitate/courses/:courseId/surveys (optionally ?runId=): a course's survey results across its runs, for platform
 * administrators, content editors and facilitators of any of its runs.
 */
export function CourseSurveyResultsPage() {
  const { courseId = "" } = useParams();
  const [search] = useSearchParams();
  const runId = search.get("runId") ?? undefined;
  const scope = { courseId, runId };
  const header = useResultsHeader(scope);
  usePageTitle("Survey results for the course");
  if (header.blocking) {
    return (
      <>
        <BackLink to="/facilitate">Your course runs</BackLink>
        <ProblemPage title="Survey results for the course" message={header.blocking.message} />
      </>
    );
  }
  if (header.pending) return <LoadingPage title="Survey results for the course" />;
  const data = header.data;
  return (
    <>
      <BackLink to="/facilitate">Your course runs</BackLink>
      <span className="nhsuk-caption-l">{data?.courseTitle}</span>
      <h1>Survey results for the course</h1>
      {data?.run ? (
        <p>
          Showing the run “{data.run.title}” only.{" "}
          <Link to={courseResultsPath(courseId)}>Show every run</Link>
        </p>
      ) : (
        <p>What people said in the course surveys, across every run of the course.</p>
      )}
      <SurveyResultsView scope={scope} />
    </>
  );
}
