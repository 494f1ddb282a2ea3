import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { AllocateSchema, type AssessorOptions } from "../../../../shared/assessment";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAllocate, useAssessorOptions } from "../api/allocation";
import { SubmissionStatusTag, waitingWords } from "../components/assessment-words";

const FIELDS = ["assessorId"] as const;

function AllocateForm({ submissionId, options }: { submissionId: string; options: AssessorOptions }) {
  const navigate = useNavigate();
  const allocate = useAllocate(submissionId);
  const submission = options.submission;
  const [assessorId, setAssessorId] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);
  const learner = submission?.learner.name ?? "the learner";
  usePageTitle(`Choose an assessor for ${learner}'s portfolio`, summary.length > 0);
  const eligible = options.assessors.filter((a) => a.conflict === null);
  const excluded = options.assessors.filter((a) => a.conflict !== null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (allocate.isPending) return;
    if (showFieldErrors(validateFields({ assessorId: [AllocateSchema.shape.assessorId, assessorId] })))
      return;
    const chosen = eligible.find((a) => a.id === assessorId);
    allocate.mutate(assessorId, {
      onSuccess: () =>
        navigate("/admin/assessment", {
          state: flash(
            "Submission allocated",
            `${learner}'s portfolio is now with ${chosen?.name ?? "the assessor"}. We have emailed them.`,
          ),
        }),
      onError: showFailure,
    });
  };

  return (
    <>
      <BackLink to="/admin/assessment">Assessment allocation</BackLink>
      <ErrorSummary errors={summary} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">Assessment allocation</span>
          <h1>Choose an assessor for {learner}'s portfolio</h1>
          {submission ? (
            <SummaryList>
              <SummaryList.Row>
                <SummaryList.Key>Learner</SummaryList.Key>
                <SummaryList.Value>{submission.learner.name}</SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Course</SummaryList.Key>
                <SummaryList.Value>
                  {submission.course.title} ({LEVEL_LABELS[submission.course.level]}), version{" "}
                  {submission.version}
                </SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Status</SummaryList.Key>
                <SummaryList.Value>
                  <SubmissionStatusTag status={submission.status} />
                </SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Submitted</SummaryList.Key>
                <SummaryList.Value>
                  {formatDate(submission.submittedAt)} ({waitingWords(submission.waitingDays).toLowerCase()}
                  {submission.waitingDays > 0 ? " ago" : ""})
                </SummaryList.Value>
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Assessor now</SummaryList.Key>
                <SummaryList.Value>{submission.assessor?.name ?? "Not allocated"}</SummaryList.Value>
              </SummaryList.Row>
            </SummaryList>
          ) : null}
          {eligible.length === 0 ? (
            <>
              <h2>No assessor can take it</h2>
              <p>
                Nobody else holds the assessor role now. Give someone the assessor role from their account in
                Users, then come back.
              </p>
            </>
          ) : (
            <form noValidate onSubmit={submit}>
              <Radios
                name="assessorId"
                legend="Assessor"
                hint="We email the assessor. The number is how many portfolios they have waiting for a decision now."
                error={errors.assessorId}
                value={assessorId}
                onChange={setAssessorId}
                options={eligible.map((a) => ({
                  value: a.id,
                  label: a.name,
                  hint: `${a.email}. ${a.openAllocations === 1 ? "1 portfolio" : `${a.openAllocations} portfolios`} waiting.`,
                }))}
              />
              <Button busy={allocate.isPending}>Allocate</Button>
            </form>
          )}
          {excluded.length > 0 ? (
            <>
              <h2 className="nhsuk-heading-s">Assessors who cannot take it</h2>
              <ul>
                {excluded.map((a) => (
                  <li key={a.id}>
                    {a.name}: {a.conflict}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** /admin/assessment/:submissionId/allocate: choose the assessor for one submission. */
export function AdminAllocatePage() {
  const { submissionId = "" } = useParams();
  const options = useAssessorOptions(submissionId);
  if (options.isPending) return <LoadingPage title="Choose an assessor" />;
  if (options.isError) {
    const notFound = isApiError(options.error, 404) || isApiError(options.error, 400);
    return (
      <ProblemPage
        title={notFound ? "Submission not found" : "Sorry, there is a problem"}
        message={options.error.message}
      >
        <p>
          <Link to="/admin/assessment">Go to assessment allocation</Link>
        </p>
      </ProblemPage>
    );
  }
  return <AllocateForm submissionId={submissionId} options={options.data} />;
}
