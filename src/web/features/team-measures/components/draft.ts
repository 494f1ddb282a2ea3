import { numberOrNull } from "../../../components/measures/numbers";
import type { FieldErrors } from "../../../lib/form-errors";
import type { MeasureDraft } from "./measure-fields";

/** The checked request fields of a measure draft. */
export interface CheckedDraft {
  kind: "outcome" | "process" | "balancing";
  title: string;
  definition: string;
  unit: string;
  improvementDirection: "increase" | "decrease" | "neither";
  frequency: "daily" | "weekly" | "fortnightly" | "monthly" | "quarterly";
  target: number | null;
  houseModuleId: string | null;
}

const KINDS = ["outcome", "process", "balancing"] as const;
const DIRECTIONS = ["increase", "decrease", "neither"] as const;
const FREQUENCIES = ["daily", "weekly", "fortnightly", "monthly", "quarterly"] as const;

const pick = <T extends string>(list: readonly T[], value: string): T | undefined =>
  list.find((item) => item === value);

/**
 * Checks a typed measure the way the server will (so most mistakes show before sending) and gives the request fields,
 * or the errors keyed by field id (with `prefix`).
 */
export function checkDraft(
  draft: MeasureDraft,
  prefix = "",
): { value: CheckedDraft | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = pick(KINDS, draft.kind);
  const improvementDirection = pick(DIRECTIONS, draft.improvementDirection);
  const frequency = pick(FREQUENCIES, draft.frequency);
  const title = draft.title.trim();
  const target = numberOrNull(draft.target);
  if (!kind) errors[`${prefix}kind`] = "Choose whether this is an outcome, process or balancing measure";
  if (!title) errors[`${prefix}title`] = "Enter a title for the measure";
  else if (title.length > 200) errors[`${prefix}title`] = "Enter a title of 200 characters or fewer";
  if (draft.definition.trim().length > 2000)
    errors[`${prefix}definition`] = "Enter a definition of 2000 characters or fewer";
  if (draft.unit.trim().length > 40) errors[`${prefix}unit`] = "Enter a unit of 40 characters or fewer";
  if (!improvementDirection) errors[`${prefix}improvementDirection`] = "Choose which direction is better";
  if (!frequency) errors[`${prefix}frequency`] = "Choose how often the data is collected";
  if (Number.isNaN(target)) errors[`${prefix}target`] = "Enter the target as a number, like 30 or 12.5";
  if (!kind || !improvementDirection || !frequency || Object.keys(errors).length > 0)
    return { value: null, errors };
  return {
    value: {
      kind,
      title,
      definition: draft.definition.trim(),
      unit: draft.unit.trim(),
      improvementDirection,
      frequency,
      target,
      houseModuleId: draft.houseModuleId || null,
    },
    errors,
  };
}
