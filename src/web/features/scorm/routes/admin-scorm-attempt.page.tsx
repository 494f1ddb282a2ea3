import { useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { SCORM_VERSION_LABELS, type ScormAttemptAdmin } from "../../../../shared/scorm";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList, Tag, WarningCallout } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useAdminScormAttempt, useResetScormAttempt } from "../api/admin-scorm-attempts";
import { Cell } from "../components/responsive-cell";
import { CompletionTag, durationWords, SuccessTag, scoreWords } from "../components/scorm-words";
import "../components/scorm.css";

/** "Reset this attempt", then the NHS warning callout asking to confirm, in place. */
function ResetSection({ attempt, onReset }: { attempt: ScormAttemptAdmin; onReset: () => void }) {
  const reset = useResetScormAttempt(attempt.id);
  const [asking, setAsking] = useState(false);
  const questionRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) questionRef.current?.focus();
  }, [asking]);

  if (attempt.resetAt) {
    return (
      <>
        <h2>Reset</h2>
        <p>
          This attempt was reset on {formatDateTime(attempt.resetAt)}. The learner's next launch starts a new
          attempt.
        </p>
      </>
    );
  }
  return (
    <>
      <h2>Reset this attempt</h2>
      <RequestErrorSummary error={reset.error} />
      {asking ? (
        <div ref={questionRef} tabIndex={-1} className="app-confirm-reset">
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h3">
              Are you sure you want to reset this attempt?
            </WarningCallout.Heading>
            <p>
              {attempt.learner.name} will start this activity from the beginning next time. The values above
              are kept for the record. A completion already recorded on the course stays.
            </p>
          </WarningCallout>
          <div className="app-player__actions">
            <Button
              type="button"
              variant="warning"
              busy={reset.isPending}
              onClick={() => reset.mutate(undefined, { onSuccess: onReset })}
            >
              Yes, reset this attempt
            </Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <>
          <p>Use this when the content is stuck, for example after a faulty package was replaced.</p>
          <Button type="button" variant="warning" onClick={() => setAsking(true)}>
            Reset this attempt
          </Button>
        </>
      )}
    </>
  );
}

/** /admin/scorm-attempts/:attemptId: an attempt's statuses, score, time and every stored value, for support calls. */
export function AdminScormAttemptPage() {
  const { attemptId = "" } = useParams();
  const attempt = useAdminScormAttempt(attemptId);
  const [resetDone, setResetDone] = useState(false);
  const title = attempt.data ? `${attempt.data.step.title}, attempt ${attempt.data.number}` : "SCORM attempt";
  usePageTitle(title);

  if (attempt.isPending) return <LoadingPage title="SCORM attempt" />;
  if (attempt.isError) {
    return (
      <>
        <BackLink to="/admin/users">Users</BackLink>
        <ProblemPage
          title={isApiError(attempt.error, 404) ? "Attempt not found" : "Sorry, there is a problem"}
          message={attempt.error.message}
        />
      </>
    );
  }
  const a = attempt.data;
  return (
    <>
      <BackLink to={`/admin/users/${encodeURIComponent(a.learner.id)}/scorm-attempts`}>
        SCORM attempts of {a.learner.name}
      </BackLink>
      {resetDone ? (
        <NotificationBanner heading="Attempt reset">
          <p>{a.learner.name} will start a new attempt the next time they open this activity.</p>
        </NotificationBanner>
      ) : null}
      <span className="nhsuk-caption-l app-break-anywhere">{a.learner.name}</span>
      <h1 className="app-break-anywhere">{title}</h1>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Learner</SummaryList.Key>
          <SummaryList.Value className="app-break-anywhere">
            {a.learner.name}
            <br />
            {a.learner.email}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Course</SummaryList.Key>
          <SummaryList.Value>{a.course.title}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Package</SummaryList.Key>
          <SummaryList.Value>
            Version {a.packageVersion}, {SCORM_VERSION_LABELS[a.scormVersion]}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Started</SummaryList.Key>
          <SummaryList.Value>{formatDateTime(a.createdAt)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Status</SummaryList.Key>
          <SummaryList.Value>
            {a.resetAt ? <Tag modifier="grey">Reset</Tag> : <Tag modifier="blue">Current</Tag>}
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>

      {a.scos.map((sco) => {
        const entries = Object.entries(sco.values).sort(([x], [y]) => x.localeCompare(y));
        return (
          <section key={sco.scoId}>
            <h2 className="app-break-anywhere">{sco.title}</h2>
            <SummaryList>
              <SummaryList.Row>
                <SummaryList.Key>Completion</SummaryList.Key>
                <SummaryList.Value>
                  <CompletionTag status={sco.completionStatus} />
                </SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Success</SummaryList.Key>
                <SummaryList.Value>
                  <SuccessTag status={sco.successStatus} />
                </SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Score</SummaryList.Key>
                <SummaryList.Value>{scoreWords(sco.scoreRaw, sco.scoreScaled)}</SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Total time</SummaryList.Key>
                <SummaryList.Value>{durationWords(sco.totalTimeSeconds)}</SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Last saved</SummaryList.Key>
                <SummaryList.Value>
                  {sco.updatedAt ? formatDateTime(sco.updatedAt) : "Never"} (commit {sco.lastSequence})
                </SummaryList.Value>
              </SummaryList.Row>
            </SummaryList>
            {entries.length === 0 ? (
              <p>The content has not saved any values.</p>
            ) : (
              <table className="nhsuk-table-responsive app-cmi-table">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                  Data model values of {sco.title}
                </caption>
                <thead className="nhsuk-table__head">
                  <tr>
                    <th scope="col">Element</th>
                    <th scope="col">Value</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {entries.map(([element, value]) => (
                    <tr className="nhsuk-table__row" key={element}>
                      <Cell heading="Element">
                        <code>{element}</code>
                      </Cell>
                      <Cell heading="Value">
                        {value === "" ? <span className="nhsuk-body-s">(empty)</span> : value}
                      </Cell>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}

      <ResetSection attempt={a} onReset={() => setResetDone(true)} />
    </>
  );
}
