import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import {
  type CriteriaTree,
  type Criterion,
  type Outcome,
  OutcomeInputSchema,
  type Unit,
  UnitInputSchema,
} from "../../../../shared/portfolios";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { Details } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { ApiError, isApiError } from "../../../lib/api-client";
import { type FieldErrors, type SummaryError, validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import {
  useCreateOutcome,
  useCreateUnit,
  useCriteriaTree,
  useDeleteCriterion,
  useDeleteOutcome,
  useDeleteUnit,
  useReorderCriteria,
  useReorderOutcomes,
  useReorderUnits,
} from "../api/criteria";
import { Confirm } from "../components/confirm";
import { criteriaPaths } from "../components/portfolio-paths";
import "../components/portfolios.css";

/** How the page's parts report problems (to the one error summary) and successes (a banner or the live region). */
interface Feedback {
  report: (lines: SummaryError[]) => void;
  fail: (error: unknown, fields?: Record<string, string>) => void;
  announce: (message: string) => void;
  status: (message: string) => void;
}

function failureLines(error: unknown, fields: Record<string, string> = {}): SummaryError[] {
  if (!(error instanceof ApiError))
    return [{ message: "Sorry, there is a problem with the service. Try again later." }];
  const lines = error.details.map((d) => {
    const field = d.field ? fields[d.field] : undefined;
    return field ? { field, message: d.message } : { message: d.message };
  });
  return lines.length > 0 ? lines : [{ message: error.message }];
}

/** The order with one id moved one place up or down. */
function moved(ids: readonly string[], id: string, direction: "up" | "down"): string[] {
  const next = [...ids];
  const from = next.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= next.length) return next;
  [next[from], next[to]] = [next[to] ?? id, next[from] ?? id];
  return next;
}

/** Keeps focus on a moved item's Move button (or the other one, when the item reaches an end). */
function useFocusAfterMove(idPrefix: string, position: number, count: number) {
  const pending = useRef<"up" | "down" | null>(null);
  useEffect(() => {
    const direction = pending.current;
    if (!direction) return;
    pending.current = null;
    const target = direction === "up" ? (position === 1 ? "down" : "up") : position === count ? "up" : "down";
    document.getElementById(`${idPrefix}-${target}`)?.focus();
  }, [idPrefix, position, count]);
  return pending;
}

/** Move up, Move down and Delete for one item, with the delete confirmed in place. */
function ItemActions({
  idPrefix,
  name,
  position,
  count,
  busy,
  onMove,
  deletable,
  deleteNote,
  onDelete,
  deleting,
  before,
}: {
  idPrefix: string;
  name: string;
  position: number;
  count: number;
  busy: boolean;
  onMove: (direction: "up" | "down") => void;
  deletable: boolean;
  deleteNote: string;
  onDelete: (done: () => void) => void;
  deleting: boolean;
  before?: ReactNode;
}) {
  const [confirming, setConfirming] = useState(false);
  if (confirming) {
    return (
      <Confirm
        question={`Delete ${name}?`}
        confirmLabel="Yes, delete it"
        busy={deleting}
        onConfirm={() => onDelete(() => setConfirming(false))}
        onCancel={() => {
          setConfirming(false);
          requestAnimationFrame(() => document.getElementById(`${idPrefix}-delete`)?.focus());
        }}
      >
        <p>{deleteNote}</p>
      </Confirm>
    );
  }
  const button = (direction: "up" | "down", label: string) => (
    <button
      type="button"
      id={`${idPrefix}-${direction}`}
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
      aria-disabled={busy ? "true" : undefined}
      onClick={() => (busy ? undefined : onMove(direction))}
    >
      {label}
      <span className="nhsuk-u-visually-hidden"> {name}</span>
    </button>
  );
  return (
    <div className="app-actions">
      {before}
      {position > 1 ? button("up", "Move up") : null}
      {position < count ? button("down", "Move down") : null}
      {deletable ? (
        <button
          type="button"
          id={`${idPrefix}-delete`}
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          onClick={() => setConfirming(true)}
        >
          Delete<span className="nhsuk-u-visually-hidden"> {name}</span>
        </button>
      ) : null}
    </div>
  );
}

function learners(n: number): string {
  return n === 1 ? "1 learner has" : `${n} learners have`;
}

