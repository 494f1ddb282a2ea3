import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useDeleteAnswer } from "../api/delete-answer";
import { useManagedAnswer } from "../api/managed-answer";
import { MANAGE_HELP_PATH, manageAnswerPath } from "../components/help-paths";

const TITLE = "Are you sure you want to delete this answer?";

/** /manage/help/:id/delete: confirm before an answer is deleted for good. */
export function DeleteAnswerPage() {
  const { id = "" } = useParams();
  const answer = useManagedAnswer(id);
  const remove = useDeleteAnswer(id);
  const navigate = useNavigate();
  usePageTitle(TITLE);

  if (answer.isPending) return <LoadingPage title={TITLE} />;
  if (answer.isError) {
    return (
      <>
        <BackLink to={MANAGE_HELP_PATH}>Help answers</BackLink>
        <ProblemPage
          title={isApiError(answer.error, 404) ? "Answer not found" : "Sorry, there is a problem"}
          message={answer.error.message}
        />
      </>
    );
  }

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (remove.isPending) return;
    remove.mutate(undefined, {
      onSuccess: () => navigate(MANAGE_HELP_PATH, { state: flash(`Answer deleted: ${answer.data.title}`) }),
    });
  };

  return (
    <>
      <BackLink to={manageAnswerPath(id)}>Edit the answer</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <RequestErrorSummary error={remove.error} />
          <h1>{TITLE}</h1>
          <p>
            <strong>{answer.data.title}</strong>
          </p>
          <p>
            Deleting it cannot be undone. Anyone who follows a link to it will be told the page cannot be
            found. To hide it for now instead, edit it and clear the Publish this answer box.
          </p>
          <form noValidate onSubmit={confirm}>
            <Button variant="warning" busy={remove.isPending}>
              Delete answer
            </Button>
          </form>
          <p>
            <Link to={manageAnswerPath(id)}>Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
