import { type FormEvent, type ReactNode, useState } from "react";
import { useNavigate, useParams } from "react-router";
import {
  type CriteriaTree,
  type Criterion,
  CriterionInputSchema,
  type Outcome,
  OutcomeInputSchema,
  type Unit,
  UnitInputSchema,
} from "../../../../shared/portfolios";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  useCreateCriterion,
  useCriteriaTree,
  useUpdateCriterion,
  useUpdateOutcome,
  useUpdateUnit,
} from "../api/criteria";
import { criteriaPaths } from "../components/portfolio-paths";

/** The frame of each criteria form: breadcrumbs back to the tree, error summary, caption and h1. */
function FormFrame({
  tree,
  title,
  caption,
  summary,
  children,
}: {
  tree: CriteriaTree;
  title: string;
  caption?: string;
  summary: ReturnType<typeof useFormErrors>["summary"];
  children: ReactNode;
}) {
  usePageTitle(title, summary.length > 0);
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/manage/courses", text: "Manage courses" },
          { to: `/manage/courses/${encodeURIComponent(tree.course.id)}`, text: tree.course.title },
          { to: criteriaPaths.tree(tree.course.id), text: "Assessment criteria" },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          <span className="nhsuk-caption-l">{caption ?? tree.course.title}</span>
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </>
  );
}

/** Loads the tree and finds the node the page is about, or says it is gone. */
function WithTree({
  courseId,
  title,
  children,
}: {
  courseId: string;
  title: string;
  children: (tree: CriteriaTree) => ReactNode;
}) {
  const tree = useCriteriaTree(courseId);
  if (tree.isPending) return <LoadingPage title={title} />;
  if (tree.isError) return <ProblemPage title="Sorry, there is a problem" message={tree.error.message} />;
  return <>{children(tree.data)}</>;
}

function NotFound({ what }: { what: string }) {
  return (
    <ProblemPage
      title={`${what} not found`}
      message={`This ${what.toLowerCase()} is not part of the course. It may have been deleted.`}
    />
  );
}

function UnitForm({ tree, unit }: { tree: CriteriaTree; unit: Unit }) {
  const navigate = useNavigate();
  const update = useUpdateUnit(tree.course.id);
  const [title, setTitle] = useState(unit.title);
  const [summaryText, setSummaryText] = useState(unit.summary);
  const form = useFormErrors(["title", "summary"]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validateFields({
      title: [UnitInputSchema.shape.title, title],
      summary: [UnitInputSchema.shape.summary, summaryText],
    });
    if (form.showFieldErrors(errors) || update.isPending) return;
    update.mutate(
      { unitId: unit.id, input: { title, summary: summaryText } },
      {
        onSuccess: () =>
          navigate(criteriaPaths.tree(tree.course.id), { state: flash(`Unit ${unit.position} saved`) }),
        onError: form.showFailure,
      },
    );
  };
  return (
    <FormFrame tree={tree} title={`Change unit ${unit.position}`} summary={form.summary}>
      <form noValidate onSubmit={submit}>
        <TextInput
          id="title"
          label="Unit title"
          value={title}
          onChange={setTitle}
          error={form.errors.title}
        />
        <Textarea
          id="summary"
          label="Summary (optional)"
          value={summaryText}
          onChange={setSummaryText}
          error={form.errors.summary}
          rows={3}
        />
        <Button busy={update.isPending}>Save unit</Button>
      </form>
    </FormFrame>
  );
}

function OutcomeForm({ tree, unit, outcome }: { tree: CriteriaTree; unit: Unit; outcome: Outcome }) {
  const navigate = useNavigate();
  const update = useUpdateOutcome(tree.course.id);
  const [title, setTitle] = useState(outcome.title);
  const form = useFormErrors(["title"]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      form.showFieldErrors(validateFields({ title: [OutcomeInputSchema.shape.title, title] })) ||
      update.isPending
    ) {
      return;
    }
    update.mutate(
      { outcomeId: outcome.id, input: { title } },
      {
        onSuccess: () =>
          navigate(criteriaPaths.tree(tree.course.id), { state: flash("Learning outcome saved") }),
        onError: form.showFailure,
      },
    );
  };
  return (
    <FormFrame
      tree={tree}
      title="Change learning outcome"
      caption={`Unit ${unit.position}: ${unit.title}`}
      summary={form.summary}
    >
      <form noValidate onSubmit={submit}>
        <Textarea
          id="title"
          label="Learning outcome"
          value={title}
          onChange={setTitle}
          error={form.errors.title}
          rows={2}
        />
        <Button busy={update.isPending}>Save learning outcome</Button>
      </form>
    </FormFrame>
  );
}

const CRITERION_FIELDS = ["code", "statement", "learnerGuidance", "assessorGuidance"] as const;

