import type { FormEvent, ReactNode } from "react";
import type { SummaryError } from "../lib/form-errors";
import { usePageTitle } from "../lib/page-title";
import { Button } from "./button";
import { ErrorSummary } from "./error-summary";
import { BackLink } from "./links";

interface QuestionPageProps {
  /** The question, used for the page title (the h1 is the field's label or legend). */
  title: string;
  backTo?: string;
  errors: SummaryError[];
  onSubmit: () => void;
  submitLabel?: string;
  busy?: boolean;
  children: ReactNode;
  /** Shown below the form, such as links to other ways in. */
  after?: ReactNode;
}

/** The NHS "question page" frame: back link, error summary, one question, and a Continue button. */
export function QuestionPage({
  title,
  backTo,
  errors,
  onSubmit,
  submitLabel = "Continue",
  busy = false,
  children,
  after,
}: QuestionPageProps) {
  usePageTitle(title, errors.length > 0);
  return (
    <>
      {backTo ? <BackLink to={backTo} /> : null}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <form
            noValidate
            onSubmit={(event: FormEvent<HTMLFormElement>) => {
              event.preventDefault();
              onSubmit();
            }}
          >
            {children}
            <Button busy={busy}>{submitLabel}</Button>
          </form>
          {after}
        </div>
      </div>
    </>
  );
}
