import { type FormEvent, useState } from "react";
import { formatCalendarDate } from "../../../../shared/dates";
import { type MeasurePoint, PointCreateSchema } from "../../../../shared/measures";
import { Button } from "../../../components/button";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { TextInput } from "../../../components/text-input";
import { zodFieldErrors } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddTeamPoint, useUpdateTeamPoint } from "../api/team-measures";
import { numberOrNull } from "./words";

const FIELDS = ["date", "value", "note"] as const;

/**
 * The "Add a value" form, or the form changing one value when `point` is given. Errors show in its own error summary;
 * `onDone` gets a heading to show once the value is saved.
 */
export function PointForm({
  measureId,
  point,
  onDone,
  onCancel,
}: {
  measureId: string;
  point?: MeasurePoint;
  onDone: (message: { heading: string }) => void;
  onCancel?: () => void;
}) {
  const prefix = point ? `edit-${point.id}-` : "";
  const form = useFormErrors(FIELDS.map((f) => prefix + f));
  const add = useAddTeamPoint(measureId);
  const update = useUpdateTeamPoint(measureId);
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
        hint="For example, 2 3 2026. Use the first day of the week or month the value is for."
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
