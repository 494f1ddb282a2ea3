import { type ReactNode, useEffect, useRef } from "react";
import { Button } from "../../../components/button";

interface ConfirmProps {
  /** What is about to happen, as a question: "Delete criterion 1.2?" */
  question: string;
  children?: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks "are you sure?" in place of the button that asked, with the consequences. It takes focus when it appears, so
 * keyboard and screen reader users land on the question.
 */
export function Confirm({ question, children, confirmLabel, busy, onConfirm, onCancel }: ConfirmProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="app-confirm" tabIndex={-1} ref={ref}>
      <p className="nhsuk-heading-s nhsuk-u-margin-bottom-2">{question}</p>
      {children}
      <div className="app-actions">
        <Button type="button" variant="warning" small busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button type="button" variant="secondary" small onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
