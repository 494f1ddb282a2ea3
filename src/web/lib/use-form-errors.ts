import { useState } from "react";
import { apiFieldErrors, type FieldErrors, type SummaryError, summaryErrors } from "./form-errors";

/** One form's field errors and error summary, with the ways to show or clear them. */
export interface FormErrors {
  /** The message shown against each field, keyed by the field's id. */
  errors: FieldErrors;
  /** The error summary lines: a new array each time errors are shown, so the summary takes focus again. */
  summary: SummaryError[];
  /** Shows client-side errors (an empty object clears them); true when there were errors. */
  showFieldErrors: (fieldErrors: FieldErrors) => boolean;
  /** Shows a failed request: the server's errors against the known fields, everything else in the summary. */
  showFailure: (error: unknown) => void;
  /** Shows summary lines of the page's own making, with no field errors. */
  showSummary: (lines: readonly SummaryError[]) => void;
}

/** Errors for a form whose fields, in page order, are `fields`; `initial` errors show from the first render. */
export function useFormErrors(fields: readonly string[], initial: FieldErrors = {}): FormErrors {
  const [errors, setErrors] = useState<FieldErrors>(() => ({ ...initial }));
  const [summary, setSummary] = useState<SummaryError[]>(() => summaryErrors(fields, initial));

  const showFieldErrors = (fieldErrors: FieldErrors): boolean => {
    setErrors(fieldErrors);
    setSummary(summaryErrors(fields, fieldErrors));
    return Object.keys(fieldErrors).length > 0;
  };

  const showFailure = (error: unknown): void => {
    const fieldErrors = apiFieldErrors(error, fields);
    setErrors(fieldErrors);
    setSummary(summaryErrors(fields, fieldErrors, error));
  };

  const showSummary = (lines: readonly SummaryError[]): void => {
    setErrors({});
    setSummary([...lines]);
  };

  return { errors, summary, showFieldErrors, showFailure, showSummary };
}
