import type { UseMutationResult } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { formatCalendarDate } from "../../../shared/dates";
import {
  type MeasurePoint,
  type PointCreateInput,
  PointCreateSchema,
  type PointUpdateInput,
} from "../../../shared/measures";
import { zodFieldErrors } from "../../lib/form-errors";
import { useFormErrors } from "../../lib/use-form-errors";
import { Button } from "../button";
import { DateInput, type DateParts, datePartsFrom, emptyDateParts, isoDateFrom } from "../date-input";
import { ErrorSummary } from "../error-summary";
import { TextInput } from "../text-input";
import { numberOrNull } from "./numbers";

const FIELDS = ["date", "value", "note"] as const;

/** The requests a value form sends: add one value, or change one (a project's or a team's measure). */
export interface PointMutations {
  add: UseMutationResult<MeasurePoint, Error, PointCreateInput>;
  update: UseMutationResult<MeasurePoint, Error, { pointId: string; body: PointUpdateInput }>;
}

/**
 * The "Add a value" form, or the form changing one value when `point` is given, for any measure: the feature gives
 * its `add` and `update` mutations and the date hint. Errors show in its own error summary; `onDone` gets a heading
 * to show once the value is saved.
 */
export function PointForm({
  add,
  update,
  dateHint,
  point,
  onDone,
  onCancel,
}: PointMutations & {
  /** The date's hint, with an example date in the day month year order the fields take. */
  dateHint: string;
  point?: MeasurePoint;
  onDone: (message: { heading: string }) => void;
  onCancel?: () => void;
}) {
  const prefix = point ? `edit-${point.id}-` : "";
  const form = useFormErrors(FIELDS.map((f) => prefix + f));
  const [date, setDate] = useState<DateParts>(point ? datePartsFrom(point.date) : emptyDateParts);
  const [value, setValue] = useState(point ? String(point.value) : "");
  const [note, setNote] = useState(point?.note ?? "");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const when = isoDateFrom(date, "the date");
    const number = numberOrNull(value);
    const parsed = PointCreateSchema.safeParse({ date: when.date ?? "", value: number ?? Number.NaN, note });
    const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (when.error) errors.date = when.error;
    if (number === null || Number.isNaN(number)) errors.value = "Enter the value as a number, like 4 or 12.5";
    const prefixed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [prefix + k, v]));
    if (form.showFieldErrors(prefixed) || !parsed.success) return;
    if (point) {
      update.mutate(
        { pointId: point.id, body: parsed.data },
        {
          onSuccess: (saved) =>
            onDone({ heading: `The value for ${formatCalendarDate(saved.date)} has been changed` }),
          onError: (error) => form.showFailure(error),
        },
      );
    } else {
      add.mutate(parsed.data, {
        onSuccess: (saved) => {
          setDate(emptyDateParts);
          setValue("");
          setNote("");
          form.showFieldErrors({});
          onDone({ heading: `${saved.value} added for ${formatCalendarDate(saved.date)}` });
        },
        onError: (error) => form.showFailure(error),
      });
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={form.summary} />
      <DateInput
        id={`${prefix}date`}
        legend="Date"
        hint={dateHint}
        error={form.errors[`${prefix}date`]}
        value={date}
        onChange={setDate}
      />
      <TextInput
        id={`${prefix}value`}
        label="Value"
        error={form.errors[`${prefix}value`]}
        value={value}
        onChange={setValue}
        width={10}
        inputMode="text"
      />
      <TextInput
        id={`${prefix}note`}
        label="Note (optional)"
        hint="Anything that explains this value, for example short-staffed."
        error={form.errors[`${prefix}note`]}
        value={note}
        onChange={setNote}
      />
      <div className="nhsuk-button-group">
        <Button busy={add.isPending || update.isPending}>{point ? "Save value" : "Add value"}</Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
