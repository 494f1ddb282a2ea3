import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { useRunOptions } from "../api/runs";
import { RunForm } from "../components/run-form";

/** /facilitate/runs/new: schedule a run of a mini-course. */
export function NewRunPage() {
  const options = useRunOptions();
  if (options.isPending) return <LoadingPage title="Schedule a course run" />;
  if (options.isError)
    return <ProblemPage title="Sorry, there is a problem" message={options.error.message} />;
  return <RunForm options={options.data} overview={null} />;
}
