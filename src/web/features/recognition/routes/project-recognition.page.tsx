import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import type { RecognitionOverview } from "../../../../shared/recognition";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { InsetText, SummaryList, Tag } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  useLibraryConsent,
  useNameConsent,
  useRecognitionOverview,
  useSubmitForRecognition,
} from "../api/recognition";
import { DecisionRecord } from "../components/decision-record";
import { RecognitionStatusTag } from "../components/recognition-words";

const SUBMIT_FIELDS = ["declaration", "libraryConsent"] as const;

function SubmitForm({ overview }: { overview: RecognitionOverview }) {
  const submit = useSubmitForRecognition(overview.projectId);
  const [declaration, setDeclaration] = useState(false);
  const [consent, setConsent] = useState(overview.libraryConsent.given ? "yes" : "");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(SUBMIT_FIELDS);
  usePageTitle(`Recognition: ${overview.projectTitle}`, summary.length > 0);
  const [sent, setSent] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submit.isPending) return;
    const fieldErrors: Record<string, string> = {};
    if (!declaration)
      fieldErrors.declaration =
        "Confirm that this is your team's own work and that any patient data is anonymised";
    if (consent === "")
      fieldErrors.libraryConsent = "Choose whether the case study may appear in the public library";
    if (showFieldErrors(fieldErrors)) return;
    submit.mutate(
      { declaration: true, libraryConsent: consent === "yes" },
      { onSuccess: () => setSent(true), onError: showFailure },
    );
  };

  if (sent) return null;
  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={summary} />
      <h2>Submit for recognition</h2>
      <p>
        The case study is frozen as it is now and an assessor scores it against the{" "}
        <Link to="/case-studies/rubric">published rubric</Link>. You will be emailed when they decide.
      </p>
      <Checkbox
        id="declaration"
        label="This is our team's own work, and any patient data in it is anonymised"
        error={errors.declaration}
        checked={declaration}
        onChange={setDeclaration}
      />
      <Radios
        name="libraryConsent"
        legend="May the case study appear in the public case-study library if it is recognised?"
        legendSize="s"
        hint="You agree for the whole team. Team members' names appear only if each of them agrees. You can withdraw this later and the case study is taken out of the library at once."
        error={errors.libraryConsent}
        value={consent}
        onChange={setConsent}
        options={[
          { value: "yes", label: "Yes, publish it if it is recognised" },
          { value: "no", label: "No, do not publish it" },
        ]}
      />
      <Button busy={submit.isPending}>Submit for recognition</Button>
    </form>
  );
}

function Prerequisites({ overview }: { overview: RecognitionOverview }) {
  if (overview.prerequisites.length === 0) return null;
  const missing = overview.prerequisites.filter((p) => !p.met);
  return (
    <>
      <h2>Before you submit</h2>
      {missing.length === 0 ? (
        <p>The write-up is complete and there is measured data.</p>
      ) : (
        <p>
          Finish these on the project first.{" "}
          <Link to={`/projects/${encodeURIComponent(overview.projectId)}`}>Go to the project</Link>.
        </p>
      )}
      <ul className="nhsuk-list">
        {overview.prerequisites.map((p) => (
          <li key={p.id}>
            {p.label} {p.met ? <Tag color="green">Done</Tag> : <Tag color="grey">Not done yet</Tag>}
          </li>
        ))}
      </ul>
    </>
  );
}

