import type { MeasureKind } from "../../../../shared/projects";
import {
  type MeasureDetailsDraft,
  MeasureDetailsFields,
  type MeasureFieldHints,
  measureDetailsDraft,
} from "../../../components/measures/measure-details-fields";
import { Select } from "../../../components/select";
import type { FieldErrors } from "../../../lib/form-errors";

/** A team measure's details as typed, with the module it belongs to. */
export interface MeasureDraft extends MeasureDetailsDraft {
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
  return { ...measureDetailsDraft(measure), houseModuleId: measure?.houseModuleId ?? "" };
}

const KIND_HINTS: Record<MeasureKind, string> = {
  outcome: "What the team is trying to improve, for example patient-facing time.",
  process: "Whether the changes are happening as planned, for example stock checks done each week.",
  balancing: "Something that could get worse because of the changes, for example team morale.",
};

/** A team measure's hints, with examples from a community team's work. */
const HINTS: MeasureFieldHints = {
  kinds: KIND_HINTS,
  title: "For example, Home visits cancelled on the day",
  definition: "Exactly what is counted and how, so everyone in the team counts the same way.",
  unit: 'For example, "%", "minutes", "miles" or "£". With "%", values must be from 0 to 100.',
  target:
    "The value the team is aiming for; leave blank for no target. The chart says whether the process will meet it.",
};

/**
 * The fields of a team or library measure: kind, title, definition, unit, better direction, frequency, and where
 * asked the module it belongs to and a target. Ids are the JSON keys, so server errors land on the right field;
 * `prefix` keeps ids unique when several forms share a page.
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
    <MeasureDetailsFields
      draft={draft}
      onChange={onChange}
      errors={errors}
      hints={HINTS}
      legendSize="s"
      prefix={prefix}
      showTarget={showTarget}
      targetWidth={10}
      beforeTarget={
        modules ? (
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
        ) : null
      }
    />
  );
}
