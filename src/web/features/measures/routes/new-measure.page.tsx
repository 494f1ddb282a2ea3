import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { MeasureCreateSchema } from "../../../../shared/measures";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  IMPROVEMENT_DIRECTIONS,
  MEASURE_FREQUENCIES,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
  type MeasureFrequency,
} from "../../../../shared/projects";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { zodFieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCreateMeasure, useProjectMeasures } from "../api/measures";
import { measurePaths } from "../components/measure-paths";
import { DIRECTION_HINTS, MEASURE_KIND_HINTS } from "../components/measure-words";
import { numberOrNull } from "../components/numbers";

const FIELDS = [
  "kind",
  "title",
  "definition",
  "unit",
  "improvementDirection",
  "frequency",
  "target",
] as const;

/** Add a measure to a project: kind, title, definition, unit, better direction, frequency and an optional target. */
export function NewMeasurePage() {
  const { projectId = "" } = useParams();
  const navigate = useNavigate();
  const project = useProjectMeasures(projectId);
  const create = useCreateMeasure(projectId);
  const form = useFormErrors(FIELDS);
  const [kind, setKind] = useState("");
  const [title, setTitle] = useState("");
  const [definition, setDefinition] = useState("");
  const [unit, setUnit] = useState("");
  const [direction, setDirection] = useState("");
  const [frequency, setFrequency] = useState<MeasureFrequency>("weekly");
  const [target, setTarget] = useState("");
  usePageTitle("Add a measure", form.summary.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const targetValue = numberOrNull(target);
    const input = {
      kind,
      title,
      definition,
      unit,
      improvementDirection: direction,
      frequency,
      target: targetValue,
    };
    const parsed = MeasureCreateSchema.safeParse(input);
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (Number.isNaN(targetValue)) errors.target = "Enter the target as a number, like 2 or 95.5";
    if (form.showFieldErrors(errors) || !parsed.success) return;
    create.mutate(parsed.data, {
      onSuccess: (measure) =>
        navigate(measurePaths.measure(projectId, measure.id), {
          state: flash(
            `${measure.title} added`,
            "Add its data one value at a time, or paste it from a spreadsheet.",
          ),
        }),
      onError: (error) => form.showFailure(error),
    });
  };

  if (project.isPending) return <LoadingPage title="Add a measure" />;
  if (project.isError) {
    return (
      <ProblemPage
        title={isApiError(project.error, 404) ? "Project not found" : "Sorry, there is a problem"}
        message={
          isApiError(project.error, 404)
            ? "This project does not exist, or it is not shared with you."
            : project.error.message
        }
      />
    );
  }
  if (!project.data.myAccess.canEdit) {
    return (
      <ProblemPage
        title="You cannot add measures to this project"
        message="Only the project team can add measures."
      >
        <p>
          <Link to={measurePaths.project(projectId)}>Back to {project.data.project.title}</Link>
        </p>
      </ProblemPage>
    );
  }

  return (
    <>
      <Breadcrumbs items={[{ to: measurePaths.project(projectId), text: project.data.project.title }]} />
      <ErrorSummary errors={form.summary} />
      <h1>Add a measure</h1>
      <form onSubmit={submit} noValidate>
        <Radios
          name="kind"
          legend="What kind of measure is it?"
          error={form.errors.kind}
          value={kind}
          onChange={setKind}
          options={MEASURE_KINDS.map((k) => ({
            value: k,
            label: MEASURE_KIND_LABELS[k],
            hint: MEASURE_KIND_HINTS[k],
          }))}
        />
        <TextInput
          id="title"
          label="Title"
          hint="For example, Missed doses per 100 administrations"
          error={form.errors.title}
          value={title}
          onChange={setTitle}
        />
        <Textarea
          id="definition"
          label="Definition (optional)"
          hint="Exactly what is counted and how, so anyone collecting the data counts the same way."
          error={form.errors.definition}
          value={definition}
          onChange={setDefinition}
        />
        <TextInput
          id="unit"
          label="Unit (optional)"
          hint='For example, "%", "minutes" or "per 100 administrations". With "%", values must be from 0 to 100.'
          error={form.errors.unit}
          value={unit}
          onChange={setUnit}
          width={20}
        />
        <Radios
          name="improvementDirection"
          legend="Which direction is better?"
          error={form.errors.improvementDirection}
          value={direction}
          onChange={setDirection}
          options={IMPROVEMENT_DIRECTIONS.map((d) => ({
            value: d,
            label: IMPROVEMENT_DIRECTION_LABELS[d],
            hint: DIRECTION_HINTS[d],
          }))}
        />
        <Select
          id="frequency"
          label="How often is the data collected?"
          error={form.errors.frequency}
          value={frequency}
          // `as`: the select only offers MEASURE_FREQUENCIES.
          onChange={(value) => setFrequency(value as MeasureFrequency)}
          options={MEASURE_FREQUENCIES.map((f) => ({ value: f, label: MEASURE_FREQUENCY_LABELS[f] }))}
        />
        <TextInput
          id="target"
          label="Target (optional)"
          hint="The value you are aiming for. The chart says whether the process will meet it."
          error={form.errors.target}
          value={target}
          onChange={setTarget}
          width={5}
          inputMode="text"
        />
        <Button busy={create.isPending}>Add measure</Button>
      </form>
    </>
  );
}
