import { type ReactNode, useEffect, useRef } from "react";
import { Button } from "../../../components/button";

interface ConfirmProps {
  /** What is about to happen, as a question: "Delete step 2, 'Why measure?'?" */
  question: string;
  children?: ReactNode;
  confirmLabel: string;
  variant?: "primary" | "warning";
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks "are you sure?" in place of the button that asked, with the consequences. It takes focus when it appears, so
 * keyboard and screen reader users land on the question; Cancel gives focus back to the caller.
 */
export function Confirm({
  question,
  children,
  confirmLabel,
  variant = "warning",
  busy,
  onConfirm,
  onCancel,
}: ConfirmProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="app-confirm" tabIndex={-1} ref={ref}>
      <p className="nhsuk-heading-s nhsuk-u-margin-bottom-2">{question}</p>
      {children}
      <div className="app-actions">
        <Button type="button" variant={variant} small busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button type="button" variant="secondary" small onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
