import { type FormEvent, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { formatBytes } from "../../../../shared/authoring";
import { formatCalendarDate } from "../../../../shared/dates";
import type { BenefitEventKind } from "../../../../shared/implementation";
import {
  BENEFIT_STATUS_MEANINGS,
  type BenefitDecision,
  type BenefitDetail,
  type BenefitEvent,
} from "../../../../shared/implementation-benefits";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { describedBy, ErrorMessage, Hint } from "../../../components/form-group";
import { InsetText } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { type FormErrors, useFormErrors } from "../../../lib/use-form-errors";
import {
  useAddEvidence,
  useAnswerBenefit,
  useBenefit,
  useBenefitList,
  useDecideBenefit,
  useRemoveEvidence,
} from "../api/benefits";
import {
  amountWords,
  BenefitStatusTag,
  benefitPaths,
  categoryWords,
  changeValueWords,
  fieldWords,
} from "../components/benefit-words";

const EVENT_WORDS: Record<BenefitEventKind, string> = {
  created: "Recorded",
  updated: "Changed",
  evidence_added: "Evidence added",
  evidence_removed: "Evidence removed",
  signed_off: "Signed off",
  queried: "Queried",
  answered: "Query answered",
  rejected: "Rejected",
  returned_for_sign_off: "Returned for sign-off",
};

const DECISION_FIELDS = ["decision", "comment"] as const;
const ANSWER_FIELDS = ["comment"] as const;
const EVIDENCE_FIELDS = ["file"] as const;

/** A row of the summary list. */
function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** The history: each event with who and when, what changed from → to, and any comment. */
function History({
  events,
  names,
}: {
  events: BenefitEvent[];
  names: Parameters<typeof changeValueWords>[2];
}) {
  return (
    <ol className="nhsuk-list app-benefit-history">
      {events.map((e) => (
        <li key={e.id} className="nhsuk-u-margin-bottom-4">
          <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
            {EVENT_WORDS[e.kind]} by {e.actor?.name ?? "someone no longer on QI Academy"}
          </h3>
          <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-1">
            {formatDateTime(e.at)}
          </p>
          {e.kind === "created" || e.changes.length === 0 ? null : (
            <ul className="nhsuk-list nhsuk-list--bullet nhsuk-body-s nhsuk-u-margin-bottom-1">
              {e.changes.map((c) => (
                <li key={c.field}>
                  {fieldWords(c.field)}: {changeValueWords(c.field, c.before, names)} →{" "}
                  {changeValueWords(c.field, c.after, names)}
                </li>
              ))}
            </ul>
          )}
          {e.comment ? (
            <InsetText className="nhsuk-u-margin-top-1 nhsuk-u-margin-bottom-1">{e.comment}</InsetText>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Evidence files: download links, remove buttons for editors, and an upload form. `form` holds the upload's
 * errors and `removal` a failed removal's; both live on the page so its title says "Error:" while they show.
 */
function Evidence({
  detail,
  form,
  removal,
}: {
  detail: BenefitDetail;
  form: FormErrors;
  removal: FormErrors;
}) {
  const add = useAddEvidence(detail.benefit.id);
  const remove = useRemoveEvidence(detail.benefit.id);
  const input = useRef<HTMLInputElement>(null);
  const [added, setAdded] = useState("");
  const hint = "A PDF, Word, Excel, PowerPoint, text or CSV file up to 20 MB, or an image up to 5 MB";
  const upload = (event: FormEvent) => {
    event.preventDefault();
    setAdded("");
    const file = input.current?.files?.[0];
    if (!file) {
      form.showFieldErrors({ file: "Choose a file to upload" });
      return;
    }
    form.showFieldErrors({});
    add.mutate(file, {
      onSuccess: () => {
        setAdded(file.name);
        if (input.current) input.current.value = "";
      },
      onError: (error) => form.showFailure(error),
    });
  };
  const { canEdit, canRemoveEvidence, cannotRemoveEvidenceReason } = detail.myAccess;
  return (
    <>
      <h2 id="evidence">Evidence</h2>
      <ErrorSummary errors={removal.summary} />
      {added ? (
        <p className="nhsuk-body" role="status">
          {added} added.
        </p>
      ) : null}
      {detail.evidence.length === 0 ? (
        <p>No evidence files yet.</p>
      ) : (
        <ul className="nhsuk-list">
          {detail.evidence.map((f) => (
            <li key={f.id}>
              <a href={f.url} download={f.filename}>
                {f.filename}
              </a>{" "}
              <span className="nhsuk-body-s">
                ({formatBytes(f.sizeBytes)}, added by {f.addedBy?.name ?? "someone"} on{" "}
                {formatDateTime(f.addedAt)})
              </span>
              {canRemoveEvidence ? (
                <Button
                  type="button"
                  variant="secondary"
                  small
                  className="nhsuk-u-margin-left-3 nhsuk-u-margin-bottom-1"
                  busy={remove.isPending}
                  onClick={() =>
                    remove.mutate(f.id, {
                      onSuccess: () => removal.showSummary([]),
                      onError: (error) => removal.showFailure(error),
                    })
                  }
                >
                  Remove<span className="nhsuk-u-visually-hidden"> {f.filename}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && !canRemoveEvidence && cannotRemoveEvidenceReason && detail.evidence.length > 0 ? (
        <p className="nhsuk-body-s">{cannotRemoveEvidenceReason}</p>
      ) : null}
      {canEdit ? (
        <form onSubmit={upload} noValidate>
          <ErrorSummary errors={form.summary} />
          <div className={`nhsuk-form-group${form.errors.file ? " nhsuk-form-group--error" : ""}`}>
            <label className="nhsuk-label nhsuk-label--s" htmlFor="file">
              Add an evidence file
            </label>
            <Hint id="file" hint={hint} />
            <ErrorMessage id="file" error={form.errors.file} />
            <input
              ref={input}
              className={`nhsuk-file-upload__input${form.errors.file ? " nhsuk-input--error" : ""}`}
              id="file"
              name="file"
              type="file"
              aria-describedby={describedBy("file", hint, form.errors.file)}
            />
          </div>
          <Button variant="secondary" busy={add.isPending}>
            Upload file
          </Button>
        </form>
      ) : null}
    </>
  );
}

/** The finance lead's decision: sign off, query or reject, with a comment; its errors are the page's `form`. */
function DecisionForm({ detail, form }: { detail: BenefitDetail; form: FormErrors }) {
  const decide = useDecideBenefit(detail.benefit.id);
  const [decision, setDecision] = useState<BenefitDecision | "">("");
  const [comment, setComment] = useState("");
  const [done, setDone] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone("");
    const errors: Record<string, string> = {};
    if (!decision) errors.decision = "Choose whether to sign off, query or reject the benefit";
    if (decision && decision !== "signed_off" && !comment.trim())
      errors.comment =
        decision === "queried"
          ? "Say what the team needs to check or explain"
          : "Say why the benefit is rejected";
    if (form.showFieldErrors(errors) || !decision) return;
    decide.mutate(
      { decision, comment },
      { onSuccess: (result) => setDone(result.message), onError: (error) => form.showFailure(error) },
    );
  };
  return (
    <>
      {done ? (
        <p className="nhsuk-body" role="status">
          {done}.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <h2>Your decision</h2>
        <ErrorSummary errors={form.summary} />
        <Radios
          name="decision"
          legend="Do the figures stand up?"
          legendSize="s"
          hint="Check the method of calculation, the figures and the evidence"
          error={form.errors.decision}
          value={decision}
          onChange={(value) =>
            setDecision(value === "signed_off" || value === "queried" || value === "rejected" ? value : "")
          }
          options={[
            {
              value: "signed_off",
              label: "Sign it off",
              hint: "Its realised value will count in the totals",
            },
            {
              value: "queried",
              label: "Query it",
              hint: "Ask the team a question; they answer and it comes back to you",
            },
            {
              value: "rejected",
              label: "Reject it",
              hint: "It is not a cashable benefit, or the figures are wrong",
            },
          ]}
        />
        <Textarea
          id="comment"
          label={decision === "signed_off" || decision === "" ? "Comment (optional)" : "Comment"}
          hint="The team sees this in the benefit's history"
          error={form.errors.comment}
          value={comment}
          onChange={setComment}
        />
        <Button busy={decide.isPending}>Save decision</Button>
      </form>
    </>
  );
}

/** The team's answer to a finance lead's query; its errors are the page's `form`. */
function AnswerForm({ detail, form }: { detail: BenefitDetail; form: FormErrors }) {
  const answer = useAnswerBenefit(detail.benefit.id);
  const [comment, setComment] = useState("");
  const query = [...detail.events].reverse().find((e) => e.kind === "queried");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (
      form.showFieldErrors(comment.trim() ? {} : { comment: "Enter your answer to the finance lead's query" })
    )
      return;
    answer.mutate(
      { comment },
      { onSuccess: () => setComment(""), onError: (error) => form.showFailure(error) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>Answer the query</h2>
      <ErrorSummary errors={form.summary} />
      {query ? (
        <InsetText>
          <p>
            {query.actor?.name ?? "The finance lead"} asked on {formatDateTime(query.at)}:
          </p>
          <p>{query.comment}</p>
        </InsetText>
      ) : null}
      <p>
        If the figures need correcting,{" "}
        <Link to={benefitPaths.edit(detail.benefit.id)}>change the benefit</Link> first, then answer here.
      </p>
      <Textarea
        id="comment"
        label="Your answer"
        error={form.errors.comment}
        value={comment}
        onChange={setComment}
        rows={5}
      />
      <Button busy={answer.isPending}>Send answer</Button>
    </form>
  );
}

/** One benefit: status and what it means, values, evidence, history, and the decision or answer forms. */
export function BenefitPage() {
  const { benefitId = "" } = useParams();
  const benefit = useBenefit(benefitId);
  const list = useBenefitList(benefit.data?.registration.id ?? "");
  // Each form's errors live here so the page title says "Error:" while any of them shows.
  const decisionForm = useFormErrors(DECISION_FIELDS);
  const answerForm = useFormErrors(ANSWER_FIELDS);
  const evidenceForm = useFormErrors(EVIDENCE_FIELDS);
  const evidenceRemoval = useFormErrors([]);
  const hasErrors = [decisionForm, answerForm, evidenceForm, evidenceRemoval].some(
    (f) => f.summary.length > 0,
  );
  usePageTitle(benefit.data?.benefit.title ?? "Benefit", hasErrors);
  if (benefit.isPending) return <LoadingPage title="Benefit" />;
  if (benefit.isError)
    return (
      <ProblemPage
        title={isApiError(benefit.error, 404) ? "Benefit not found" : "Sorry, there is a problem"}
        message={
          isApiError(benefit.error, 404)
            ? "This benefit does not exist, or it belongs to an organisation you are not part of."
            : benefit.error.message
        }
      />
    );
  const detail = benefit.data;
  const b = detail.benefit;
  const names = {
    areas: new Map((list.data?.areas ?? []).map((a) => [a.id, a.label])),
    modules: new Map((list.data?.modules ?? []).map((m) => [m.id, m.title])),
  };
  const dated = (amount: string, on: string | null) =>
    on ? `${amount} by ${formatCalendarDate(on)}` : amount;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: benefitPaths.registration(detail.registration.id), text: "Programme implementation" },
          { to: benefitPaths.list(detail.registration.id), text: "Benefits" },
        ]}
      />
      <span className="nhsuk-caption-l">{b.team.name}</span>
      <h1>{b.title}</h1>
      <p>
        <BenefitStatusTag status={b.status} />
      </p>
      <p>{BENEFIT_STATUS_MEANINGS[b.status]}</p>
      {detail.myAccess.canEdit ? (
        <p>
          <Link to={benefitPaths.edit(b.id)}>
            Change<span className="nhsuk-u-visually-hidden"> this benefit</span>
          </Link>
        </p>
      ) : null}
      <dl className="nhsuk-summary-list">
        <Row label="Team">{b.team.name}</Row>
        <Row label="Module">{b.houseModule?.title ?? "Not linked to a module"}</Row>
        <Row label="Benefit area">{b.area.label}</Row>
        {b.description ? <Row label="Description">{b.description}</Row> : null}
        <Row label="Cashable">
          {b.cashable && b.cashCategory ? categoryWords(b.cashCategory, b.cashOrder) : "No"}
        </Row>
        {b.method ? (
          <Row label={b.cashable ? "Method of calculation" : "How it was measured"}>{b.method}</Row>
        ) : null}
        {!b.cashable && b.unit ? <Row label="Unit">{b.unit}</Row> : null}
        <Row label="Baseline">
          {b.baselineOn
            ? `${amountWords(b, b.baselinePence, b.baselineValue)} on ${formatCalendarDate(b.baselineOn)}`
            : amountWords(b, b.baselinePence, b.baselineValue)}
        </Row>
        <Row label="Forecast">{dated(amountWords(b, b.forecastPence, b.forecastValue), b.forecastOn)}</Row>
        <Row label="Realised">
          {b.realisedOn
            ? `${amountWords(b, b.realisedPence, b.realisedValue)} on ${formatCalendarDate(b.realisedOn)}`
            : amountWords(b, b.realisedPence, b.realisedValue)}
        </Row>
        <Row label="Recorded by">
          {b.recordedBy?.name ?? "Someone no longer on QI Academy"} on {formatDateTime(b.createdAt)}
        </Row>
        {b.signedOffBy && b.signedOffAt ? (
          <Row label="Signed off by">
            {b.signedOffBy.name} on {formatDateTime(b.signedOffAt)}
          </Row>
        ) : null}
      </dl>

      {detail.myAccess.canDecide ? <DecisionForm detail={detail} form={decisionForm} /> : null}
      {!detail.myAccess.canDecide &&
      detail.myAccess.cannotDecideReason &&
      b.cashable &&
      b.status === "awaiting_sign_off" &&
      list.data?.myAccess.isFinanceLead ? (
        <InsetText>{detail.myAccess.cannotDecideReason}.</InsetText>
      ) : null}
      {detail.myAccess.canAnswer ? <AnswerForm detail={detail} form={answerForm} /> : null}

      <Evidence detail={detail} form={evidenceForm} removal={evidenceRemoval} />

      <h2>History</h2>
      <History events={detail.events} names={names} />
    </>
  );
}