function Consent({ overview }: { overview: RecognitionOverview }) {
  const library = useLibraryConsent(overview.projectId);
  const name = useNameConsent(overview.projectId);
  return (
    <>
      <h2>The public case-study library</h2>
      <RequestErrorSummary error={library.error ?? name.error} />
      <p>
        {overview.libraryConsent.given
          ? `The team agreed that the case study may appear in the library${overview.libraryConsent.by ? ` (${overview.libraryConsent.by}, ${formatDate(overview.libraryConsent.at ?? "")})` : ""}.`
          : "The team has not agreed that the case study may appear in the library."}{" "}
        {overview.recognised?.inLibrary ? (
          <Link to={`/case-studies/${encodeURIComponent(overview.projectId)}`}>See it in the library</Link>
        ) : null}
      </p>
      {overview.isLead ? (
        <Button
          type="button"
          variant="secondary"
          busy={library.isPending}
          onClick={() => library.mutate(!overview.libraryConsent.given)}
        >
          {overview.libraryConsent.given
            ? "Withdraw consent and take it out of the library"
            : "Agree to publish it in the library"}
        </Button>
      ) : null}
      {overview.myNameInLibrary !== null ? (
        <>
          <p>
            {overview.myNameInLibrary
              ? "Your name appears with the case study if it is published."
              : "Your name does not appear with the case study if it is published."}
          </p>
          <Button
            type="button"
            variant="secondary"
            busy={name.isPending}
            onClick={() => name.mutate(!overview.myNameInLibrary)}
          >
            {overview.myNameInLibrary ? "Do not show my name" : "Show my name as an author"}
          </Button>
        </>
      ) : null}
    </>
  );
}

/** /projects/:id/recognition: prerequisites, submission, each version's decision, consent and certificates. */
export function ProjectRecognitionPage() {
  const { id = "" } = useParams();
  const query = useRecognitionOverview(id);
  usePageTitle("Recognition");
  if (query.isPending) return <LoadingPage title="Recognition" />;
  if (query.isError) return <ProblemPage title="Recognition" message={query.error.message} />;
  const overview = query.data;
  const latest = overview.versions.at(-1);
  return (
    <>
      <BackLink to={`/projects/${encodeURIComponent(id)}`}>{overview.projectTitle}</BackLink>
      {overview.status === "passed" ? (
        <NotificationBanner heading="This project is recognised">
          <p>Each team member has a certificate and {overview.cpdPoints} CPD points in their CPD record.</p>
        </NotificationBanner>
      ) : null}
      <span className="nhsuk-caption-l">{overview.projectTitle}</span>
      <h1>Recognition</h1>
      <p>
        Status: <RecognitionStatusTag status={overview.status} />
      </p>
      <p>
        Recognised projects are scored against the <Link to="/case-studies/rubric">published rubric</Link>{" "}
        (version {overview.rubricVersion}). Each team member gets a certificate and {overview.cpdPoints} CPD
        points.
      </p>
      {overview.status === "awaiting_assessment" ? (
        <InsetText>
          <p>
            Version {latest?.version} was submitted on {formatDate(latest?.submittedAt ?? "")} and is waiting
            for an assessor. The team is emailed when they decide.
          </p>
        </InsetText>
      ) : null}
      {overview.isMember && overview.status !== "passed" && overview.status !== "awaiting_assessment" ? (
        <Prerequisites overview={overview} />
      ) : null}
      {overview.canSubmit ? <SubmitForm overview={overview} /> : null}
      {overview.isMember && !overview.isLead && overview.status !== "passed" ? (
        <p>A project lead submits the case study for the team.</p>
      ) : null}

      {overview.certificates.length > 0 ? (
        <>
          <h2>Certificates</h2>
          <SummaryList>
            {overview.certificates.map((c) => (
              <SummaryList.Row key={c.id}>
                <SummaryList.Key>{c.certificateName}</SummaryList.Key>
                <SummaryList.Value>
                  <Link to={`/verify/${encodeURIComponent(c.code)}`}>{c.code}</Link>, issued{" "}
                  {formatDate(c.issuedAt)}, {c.cpdPoints} CPD points
                </SummaryList.Value>
              </SummaryList.Row>
            ))}
          </SummaryList>
        </>
      ) : null}

      {overview.isMember || overview.versions.length > 0 ? <Consent overview={overview} /> : null}

      {overview.versions.length > 0 ? (
        <>
          <h2>Versions and feedback</h2>
          {[...overview.versions].reverse().map((v) => (
            <section key={v.id}>
              <h3>
                Version {v.version}, submitted {formatDate(v.submittedAt)}{" "}
                <RecognitionStatusTag status={v.status} />
              </h3>
              {v.decision ? (
                <DecisionRecord decision={v.decision} caption={`Scores for version ${v.version}`} />
              ) : (
                <p>Not decided yet.</p>
              )}
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