function CriterionItem({
  tree,
  outcome,
  criterion,
  feedback,
}: {
  tree: CriteriaTree;
  outcome: Outcome;
  criterion: Criterion;
  feedback: Feedback;
}) {
  const courseId = tree.course.id;
  const reorder = useReorderCriteria(courseId);
  const remove = useDeleteCriterion(courseId);
  const idPrefix = `criterion-${criterion.id}`;
  const name = `criterion ${criterion.code}`;
  const focusAfterMove = useFocusAfterMove(idPrefix, criterion.position, outcome.criteria.length);
  return (
    <li>
      <p className="nhsuk-u-margin-bottom-1">
        <strong>{criterion.code}</strong> {criterion.statement}
      </p>
      {criterion.learnersWithEvidence > 0 ? (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          {learners(criterion.learnersWithEvidence)} mapped evidence to it, so it cannot be deleted.
        </p>
      ) : null}
      {criterion.learnerGuidance || criterion.assessorGuidance ? (
        <Details>
          <Details.Summary>
            Guidance<span className="nhsuk-u-visually-hidden"> for {name}</span>
          </Details.Summary>
          <Details.Text>
            <p className="nhsuk-u-margin-bottom-1">
              <strong>For learners</strong>
            </p>
            <p>{criterion.learnerGuidance || "None"}</p>
            <p className="nhsuk-u-margin-bottom-1">
              <strong>For assessors</strong>
            </p>
            <p>{criterion.assessorGuidance || "None"}</p>
          </Details.Text>
        </Details>
      ) : null}
      <ItemActions
        idPrefix={idPrefix}
        name={name}
        position={criterion.position}
        count={outcome.criteria.length}
        busy={reorder.isPending}
        before={
          <Link to={criteriaPaths.criterion(courseId, criterion.id)}>
            Change<span className="nhsuk-u-visually-hidden"> {name}</span>
          </Link>
        }
        onMove={(direction) => {
          feedback.report([]);
          const ids = moved(
            outcome.criteria.map((c) => c.id),
            criterion.id,
            direction,
          );
          focusAfterMove.current = direction;
          reorder.mutate(
            { outcomeId: outcome.id, ids },
            {
              onSuccess: () =>
                feedback.status(
                  `Criterion ${criterion.code} moved ${direction}, to place ${ids.indexOf(criterion.id) + 1}.`,
                ),
              onError: (error) => {
                focusAfterMove.current = null;
                feedback.fail(error);
              },
            },
          );
        }}
        deletable={criterion.learnersWithEvidence === 0}
        deleteNote="Submitted portfolios keep their copy of it. This cannot be undone."
        deleting={remove.isPending}
        onDelete={(done) =>
          remove.mutate(criterion.id, {
            onSuccess: () => feedback.announce(`Criterion ${criterion.code} deleted`),
            onError: (error) => {
              done();
              feedback.fail(error);
            },
          })
        }
      />
    </li>
  );
}

function OutcomeSection({
  tree,
  unit,
  outcome,
  feedback,
}: {
  tree: CriteriaTree;
  unit: Unit;
  outcome: Outcome;
  feedback: Feedback;
}) {
  const courseId = tree.course.id;
  const reorder = useReorderOutcomes(courseId);
  const remove = useDeleteOutcome(courseId);
  const idPrefix = `outcome-${outcome.id}`;
  const name = `learning outcome ${unit.position}.${outcome.position}`;
  const focusAfterMove = useFocusAfterMove(idPrefix, outcome.position, unit.outcomes.length);
  return (
    <section aria-labelledby={`${idPrefix}-heading`} className="nhsuk-u-margin-bottom-5">
      <h3 id={`${idPrefix}-heading`} className="nhsuk-heading-s">
        <span className="nhsuk-u-visually-hidden">Learning outcome {outcome.position}: </span>
        {outcome.title}
      </h3>
      {outcome.learnersWithEvidence > 0 ? (
        <p className="nhsuk-body-s">
          {learners(outcome.learnersWithEvidence)} mapped evidence to its criteria, so it cannot be deleted.
        </p>
      ) : null}
      <ItemActions
        idPrefix={idPrefix}
        name={name}
        position={outcome.position}
        count={unit.outcomes.length}
        busy={reorder.isPending}
        before={
          <Link to={criteriaPaths.outcome(courseId, outcome.id)}>
            Change<span className="nhsuk-u-visually-hidden"> {name}</span>
          </Link>
        }
        onMove={(direction) => {
          feedback.report([]);
          const ids = moved(
            unit.outcomes.map((o) => o.id),
            outcome.id,
            direction,
          );
          focusAfterMove.current = direction;
          reorder.mutate(
            { unitId: unit.id, ids },
            {
              onSuccess: () => feedback.status(`Learning outcome moved ${direction}.`),
              onError: (error) => {
                focusAfterMove.current = null;
                feedback.fail(error);
              },
            },
          );
        }}
        deletable={outcome.learnersWithEvidence === 0}
        deleteNote={`Its ${outcome.criteria.length === 1 ? "criterion is" : `${outcome.criteria.length} criteria are`} deleted too. This cannot be undone.`}
        deleting={remove.isPending}
        onDelete={(done) =>
          remove.mutate(outcome.id, {
            onSuccess: () => feedback.announce(`Learning outcome deleted: ${outcome.title}`),
            onError: (error) => {
              done();
              feedback.fail(error);
            },
          })
        }
      />
      {outcome.criteria.length === 0 ? (
        <p>This learning outcome has no criteria yet.</p>
      ) : (
        <ul className="app-portfolio-criteria" aria-label={`Criteria of ${name}`}>
          {outcome.criteria.map((criterion) => (
            <CriterionItem
              key={criterion.id}
              tree={tree}
              outcome={outcome}
              criterion={criterion}
              feedback={feedback}
            />
          ))}
        </ul>
      )}
      <p>
        <Link to={criteriaPaths.newCriterion(courseId, outcome.id)}>
          Add a criterion<span className="nhsuk-u-visually-hidden"> to {name}</span>
        </Link>
      </p>
    </section>
  );
}

