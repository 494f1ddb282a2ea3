import { Link, useParams } from "react-router";
import { BackLink } from "../../../components/links";
import { Tag } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useAdminScormAttempts } from "../api/admin-scorm-attempts";
import { Cell } from "../components/responsive-cell";
import { CompletionTag, SuccessTag, scoreWords } from "../components/scorm-words";
import "../components/scorm.css";

/** /admin/users/:userId/scorm-attempts: every SCORM attempt a learner has made, newest first. */
export function AdminScormAttemptsPage() {
  const { userId = "" } = useParams();
  const list = useAdminScormAttempts(userId);
  const name = list.data?.learner.name;
  usePageTitle(name ? `SCORM attempts: ${name}` : "SCORM attempts");
  const back = <BackLink to={`/admin/users/${encodeURIComponent(userId)}`}>{name ?? "User"}</BackLink>;

  if (list.isPending) return <LoadingPage title="SCORM attempts" />;
  if (list.isError) {
    return (
      <>
        {back}
        <ProblemPage
          title={isApiError(list.error, 404) ? "User not found" : "Sorry, there is a problem"}
          message={list.error.message}
        />
      </>
    );
  }
  const { learner, attempts } = list.data;
  return (
    <>
      {back}
      <span className="nhsuk-caption-l app-break-anywhere">{learner.name}</span>
      <h1>SCORM attempts</h1>
      <p className="app-break-anywhere">
        Interactive activities {learner.name} ({learner.email}) has opened. Open an attempt to see every value
        the content saved.
      </p>
      {attempts.length === 0 ? (
        <p>{learner.name} has not opened any SCORM activities.</p>
      ) : (
        <table className="nhsuk-table-responsive app-cmi-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            SCORM attempts of {learner.name}
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Activity</th>
              <th scope="col">Completion</th>
              <th scope="col">Success</th>
              <th scope="col">Score</th>
              <th scope="col">Last saved</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {attempts.map((attempt) => (
              <tr className="nhsuk-table__row" key={attempt.id}>
                <Cell heading="Activity">
                  <Link to={`/admin/scorm-attempts/${encodeURIComponent(attempt.id)}`}>
                    {attempt.step.title}, attempt {attempt.number}
                  </Link>
                  <br />
                  <span className="nhsuk-body-s">{attempt.course.title}</span>
                  {attempt.resetAt ? (
                    <>
                      <br />
                      <Tag modifier="grey">Reset</Tag>
                    </>
                  ) : null}
                </Cell>
                <Cell heading="Completion">
                  <CompletionTag status={attempt.completionStatus} />
                </Cell>
                <Cell heading="Success">
                  <SuccessTag status={attempt.successStatus} />
                </Cell>
                <Cell heading="Score">{scoreWords(attempt.scoreRaw, attempt.scoreScaled)}</Cell>
                <Cell heading="Last saved">{formatDateTime(attempt.updatedAt)}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
