import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import {
  EVIDENCE_BODY_MAX_LENGTH,
  type Evidence,
  EvidenceCreateSchema,
  type PortfolioChange,
  type PortfolioView,
} from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { TextInput } from "../../../components/text-input";
import { ApiError, isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { formatTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddEvidence, useUpdateEvidence } from "../api/portfolio";
import { CriteriaCheckboxes } from "../components/criteria-checkboxes";
import { DeleteEvidence } from "../components/delete-evidence";
import { LockedPage } from "../components/locked-page";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";
import "../components/portfolios.css";

/** How long typing must pause before the reflection saves itself. */
const AUTOSAVE_DELAY_MS = 1500;
const FIELDS = ["title", "body", "criterionIds"] as const;
const reflectionShape = EvidenceCreateSchema.options[0].shape;

interface Draft {
  title: string;
  body: string;
  criterionIds: string[];
}

/** True when a draft can be saved: a title, some text and at least one criterion, each within its limit. */
function saveable(draft: Draft): boolean {
  return (
    Object.keys(
      validateFields({
        title: [reflectionShape.title, draft.title],
        body: [reflectionShape.body, draft.body],
        criterionIds: [reflectionShape.criterionIds, draft.criterionIds],
      }),
    ).length === 0
  );
}

/**
 * Writing a reflection: it saves itself a moment after typing stops (the first save creates it, and the address
 * gains its id so a reload finds it), says so in a live region ("Saved at 2:32pm"), and stops saving with a clear
 * message when another tab has changed the portfolio meanwhile.
 */
function ReflectionEditor({ portfolio, evidence }: { portfolio: PortfolioView; evidence: Evidence | null }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const enrolmentId = portfolio.enrolmentId;
  const add = useAddEvidence(enrolmentId);
  const update = useUpdateEvidence(enrolmentId);
  // Stable across renders (TanStack binds them), so the autosave timer is not reset by unrelated renders.
  const addAsync = add.mutateAsync;
  const updateAsync = update.mutateAsync;
  const preselected = params.get("criterion");
  const [title, setTitle] = useState(evidence?.title ?? "");
  const [body, setBody] = useState(evidence?.body ?? "");
  const [criterionIds, setCriterionIds] = useState<string[]>(
    evidence?.criterionIds ?? (preselected ? [preselected] : []),
  );
  const [status, setStatus] = useState(evidence ? `Last saved at ${formatTime(evidence.updatedAt)}` : "");
  const [stale, setStale] = useState<string | null>(null);
  const form = useFormErrors(FIELDS);
  const isNew = evidence === null;
  usePageTitle(
    isNew ? "Write a reflection" : `Change reflection: ${evidence.title}`,
    form.summary.length > 0,
  );

  // The latest values, the evidence id and revision, and what was last saved, for the save that runs later.
  const draft = useRef<Draft>({ title, body, criterionIds });
  draft.current = { title, body, criterionIds };
  const evidenceId = useRef(evidence?.id ?? null);
  const revision = useRef(portfolio.revision);
  const saved = useRef(evidence ? JSON.stringify({ title, body, criterionIds }) : null);
  const inFlight = useRef<Promise<PortfolioChange | null> | null>(null);

  const save = useCallback(async (): Promise<PortfolioChange | null> => {
    if (inFlight.current) await inFlight.current;
    const values = draft.current;
    const key = JSON.stringify(values);
    if (key === saved.current) return null;
    const input = {
      revision: revision.current,
      title: values.title,
      body: values.body,
      criterionIds: values.criterionIds,
    };
    setStatus("Saving…");
    const request = (async () => {
      const id = evidenceId.current;
      const change = id
        ? await updateAsync({ evidenceId: id, input })
        : await addAsync({ kind: "reflection", ...input });
      if (!id && change.evidenceId) {
        evidenceId.current = change.evidenceId;
        setParams({ evidence: change.evidenceId }, { replace: true });
      }
      revision.current = change.portfolio.revision;
      saved.current = key;
      setStatus(`Saved at ${formatTime(new Date())}`);
      return change;
    })();
    inFlight.current = request.catch(() => null);
    try {
      return await request;
    } catch (error) {
      if (isApiError(error, 409)) setStale(error.message);
      setStatus(
        `Not saved. ${error instanceof ApiError ? error.message : "Check your connection and try again."}`,
      );
      throw error;
    } finally {
      inFlight.current = null;
    }
  }, [addAsync, updateAsync, setParams]);

  // Autosave: a moment after the last change, when the draft can be saved and nothing has gone stale.
  useEffect(() => {
    if (stale) return;
    const current = { title, body, criterionIds };
    if (JSON.stringify(current) === saved.current) return;
    if (!saveable(current)) {
      setStatus(
        isNew && saved.current === null
          ? "Your reflection saves itself once it has a title, some text and at least one criterion."
          : "Not saved yet: it needs a title, some text and at least one criterion.",
      );
      return;
    }
    const timer = window.setTimeout(() => {
      save().catch(() => undefined);
    }, AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [title, body, criterionIds, stale, isNew, save]);

  // Warn before leaving with changes not yet saved.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (JSON.stringify(draft.current) !== saved.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldErrors = validateFields({
      title: [reflectionShape.title, title],
      body: [reflectionShape.body, body],
      criterionIds: [reflectionShape.criterionIds, criterionIds],
    });
    if (form.showFieldErrors(fieldErrors)) return;
    try {
      await save();
      navigate(portfolioPaths.overview(enrolmentId), {
        state: flash(
          isNew ? "Reflection added" : "Reflection saved",
          `"${title.trim()}" is in your portfolio.`,
        ),
      });
    } catch (error) {
      form.showFailure(error);
    }
  };

  const current = evidenceId.current ? portfolio.evidence.find((e) => e.id === evidenceId.current) : null;
  return (
    <>
      <BackLink to={portfolioPaths.overview(enrolmentId)}>Back to your portfolio</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <span className="nhsuk-caption-l">{portfolio.course.title}</span>
          <h1>{isNew ? "Write a reflection" : "Change your reflection"}</h1>
          {stale ? (
            <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
              <h2 className="nhsuk-error-summary__title">Your reflection is not being saved</h2>
              <div className="nhsuk-error-summary__body">
                <p>{stale}</p>
                <p>Copy anything you have written since it was last saved, then reload the page.</p>
                <Button type="button" variant="secondary" onClick={() => window.location.reload()}>
                  Reload the page
                </Button>
              </div>
            </div>
          ) : null}
          <p>
            Say what you did, what happened and what you learnt. You can use Markdown: **bold**, lists
            starting with -, and links.
          </p>
          <form noValidate onSubmit={submit}>
            <TextInput id="title" label="Title" value={title} onChange={setTitle} error={form.errors.title} />
            <CharacterCount
              id="body"
              label="Your reflection"
              value={body}
              onChange={setBody}
              maxLength={EVIDENCE_BODY_MAX_LENGTH}
              rows={14}
              error={form.errors.body}
            />
            <p className="nhsuk-body-s app-portfolio-save-status" role="status">
              {status}
            </p>
            <CriteriaCheckboxes
              portfolio={portfolio}
              values={criterionIds}
              onChange={setCriterionIds}
              error={form.errors.criterionIds}
            />
            <Button busy={add.isPending || update.isPending}>Save and return to your portfolio</Button>
          </form>
          {current ? (
            <DeleteEvidence portfolio={portfolio} evidence={current} onError={form.showFailure} />
          ) : null}
          <p>
            <Link to={portfolioPaths.overview(enrolmentId)}>Return to your portfolio</Link>
          </p>
        </div>
      </div>
    </>
  );
}

/** Picks the reflection named in the address (after its first save, or from the evidence page), or a new one. */
function ReflectionRoute({ portfolio, evidenceId }: { portfolio: PortfolioView; evidenceId: string | null }) {
  const [startedWith] = useState(evidenceId);
  if (!portfolio.editable) return <LockedPage portfolio={portfolio} title="Write a reflection" />;
  const evidence = startedWith ? (portfolio.evidence.find((e) => e.id === startedWith) ?? null) : null;
  return <ReflectionEditor portfolio={portfolio} evidence={evidence} />;
}

/** /learning/:enrolmentId/portfolio/add/reflection (?evidence=<id> once saved) */
export function ReflectionPage() {
  const { enrolmentId = "" } = useParams();
  const [params] = useSearchParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Write a reflection">
      {(portfolio) => <ReflectionRoute portfolio={portfolio} evidenceId={params.get("evidence")} />}
    </PortfolioLoader>
  );
}

/** The reflection editor for an existing reflection, used by the evidence page. */
export { ReflectionEditor };
