import type { ReactNode } from "react";
import { Link } from "react-router";
import { continuePath } from "./learning-paths";

interface StepCompletionProps {
  enrolmentId: string;
  completed: boolean;
  readOnly: boolean;
  /** The way to complete this kind of step (a button), shown until it is complete. */
  children: ReactNode;
}

/**
 * The end of a step: the way to complete it, or once it is complete, a "Continue" link to the next incomplete
 * step. Expired enrolments show neither: nothing can change.
 */
export function StepCompletion({ enrolmentId, completed, readOnly, children }: StepCompletionProps) {
  if (readOnly) return null;
  if (!completed) return <div className="app-step-completion">{children}</div>;
  return (
    <div className="app-step-completion">
      <p>You have completed this step.</p>
      <Link className="nhsuk-button" to={continuePath(enrolmentId)} draggable={false}>
        Continue
      </Link>
    </div>
  );
}
