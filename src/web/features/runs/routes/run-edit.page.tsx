import { useParams } from "react-router";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { useRunOptions, useRunOverview } from "../api/runs";
import { RunForm } from "../components/run-form";

/** /facilitate/runs/:runId/edit: change a run's title, dates and facilitators. */
export function EditRunPage() {
  const { runId = "" } = useParams();
  const options = useRunOptions();
  const overview = useRunOverview(runId);
  if (options.isPending || overview.isPending) return <LoadingPage title="Change a course run" />;
  if (overview.isError) {
    return (
      <ProblemPage
        title={isApiError(overview.error, 404) ? "Course run not found" : "Sorry, there is a problem"}
        message={overview.error.message}
      />
    );
  }
  if (options.isError)
    return <ProblemPage title="Sorry, there is a problem" message={options.error.message} />;
  if (!overview.data.run.canEdit) {
    return (
      <ProblemPage
        title="You cannot change this run"
        message="Only this run's facilitators and platform administrators can change it."
      />
    );
  }
  return <RunForm options={options.data} overview={overview.data} />;
}
