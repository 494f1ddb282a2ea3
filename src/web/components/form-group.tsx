import type { ReactNode } from "react";

/** The aria-describedby of a control: its hint's id, then its error message's, or undefined when it has neither. */
export function describedBy(id: string, hint: ReactNode, error: ReactNode): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** The class of an nhsuk-form-group wrapper, with any extra classes and the error modifier when there is an error. */
export function formGroupClass(error: ReactNode, className?: string): string {
  return `nhsuk-form-group${className ? ` ${className}` : ""}${error ? " nhsuk-form-group--error" : ""}`;
}

interface HintProps {
  id: string;
  hint: ReactNode;
  /** Replaces the plain "nhsuk-hint" class, e.g. for a hint inside a checkbox item. */
  className?: string;
}

/** An NHS hint with id `${id}-hint`, or nothing when there is no hint. */
export function Hint({ id, hint, className = "nhsuk-hint" }: HintProps) {
  return hint ? (
    <div className={className} id={`${id}-hint`}>
      {hint}
    </div>
  ) : null;
}

interface ErrorMessageProps {
  id: string;
  error: ReactNode;
}

/** An NHS error message with id `${id}-error` and a visually hidden "Error:" prefix, or nothing when there is no error. */
export function ErrorMessage({ id, error }: ErrorMessageProps) {
  return error ? (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </span>
  ) : null;
}

interface FormGroupProps {
  /** The control's id: the label's htmlFor and the stem of the hint and error ids. */
  id: string;
  label: string;
  /** nhsuk label size; "l" is used whatever this says when the label is the page heading. */
  labelSize?: "s" | "m" | "l";
  /** Wraps the label in an h1, for one-question pages. */
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  /** Extra classes on the form group, such as "nhsuk-password-input". */
  className?: string;
  /** The control, which should set aria-describedby={describedBy(id, hint, error)}. */
  children: ReactNode;
}

/** An NHS form group for a labelled control: label, hint, error message, then the control. */
export function FormGroup({
  id,
  label,
  labelSize,
  isPageHeading = false,
  hint,
  error,
  className,
  children,
}: FormGroupProps) {
  const size = isPageHeading ? "l" : labelSize;
  const labelElement = (
    <label className={`nhsuk-label${size ? ` nhsuk-label--${size}` : ""}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={formGroupClass(error, className)}>
      {isPageHeading ? <h1 className="nhsuk-label-wrapper">{labelElement}</h1> : labelElement}
      <Hint id={id} hint={hint} />
      <ErrorMessage id={id} error={error} />
      {children}
    </div>
  );
}

interface FieldsetGroupProps {
  /** The field name: the stem of the hint and error ids. */
  id: string;
  legend: string;
  /** nhsuk legend size; "l" is used whatever this says when the legend is the page heading. */
  legendSize?: "s" | "m" | "l";
  /** Puts the legend in an h1, for one-question pages. */
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  /** The options (radios or checkboxes). */
  children: ReactNode;
}

/** An NHS form group holding a fieldset: legend, hint, error message, then the options, described by hint and error. */
export function FieldsetGroup({
  id,
  legend,
  legendSize = "m",
  isPageHeading = false,
  hint,
  error,
  children,
}: FieldsetGroupProps) {
  return (
    <div className={formGroupClass(error)}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend
          className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${isPageHeading ? "l" : legendSize}`}
        >
          {isPageHeading ? <h1 className="nhsuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        <Hint id={id} hint={hint} />
        <ErrorMessage id={id} error={error} />
        {children}
      </fieldset>
    </div>
  );
}
