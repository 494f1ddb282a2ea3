import { type FormEvent, type ReactNode, useState } from "react";
import { LICENCE_NOTE_MAX, MAX_LICENCE_SEATS } from "../../../../shared/entitlements";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { TextInput } from "../../../components/text-input";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { type FormErrors, useFormErrors } from "../../../lib/use-form-errors";

/** The licence fields every licence form has: seats, dates and note. */
export interface LicenceTerms {
  seats: number;
  startsOn: string;
  endsOn: string;
  note: string | null;
}

/** The fields in page order: the error summary links to them in this order. */
export const LICENCE_FIELDS = ["organisationId", "courseId", "seats", "startsOn", "endsOn", "note"] as const;

/** The seats as a whole number in range, or what to fix. */
function checkSeats(text: string): { seats: number } | { error: string } {
  const trimmed = text.trim().replaceAll(",", "");
  if (!trimmed) return { error: "Enter the number of seats" };
  if (!/^\d+$/.test(trimmed)) return { error: "Enter the number of seats as a whole number, like 25" };
  const seats = Number(trimmed);
  if (seats < 1) return { error: "A licence must have at least 1 seat" };
  if (seats > MAX_LICENCE_SEATS)
    return { error: `A licence can have at most ${MAX_LICENCE_SEATS.toLocaleString("en-GB")} seats` };
  return { seats };
}

interface LicenceFormProps {
  /** The page title, prefixed with "Error: " while the form shows errors. */
  title: string;
  initial?: LicenceTerms;
  submitLabel: string;
  busy: boolean;
  /** Fields above the terms (organisation and course when adding; what they are when changing). */
  before: (errors: FieldErrors) => ReactNode;
  /** Checks the fields in `before`; returns their errors. */
  checkBefore?: () => FieldErrors;
  onSubmit: (terms: LicenceTerms, form: FormErrors) => void;
}

/** Seats, start and end dates (NHS date inputs) and a note, checked before sending; the server checks again. */
export function LicenceForm({
  title,
  initial,
  submitLabel,
  busy,
  before,
  checkBefore,
  onSubmit,
}: LicenceFormProps) {
  const form = useFormErrors(LICENCE_FIELDS);
  usePageTitle(title, form.summary.length > 0);
  const [seats, setSeats] = useState(initial ? String(initial.seats) : "");
  const [startsOn, setStartsOn] = useState<DateParts>(
    initial ? datePartsFrom(initial.startsOn) : emptyDateParts,
  );
  const [endsOn, setEndsOn] = useState<DateParts>(initial ? datePartsFrom(initial.endsOn) : emptyDateParts);
  const [note, setNote] = useState(initial?.note ?? "");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = checkBefore?.() ?? {};
    const seatsResult = checkSeats(seats);
    if ("error" in seatsResult) errors.seats = seatsResult.error;
    const start = isoDateFrom(startsOn, "the start date");
    if (start.error) errors.startsOn = start.error;
    const end = isoDateFrom(endsOn, "the end date");
    if (end.error) errors.endsOn = end.error;
    if (start.date && end.date && end.date < start.date)
      errors.endsOn = "The end date must be the same as or after the start date";
    if (note.trim().length > LICENCE_NOTE_MAX)
      errors.note = `The note must be ${LICENCE_NOTE_MAX.toLocaleString("en-GB")} characters or fewer`;
    if (form.showFieldErrors(errors) || busy) return;
    if ("error" in seatsResult || !start.date || !end.date) return;
    onSubmit(
      { seats: seatsResult.seats, startsOn: start.date, endsOn: end.date, note: note.trim() || null },
      form,
    );
  };

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <form noValidate onSubmit={submit}>
        {before(form.errors)}
        <TextInput
          id="seats"
          label="Number of seats"
          hint="Each learner who enrols through the licence takes one seat for good"
          inputMode="numeric"
          width={5}
          value={seats}
          onChange={setSeats}
          error={form.errors.seats}
        />
        <DateInput
          id="startsOn"
          legend="Start date"
          hint="The first day learners can take a seat, for example 1 4 2026"
          value={startsOn}
          onChange={setStartsOn}
          error={form.errors.startsOn}
        />
        <DateInput
          id="endsOn"
          legend="End date"
          hint="The last day learners can take a seat, for example 31 3 2027"
          value={endsOn}
          onChange={setEndsOn}
          error={form.errors.endsOn}
        />
        <CharacterCount
          id="note"
          label="Note (optional)"
          hint="For example, the purchase order or contract reference"
          value={note}
          onChange={setNote}
          error={form.errors.note}
          maxLength={LICENCE_NOTE_MAX}
          rows={3}
        />
        <Button busy={busy}>{submitLabel}</Button>
      </form>
    </>
  );
}