function AddOutcomeForm({ tree, unit, feedback }: { tree: CriteriaTree; unit: Unit; feedback: Feedback }) {
  const create = useCreateOutcome(tree.course.id);
  const [title, setTitle] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const fieldId = `outcome-title-${unit.id}`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateFields({ [fieldId]: [OutcomeInputSchema.shape.title, title] });
    setErrors(found);
    feedback.report(Object.entries(found).map(([field, message]) => ({ field, message })));
    if (Object.keys(found).length > 0 || create.isPending) return;
    create.mutate(
      { unitId: unit.id, input: { title } },
      {
        onSuccess: () => {
          setTitle("");
          feedback.announce(`Learning outcome added to unit ${unit.position}`);
        },
        onError: (error) => feedback.fail(error, { title: fieldId }),
      },
    );
  };
  return (
    <form noValidate onSubmit={submit}>
      <TextInput
        id={fieldId}
        label="Learning outcome"
        hint="What the learner will be able to do, like 'Be able to use measures to show the effect of a change'"
        value={title}
        onChange={setTitle}
        error={errors[fieldId]}
      />
      <Button variant="secondary" busy={create.isPending}>
        Add learning outcome<span className="nhsuk-u-visually-hidden"> to unit {unit.position}</span>
      </Button>
    </form>
  );
}

function UnitSection({ tree, unit, feedback }: { tree: CriteriaTree; unit: Unit; feedback: Feedback }) {
  const courseId = tree.course.id;
  const reorder = useReorderUnits(courseId);
  const remove = useDeleteUnit(courseId);
  const idPrefix = `unit-${unit.id}`;
  const name = `unit ${unit.position}, ${unit.title}`;
  const focusAfterMove = useFocusAfterMove(idPrefix, unit.position, tree.units.length);
  const criteriaCount = unit.outcomes.reduce((n, o) => n + o.criteria.length, 0);
  return (
    <section className="app-portfolio-unit" aria-labelledby={`${idPrefix}-heading`}>
      <h2 id={`${idPrefix}-heading`}>
        Unit {unit.position}: {unit.title}
      </h2>
      {unit.summary ? <p>{unit.summary}</p> : null}
      {unit.learnersWithEvidence > 0 ? (
        <p className="nhsuk-body-s">
          {learners(unit.learnersWithEvidence)} mapped evidence to criteria in this unit, so it cannot be
          deleted.
        </p>
      ) : null}
      <ItemActions
        idPrefix={idPrefix}
        name={name}
        position={unit.position}
        count={tree.units.length}
        busy={reorder.isPending}
        before={
          <Link to={criteriaPaths.unit(courseId, unit.id)}>
            Change<span className="nhsuk-u-visually-hidden"> {name}</span>
          </Link>
        }
        onMove={(direction) => {
          feedback.report([]);
          const ids = moved(
            tree.units.map((u) => u.id),
            unit.id,
            direction,
          );
          focusAfterMove.current = direction;
          reorder.mutate(ids, {
            onSuccess: () =>
              feedback.status(
                `Unit moved ${direction}. "${unit.title}" is now unit ${ids.indexOf(unit.id) + 1}.`,
              ),
            onError: (error) => {
              focusAfterMove.current = null;
              feedback.fail(error);
            },
          });
        }}
        deletable={unit.learnersWithEvidence === 0}
        deleteNote={`Its ${unit.outcomes.length} learning outcomes and ${criteriaCount} criteria are deleted too. This cannot be undone.`}
        deleting={remove.isPending}
        onDelete={(done) =>
          remove.mutate(unit.id, {
            onSuccess: () => feedback.announce(`Unit deleted: ${unit.title}`),
            onError: (error) => {
              done();
              feedback.fail(error);
            },
          })
        }
      />
      {unit.outcomes.length === 0 ? <p>This unit has no learning outcomes yet.</p> : null}
      {unit.outcomes.map((outcome) => (
        <OutcomeSection key={outcome.id} tree={tree} unit={unit} outcome={outcome} feedback={feedback} />
      ))}
      <Details>
        <Details.Summary>Add a learning outcome to unit {unit.position}</Details.Summary>
        <Details.Text>
          <AddOutcomeForm tree={tree} unit={unit} feedback={feedback} />
        </Details.Text>
      </Details>
    </section>
  );
}

