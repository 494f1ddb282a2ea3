import { useEffect, useState } from "react";
import { describedBy, FormGroup } from "./form-group";

interface CharacterCountProps {
  id: string;
  label: string;
  labelSize?: "s" | "m" | "l";
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows?: number;
}

function remainingWords(remaining: number): string {
  const n = Math.abs(remaining).toLocaleString("en-GB");
  const unit = Math.abs(remaining) === 1 ? "character" : "characters";
  return remaining >= 0 ? `You have ${n} ${unit} remaining` : `You have ${n} ${unit} too many`;
}

/**
 * The NHS character count: a textarea that says how many characters are left, visibly as you type and to screen
 * readers once typing pauses (so they are not interrupted at every key). Going over is allowed and shown as an error
 * style; the form's own check refuses it.
 */
export function CharacterCount({
  id,
  label,
  labelSize,
  hint,
  error,
  value,
  onChange,
  maxLength,
  rows = 5,
}: CharacterCountProps) {
  const remaining = maxLength - value.length;
  const [announced, setAnnounced] = useState(remainingWords(remaining));
  useEffect(() => {
    const timer = window.setTimeout(() => setAnnounced(remainingWords(remaining)), 1000);
    return () => window.clearTimeout(timer);
  }, [remaining]);
  const over = remaining < 0;
  const info = `${id}-info`;
  return (
    <FormGroup
      id={id}
      label={label}
      labelSize={labelSize}
      hint={hint}
      error={error}
      className="nhsuk-character-count"
    >
      <textarea
        className={`nhsuk-textarea${error || over ? " nhsuk-textarea--error" : ""}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={[describedBy(id, hint, error), info].filter(Boolean).join(" ")}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="nhsuk-hint nhsuk-character-count__message nhsuk-u-visually-hidden" id={info}>
        You can enter up to {maxLength.toLocaleString("en-GB")} characters
      </div>
      <div
        className={`nhsuk-character-count__status ${over ? "nhsuk-error-message" : "nhsuk-hint"}`}
        aria-hidden="true"
      >
        {remainingWords(remaining)}
      </div>
      <div className="nhsuk-character-count__sr-status nhsuk-u-visually-hidden" aria-live="polite">
        {announced}
      </div>
    </FormGroup>
  );
}
