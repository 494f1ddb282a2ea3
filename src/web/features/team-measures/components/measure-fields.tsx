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

/** A measure's details as typed. */
export interface MeasureDraft {
  kind: string;
  title: string;
  definition: string;
  unit: string;
  improvementDirection: string;
  frequency: string;
  target: string;
  houseModuleId: string;
}

/** A measure's details as a draft, or an empty draft (collected weekly) for a new one. */
export function measureDraft(measure?: {
  kind: string;
  title: string;
  definition: string;
  unit: string;
  improvementDirection: string;
  frequency: string;
  target?: number | null;
  houseModuleId: string | null;
}): MeasureDraft {
  if (!measure) {
    return {
      kind: "",
      title: "",
      definition: "",
      unit: "",
      improvementDirection: "",
      frequency: "weekly",
      target: "",
      houseModuleId: "",
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
    houseModuleId: measure.houseModuleId ?? "",
  };
}

const KIND_HINTS: Record<(typeof MEASURE_KINDS)[number], string> = {
  outcome: "What the team is trying to improve, for example patient-facing time.",
  process: "Whether the changes are happening as planned, for example stock checks done each week.",
  balancing: "Something that could get worse because of the changes, for example team morale.",
};

/**
 * The fields of a measure: kind, title, definition, unit, better direction, frequency, and where asked the module it
 * belongs to and a target. Ids are the JSON keys, so server errors land on the right field; `prefix` keeps ids unique
 * when several forms share a page.
 */
export function MeasureFields({
  draft,
  onChange,
  errors,
  modules,
  showTarget = true,
  prefix = "",
}: {
  draft: MeasureDraft;
  onChange: (patch: Partial<MeasureDraft>) => void;
  errors: FieldErrors;
  /** The house's modules; omit to leave out the module question. */
  modules?: { id: string; title: string }[];
  showTarget?: boolean;
  prefix?: string;
}) {
  return (
    <>
      <Radios
        name={`${prefix}kind`}
        legend="What kind of measure is it?"
        legendSize="s"
        error={errors[`${prefix}kind`]}
        value={draft.kind}
        onChange={(kind) => onChange({ kind })}
        options={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k], hint: KIND_HINTS[k] }))}
      />
      <TextInput
        id={`${prefix}title`}
        label="Title"
        hint="For example, Home visits cancelled on the day"
        error={errors[`${prefix}title`]}
        value={draft.title}
        onChange={(title) => onChange({ title })}
      />
      <Textarea
        id={`${prefix}definition`}
        label="Definition (optional)"
        hint="Exactly what is counted and how, so everyone in the team counts the same way."
        error={errors[`${prefix}definition`]}
        value={draft.definition}
        onChange={(definition) => onChange({ definition })}
      />
      <TextInput
        id={`${prefix}unit`}
        label="Unit (optional)"
        hint='For example, "%", "minutes", "miles" or "£". With "%", values must be from 0 to 100.'
        error={errors[`${prefix}unit`]}
        value={draft.unit}
        onChange={(unit) => onChange({ unit })}
        width={20}
      />
      <Radios
        name={`${prefix}improvementDirection`}
        legend="Which direction is better?"
        legendSize="s"
        error={errors[`${prefix}improvementDirection`]}
        value={draft.improvementDirection}
        onChange={(improvementDirection) => onChange({ improvementDirection })}
        options={IMPROVEMENT_DIRECTIONS.map((d) => ({ value: d, label: IMPROVEMENT_DIRECTION_LABELS[d] }))}
      />
      <Select
        id={`${prefix}frequency`}
        label="How often is the data collected?"
        error={errors[`${prefix}frequency`]}
        value={draft.frequency}
        onChange={(frequency) => onChange({ frequency })}
        options={MEASURE_FREQUENCIES.map((f) => ({ value: f, label: MEASURE_FREQUENCY_LABELS[f] }))}
      />
      {modules ? (
        <Select
          id={`${prefix}houseModuleId`}
          label="Module (optional)"
          hint="The module of the house this measure shows the effect of."
          error={errors[`${prefix}houseModuleId`]}
          value={draft.houseModuleId}
          onChange={(houseModuleId) => onChange({ houseModuleId })}
          options={[
            { value: "", label: "Not tied to a module" },
            ...modules.map((m) => ({ value: m.id, label: m.title })),
          ]}
        />
      ) : null}
      {showTarget ? (
        <TextInput
          id={`${prefix}target`}
          label="Target (optional)"
          hint="The value the team is aiming for; leave blank for no target. The chart says whether the process will meet it."
          error={errors[`${prefix}target`]}
          value={draft.target}
          onChange={(target) => onChange({ target })}
          width={10}
        />
      ) : null}
    </>
  );
}
