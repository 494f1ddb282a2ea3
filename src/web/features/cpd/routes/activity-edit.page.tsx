import { useParams } from "react-router";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { useCpdActivity } from "../api/cpd-activity";
import { ActivityForm } from "../components/activity-form";
import { CPD_PATH } from "../components/cpd-paths";
import "../components/cpd.css";

/** /cpd/activities/:id/edit: change one of the learner's own CPD activities. */
export function EditActivityPage() {
  const { id = "" } = useParams();
  const activity = useCpdActivity(id);
  if (activity.isPending) return <LoadingPage title="Change a CPD activity" />;
  if (activity.isError) {
    return (
      <>
        <BackLink to={CPD_PATH}>Your CPD record</BackLink>
        <ProblemPage
          title={isApiError(activity.error, 404) ? "CPD activity not found" : "Sorry, there is a problem"}
          message={activity.error.message}
        />
      </>
    );
  }
  return <ActivityForm key={activity.data.id} activity={activity.data} />;
}
