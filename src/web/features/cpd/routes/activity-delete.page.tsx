import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useCpdActivity } from "../api/cpd-activity";
import { useDeleteCpdActivity } from "../api/delete-cpd-activity";
import { activityPath, CPD_PATH } from "../components/cpd-paths";
import "../components/cpd.css";

const TITLE = "Are you sure you want to delete this CPD activity?";

/** /cpd/activities/:id/delete: confirm before an activity is deleted for good. */
export function DeleteActivityPage() {
  const { id = "" } = useParams();
  const activity = useCpdActivity(id);
  const remove = useDeleteCpdActivity(id);
  const navigate = useNavigate();
  usePageTitle(TITLE);

  if (activity.isPending) return <LoadingPage title={TITLE} />;
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

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (remove.isPending) return;
    remove.mutate(undefined, {
      onSuccess: () =>
        navigate(CPD_PATH, {
          replace: true,
          state: flash(`CPD activity deleted: ${activity.data.title}`, "Your totals no longer include it."),
        }),
    });
  };

  return (
    <>
      <BackLink to={activityPath(id)}>{activity.data.title}</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <RequestErrorSummary error={remove.error} />
          <h1>{TITLE}</h1>
          <p className="app-cpd-cell">
            <strong>{activity.data.title}</strong>, {formatDate(activity.data.activityDate)}
          </p>
          <p>
            Deleting it removes it and its reflection from your CPD record for good. You cannot undo this.
          </p>
          <form noValidate onSubmit={confirm}>
            <Button variant="warning" busy={remove.isPending}>
              Delete activity
            </Button>
          </form>
          <p>
            <Link to={activityPath(id)}>Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
