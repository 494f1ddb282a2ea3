import type { ReactNode } from "react";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  IMPROVEMENT_DIRECTIONS,
  type ImprovementDirection,
  MEASURE_FREQUENCIES,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
  type MeasureKind,
} from "../../../shared/projects";
import type { FieldErrors } from "../../lib/form-errors";
import { Radios } from "../radios";
import { Select } from "../select";
import { TextInput } from "../text-input";
import { Textarea } from "../textarea";

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
  target?: number | null;
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
    target: measure.target === null || measure.target === undefined ? "" : String(measure.target),
  };
}

/** The hints a feature gives its measure fields, with examples from its own setting (a project's ward, a team's base). */
export interface MeasureFieldHints {
  kinds: Record<MeasureKind, string>;
  /** Hints under each better direction; none when omitted. */
  directions?: Record<ImprovementDirection, string>;
  title: string;
  definition: string;
  unit: string;
  target: string;
}

/**
 * The fields of a measure's details (a project's or a team's): kind, title, definition, unit, better direction,
 * frequency and, where asked, a target. Ids are the JSON keys, so server errors land on the right field; `prefix`
 * keeps ids unique when several forms share a page; `beforeTarget` puts a feature's own question (a team's module)
 * before the target; `legendSize` makes the radios' legends smaller under a "Details" heading.
 */
export function MeasureDetailsFields({
  draft,
  onChange,
  errors,
  hints,
  legendSize,
  prefix = "",
  showTarget = true,
  targetWidth = 5,
  beforeTarget,
}: {
  draft: MeasureDetailsDraft;
  onChange: (patch: Partial<MeasureDetailsDraft>) => void;
  errors: FieldErrors;
  hints: MeasureFieldHints;
  legendSize?: "s";
  prefix?: string;
  showTarget?: boolean;
  targetWidth?: 5 | 10;
  beforeTarget?: ReactNode;
}) {
  return (
    <>
      <Radios
        name={`${prefix}kind`}
        legend="What kind of measure is it?"
        legendSize={legendSize}
        error={errors[`${prefix}kind`]}
        value={draft.kind}
        onChange={(kind) => onChange({ kind })}
        options={MEASURE_KINDS.map((k) => ({
          value: k,
          label: MEASURE_KIND_LABELS[k],
          hint: hints.kinds[k],
        }))}
      />
      <TextInput
        id={`${prefix}title`}
        label="Title"
        hint={hints.title}
        error={errors[`${prefix}title`]}
        value={draft.title}
        onChange={(title) => onChange({ title })}
      />
      <Textarea
        id={`${prefix}definition`}
        label="Definition (optional)"
        hint={hints.definition}
        error={errors[`${prefix}definition`]}
        value={draft.definition}
        onChange={(definition) => onChange({ definition })}
      />
      <TextInput
        id={`${prefix}unit`}
        label="Unit (optional)"
        hint={hints.unit}
        error={errors[`${prefix}unit`]}
        value={draft.unit}
        onChange={(unit) => onChange({ unit })}
        width={20}
      />
      <Radios
        name={`${prefix}improvementDirection`}
        legend="Which direction is better?"
        legendSize={legendSize}
        error={errors[`${prefix}improvementDirection`]}
        value={draft.improvementDirection}
        onChange={(improvementDirection) => onChange({ improvementDirection })}
        options={IMPROVEMENT_DIRECTIONS.map((d) => ({
          value: d,
          label: IMPROVEMENT_DIRECTION_LABELS[d],
          ...(hints.directions ? { hint: hints.directions[d] } : {}),
        }))}
      />
      <Select
        id={`${prefix}frequency`}
        label="How often is the data collected?"
        error={errors[`${prefix}frequency`]}
        value={draft.frequency}
        onChange={(frequency) => onChange({ frequency })}
        options={MEASURE_FREQUENCIES.map((f) => ({ value: f, label: MEASURE_FREQUENCY_LABELS[f] }))}
      />
      {beforeTarget}
      {showTarget ? (
        <TextInput
          id={`${prefix}target`}
          label="Target (optional)"
          hint={hints.target}
          error={errors[`${prefix}target`]}
          value={draft.target}
          onChange={(target) => onChange({ target })}
          width={targetWidth}
        />
      ) : null}
    </>
  );
}