/** Adding a criterion to a learning outcome, or changing one. */
function CriterionForm({
  tree,
  unit,
  outcome,
  criterion,
}: {
  tree: CriteriaTree;
  unit: Unit;
  outcome: Outcome;
  criterion: Criterion | null;
}) {
  const navigate = useNavigate();
  const create = useCreateCriterion(tree.course.id);
  const update = useUpdateCriterion(tree.course.id);
  const usedCodes = tree.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.code)));
  const suggested = (() => {
    if (criterion) return criterion.code;
    for (let n = 1; ; n++) if (!usedCodes.includes(`${unit.position}.${n}`)) return `${unit.position}.${n}`;
  })();
  const [code, setCode] = useState(suggested);
  const [statement, setStatement] = useState(criterion?.statement ?? "");
  const [learnerGuidance, setLearnerGuidance] = useState(criterion?.learnerGuidance ?? "");
  const [assessorGuidance, setAssessorGuidance] = useState(criterion?.assessorGuidance ?? "");
  const form = useFormErrors(CRITERION_FIELDS);
  const busy = create.isPending || update.isPending;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const shape = CriterionInputSchema.shape;
    const errors = validateFields({
      code: [shape.code, code],
      statement: [shape.statement, statement],
      learnerGuidance: [shape.learnerGuidance, learnerGuidance],
      assessorGuidance: [shape.assessorGuidance, assessorGuidance],
    });
    if (form.showFieldErrors(errors) || busy) return;
    const input = CriterionInputSchema.parse({ code, statement, learnerGuidance, assessorGuidance });
    const done = {
      onSuccess: () =>
        navigate(criteriaPaths.tree(tree.course.id), {
          state: flash(criterion ? `Criterion ${input.code} saved` : `Criterion ${input.code} added`),
        }),
      onError: form.showFailure,
    };
    if (criterion) update.mutate({ criterionId: criterion.id, input }, done);
    else create.mutate({ outcomeId: outcome.id, input }, done);
  };
  return (
    <FormFrame
      tree={tree}
      title={criterion ? `Change criterion ${criterion.code}` : "Add a criterion"}
      caption={`Unit ${unit.position}: ${outcome.title}`}
      summary={form.summary}
    >
      <form noValidate onSubmit={submit}>
        <TextInput
          id="code"
          label="Reference"
          hint="Numbers separated by dots, like 1.2 or 2.3a. Each criterion of the course needs its own."
          value={code}
          onChange={setCode}
          error={form.errors.code}
          width={5}
        />
        <Textarea
          id="statement"
          label="What the learner must show"
          hint="Start with a verb, like 'Describe how…' or 'Show how…'"
          value={statement}
          onChange={setStatement}
          error={form.errors.statement}
          rows={3}
        />
        <Textarea
          id="learnerGuidance"
          label="Guidance for learners (optional)"
          hint="What good evidence looks like, shown to learners beside the criterion"
          value={learnerGuidance}
          onChange={setLearnerGuidance}
          error={form.errors.learnerGuidance}
          rows={4}
        />
        <Textarea
          id="assessorGuidance"
          label="Guidance for assessors (optional)"
          hint="What to look for when judging it; learners do not see this"
          value={assessorGuidance}
          onChange={setAssessorGuidance}
          error={form.errors.assessorGuidance}
          rows={4}
        />
        <Button busy={busy}>{criterion ? "Save criterion" : "Add criterion"}</Button>
      </form>
    </FormFrame>
  );
}

function findOutcome(tree: CriteriaTree, outcomeId: string) {
  for (const unit of tree.units) {
    const outcome = unit.outcomes.find((o) => o.id === outcomeId);
    if (outcome) return { unit, outcome };
  }
  return null;
}

function findCriterion(tree: CriteriaTree, criterionId: string) {
  for (const unit of tree.units) {
    for (const outcome of unit.outcomes) {
      const criterion = outcome.criteria.find((c) => c.id === criterionId);
      if (criterion) return { unit, outcome, criterion };
    }
  }
  return null;
}

/** /manage/courses/:id/criteria/units/:unitId */
export function UnitEditPage() {
  const { id = "", unitId = "" } = useParams();
  return (
    <WithTree courseId={id} title="Change unit">
      {(tree) => {
        const unit = tree.units.find((u) => u.id === unitId);
        return unit ? <UnitForm tree={tree} unit={unit} /> : <NotFound what="Unit" />;
      }}
    </WithTree>
  );
}

/** /manage/courses/:id/criteria/outcomes/:outcomeId */
export function OutcomeEditPage() {
  const { id = "", outcomeId = "" } = useParams();
  return (
    <WithTree courseId={id} title="Change learning outcome">
      {(tree) => {
        const found = findOutcome(tree, outcomeId);
        return found ? <OutcomeForm tree={tree} {...found} /> : <NotFound what="Learning outcome" />;
      }}
    </WithTree>
  );
}

/** /manage/courses/:id/criteria/outcomes/:outcomeId/new-criterion */
export function CriterionNewPage() {
  const { id = "", outcomeId = "" } = useParams();
  return (
    <WithTree courseId={id} title="Add a criterion">
      {(tree) => {
        const found = findOutcome(tree, outcomeId);
        return found ? (
          <CriterionForm tree={tree} {...found} criterion={null} />
        ) : (
          <NotFound what="Learning outcome" />
        );
      }}
    </WithTree>
  );
}

/** /manage/courses/:id/criteria/criteria/:criterionId */
export function CriterionEditPage() {
  const { id = "", criterionId = "" } = useParams();
  return (
    <WithTree courseId={id} title="Change criterion">
      {(tree) => {
        const found = findCriterion(tree, criterionId);
        return found ? <CriterionForm tree={tree} {...found} /> : <NotFound what="Criterion" />;
      }}
    </WithTree>
  );
}
