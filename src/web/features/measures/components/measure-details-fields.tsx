import {
  MeasureDetailsFields as Fields,
  type MeasureDetailsDraft,
  type MeasureFieldHints,
} from "../../../components/measures/measure-details-fields";
import type { FieldErrors } from "../../../lib/form-errors";
import { DIRECTION_HINTS, MEASURE_KIND_HINTS } from "./measure-words";

export {
  type MeasureDetailsDraft,
  measureDetailsDraft,
} from "../../../components/measures/measure-details-fields";

/** A project measure's hints, with examples from a ward's drug rounds. */
const HINTS: MeasureFieldHints = {
  kinds: MEASURE_KIND_HINTS,
  directions: DIRECTION_HINTS,
  title: "For example, Missed doses per 100 administrations",
  definition: "Exactly what is counted and how, so anyone collecting the data counts the same way.",
  unit: 'For example, "%", "minutes" or "per 100 administrations". With "%", values must be from 0 to 100.',
  target:
    "The value you are aiming for; leave blank for no target. The chart says whether the process will meet it.",
};

/**
 * The fields of a project measure's details, the same when adding a measure and in its chart settings; `legendSize`
 * makes the radios' legends smaller where the fields sit under a "Details" heading.
 */
export function MeasureDetailsFields(props: {
  draft: MeasureDetailsDraft;
  onChange: (patch: Partial<MeasureDetailsDraft>) => void;
  errors: FieldErrors;
  legendSize?: "s";
}) {
  return <Fields {...props} hints={HINTS} />;
}
