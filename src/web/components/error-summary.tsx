import { type MouseEvent, useEffect, useId, useMemo, useRef } from "react";
import { Link } from "react-router";
import type { SummaryError } from "../lib/form-errors";

/** Moves focus to a field and brings its label or legend into view, as the NHS error summary does. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  const legend = target.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  target.focus({ preventScroll: true });
  (legend ?? label ?? target).scrollIntoView();
}

interface ErrorSummaryProps {
  errors: SummaryError[];
  title?: string;
}

/**
 * The NHS error summary: shown at the top of a form, focused whenever a new set of errors appears so
 * screen readers announce it, with each error linking to its field (or to the page that fixes it).
 */
export function ErrorSummary({ errors, title = "There is a problem" }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();

  useEffect(() => {
    // `errors` is a new array on every failed submission, so focus moves back here each time.
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);

  if (errors.length === 0) return null;

  return (
    <div className="nhsuk-error-summary" tabIndex={-1} ref={ref}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__title" id={titleId}>
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.field ?? error.to ?? ""}:${error.message}`}>
                {error.to ? (
                  <Link to={error.to}>{error.message}</Link>
                ) : error.field ? (
                  <a href={`#${error.field}`} onClick={(event) => focusField(event, error.field ?? "")}>
                    {error.message}
                  </a>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * The error summary for a failed request with no fields of its own (a button that posts). Lines are made once
 * per failure, so the summary takes focus when the request fails, not on every re-render.
 */
export function RequestErrorSummary({ error }: { error: Error | null }) {
  const errors = useMemo(() => (error ? [{ message: error.message }] : []), [error]);
  return <ErrorSummary errors={errors} />;
}
