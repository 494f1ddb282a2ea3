import { ErrorMessage, formGroupClass, Hint } from "./form-group";

/** What someone has typed into a date input, part by part, as text (so "03" and "" survive until they submit). */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** An empty date input. */
export const emptyDateParts: DateParts = { day: "", month: "", year: "" };

/** A calendar date ("2027-03-02") as date input parts ("2", "3", "2027"). */
export function datePartsFrom(isoDate: string): DateParts {
  const [year = "", month = "", day = ""] = isoDate.split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * The parts as a calendar date ("2027-03-02"), or a message saying what to fix, in the NHS pattern's words: what is
 * missing, or that the date must be real.
 */
export function isoDateFrom(
  parts: DateParts,
  what: string,
): { date: string; error?: undefined } | { date?: undefined; error: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { error: `Enter ${what}` };
  const missing = [!day ? "day" : null, !month ? "month" : null, !year ? "year" : null].filter(Boolean);
  if (missing.length > 0) return { error: `${capitalise(what)} must include a ${missing.join(" and ")}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: `${capitalise(what)} must be a real date` };
  }
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day)
  ) {
    return { error: `${capitalise(what)} must be a real date` };
  }
  return { date: `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface DateInputProps {
  /** The field name: the day input's id (so an error summary link reaches it), and the stem of the others. */
  id: string;
  legend: string;
  legendSize?: "s" | "m" | "l";
  hint?: string;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
}

/** The NHS date input: day, month and year boxes in a fieldset with legend, hint and error message. */
export function DateInput({ id, legend, legendSize = "s", hint, error, value, onChange }: DateInputProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const parts: Array<{ key: keyof DateParts; label: string; width: 2 | 4; inputId: string }> = [
    { key: "day", label: "Day", width: 2, inputId: id },
    { key: "month", label: "Month", width: 2, inputId: `${id}-month` },
    { key: "year", label: "Year", width: 4, inputId: `${id}-year` },
  ];
  return (
    <div className={formGroupClass(error)}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>{legend}</legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        <div className="nhsuk-date-input" id={`${id}-date`}>
          {parts.map((part) => (
            <div className="nhsuk-date-input__item" key={part.key}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={part.inputId}>
                  {part.label}
                </label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${error ? " nhsuk-input--error" : ""}`}
                  id={part.inputId}
                  name={part.inputId}
                  type="text"
                  inputMode="numeric"
                  value={value[part.key]}
                  onChange={(event) => onChange({ ...value, [part.key]: event.target.value })}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
