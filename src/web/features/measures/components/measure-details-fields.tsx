import {
  IMPROVEMENT_DIRECTION_LABELS,
  IMPROVEMENT_DIRECTIONS,
  MEASURE_FREQUENCIES,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
} from "../../../../shared/projects";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import type { FieldErrors } from "../../../lib/form-errors";
import { DIRECTION_HINTS, MEASURE_KIND_HINTS } from "./measure-words";

/** A measure's details as typed: kind, title, definition, unit, better direction, frequency and target. */
export interface MeasureDetailsDraft {
  kind: string;
  title: string;
  definition: string;
  unit: string;
  improvementDirection: string;
  frequency: string;
  target: string;
}

/** The details of a measure as a draft, or an empty draft (collected weekly) for a new one. */
export function measureDetailsDraft(measure?: {
  kind: string;
  title: string;
  definition: string;
  unit: string;
  improvementDirection: string;
  frequency: string;
  target: number | null;
}): MeasureDetailsDraft {
  if (!measure) {
    return {
      kind: "",
      title: "",
      definition: "",
      unit: "",
      improvementDirection: "",
      frequency: "weekly",
      target: "",
    };
  }
  return {
    kind: measure.kind,
    title: measure.title,
    definition: measure.definition,
    unit: measure.unit,
    improvementDirection: measure.improvementDirection,
    frequency: measure.frequency,
    target: measure.target === null ? "" : String(measure.target),
  };
}

/**
 * The fields of a measure's details, the same when adding a measure and in its chart settings; `legendSize` makes the
 * radios' legends smaller where the fields sit under a "Details" heading.
 */
export function MeasureDetailsFields({
  draft,
  onChange,
  errors,
  legendSize,
}: {
  draft: MeasureDetailsDraft;
  onChange: (patch: Partial<MeasureDetailsDraft>) => void;
  errors: FieldErrors;
  legendSize?: "s";
}) {
  return (
    <>
      <Radios
        name="kind"
        legend="What kind of measure is it?"
        legendSize={legendSize}
        error={errors.kind}
        value={draft.kind}
        onChange={(kind) => onChange({ kind })}
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
        error={errors.title}
        value={draft.title}
        onChange={(title) => onChange({ title })}
      />
      <Textarea
        id="definition"
        label="Definition (optional)"
        hint="Exactly what is counted and how, so anyone collecting the data counts the same way."
        error={errors.definition}
        value={draft.definition}
        onChange={(definition) => onChange({ definition })}
      />
      <TextInput
        id="unit"
        label="Unit (optional)"
        hint='For example, "%", "minutes" or "per 100 administrations". With "%", values must be from 0 to 100.'
        error={errors.unit}
        value={draft.unit}
        onChange={(unit) => onChange({ unit })}
        width={20}
      />
      <Radios
        name="improvementDirection"
        legend="Which direction is better?"
        legendSize={legendSize}
        error={errors.improvementDirection}
        value={draft.improvementDirection}
        onChange={(improvementDirection) => onChange({ improvementDirection })}
        options={IMPROVEMENT_DIRECTIONS.map((d) => ({
          value: d,
          label: IMPROVEMENT_DIRECTION_LABELS[d],
          hint: DIRECTION_HINTS[d],
        }))}
      />
      <Select
        id="frequency"
        label="How often is the data collected?"
        error={errors.frequency}
        value={draft.frequency}
        onChange={(frequency) => onChange({ frequency })}
        options={MEASURE_FREQUENCIES.map((f) => ({ value: f, label: MEASURE_FREQUENCY_LABELS[f] }))}
      />
      <TextInput
        id="target"
        label="Target (optional)"
        hint="The value you are aiming for; leave blank for no target. The chart says whether the process will meet it."
        error={errors.target}
        value={draft.target}
        onChange={(target) => onChange({ target })}
        width={5}
      />
    </>
  );
}