function AddUnitForm({ tree, feedback }: { tree: CriteriaTree; feedback: Feedback }) {
  const create = useCreateUnit(tree.course.id);
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateFields({
      "unit-title": [UnitInputSchema.shape.title, title],
      "unit-summary": [UnitInputSchema.shape.summary, summary],
    });
    setErrors(found);
    feedback.report(Object.entries(found).map(([field, message]) => ({ field, message })));
    if (Object.keys(found).length > 0 || create.isPending) return;
    create.mutate(
      { title, summary },
      {
        onSuccess: () => {
          setTitle("");
          setSummary("");
          feedback.announce(`Unit added: ${title.trim()}`);
        },
        onError: (error) => feedback.fail(error, { title: "unit-title", summary: "unit-summary" }),
      },
    );
  };
  return (
    <form noValidate onSubmit={submit}>
      <TextInput
        id="unit-title"
        label="Unit title"
        value={title}
        onChange={setTitle}
        error={errors["unit-title"]}
      />
      <Textarea
        id="unit-summary"
        label="Summary (optional)"
        hint="What the unit covers, in a sentence, for learners and assessors"
        value={summary}
        onChange={setSummary}
        error={errors["unit-summary"]}
        rows={2}
      />
      <Button variant="secondary" busy={create.isPending}>
        Add unit
      </Button>
    </form>
  );
}

function CriteriaEditor({ tree }: { tree: CriteriaTree }) {
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [banner, setBanner] = useState<{ message: string; n: number } | null>(null);
  const [liveStatus, setLiveStatus] = useState("");
  usePageTitle(`Assessment criteria – ${tree.course.title}`, summary.length > 0);
  const feedback: Feedback = {
    report: (lines) => {
      setSummary(lines);
      if (lines.length > 0) setBanner(null);
    },
    fail: (error, fields) => {
      setBanner(null);
      setSummary(failureLines(error, fields));
    },
    announce: (message) => {
      setSummary([]);
      setBanner((b) => ({ message, n: (b?.n ?? 0) + 1 }));
    },
    status: setLiveStatus,
  };
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/courses", text: "Manage courses" },
          { to: `/manage/courses/${encodeURIComponent(tree.course.id)}`, text: tree.course.title },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          {banner ? <NotificationBanner key={banner.n} heading={banner.message} /> : null}
          <span className="nhsuk-caption-l">
            {tree.course.programmeTitle} · {LEVEL_LABELS[tree.course.level]}
          </span>
          <h1>Assessment criteria</h1>
          <p>
            Learners map their portfolio evidence to these criteria, and assessors judge each one as met or
            not yet met. Changing wording is always safe: submitted portfolios keep the wording they were
            assessed against. Criteria learners have used cannot be deleted.
          </p>
          <p>
            <strong>
              {tree.units.length} {tree.units.length === 1 ? "unit" : "units"}, {tree.criteriaCount}{" "}
              {tree.criteriaCount === 1 ? "criterion" : "criteria"}
            </strong>
          </p>
          {tree.units.length === 0 ? <p>This course has no criteria yet. Add the first unit below.</p> : null}
          {tree.units.map((unit) => (
            <UnitSection key={unit.id} tree={tree} unit={unit} feedback={feedback} />
          ))}
          <h2>Add a unit</h2>
          <AddUnitForm tree={tree} feedback={feedback} />
          <p className="nhsuk-u-visually-hidden" role="status">
            {liveStatus}
          </p>
        </div>
      </div>
    </>
  );
}

/** /manage/courses/:id/criteria: a course's units, learning outcomes and assessment criteria. */
export function CriteriaPage() {
  const { id = "" } = useParams();
  const tree = useCriteriaTree(id);
  if (tree.isPending) return <LoadingPage title="Assessment criteria" />;
  if (tree.isError) {
    return (
      <>
        <Breadcrumbs items={[{ to: "/manage/courses", text: "Manage courses" }]} />
        <ProblemPage
          title={
            isApiError(tree.error, 404)
              ? "Course not found"
              : isApiError(tree.error, 422)
                ? "This course has no assessment criteria"
                : "Sorry, there is a problem"
          }
          message={tree.error.message}
        >
          <p>
            <Link to={`/manage/courses/${encodeURIComponent(id)}`}>Go back to the course</Link>
          </p>
        </ProblemPage>
      </>
    );
  }
  return <CriteriaEditor tree={tree.data} />;
}
