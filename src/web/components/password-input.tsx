import { type ChangeEvent, useId, useState } from "react";
import { describedBy, FormGroup } from "./form-group";

interface PasswordInputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  /** "current-password" to sign in; "new-password" when choosing one, so password managers offer to save it. */
  autoComplete: "current-password" | "new-password";
  isPageHeading?: boolean;
}

/**
 * The NHS password input: a password field with a Show/Hide button. The toggle is React state rather
 * than nhsuk-frontend's script, and a polite live region says whether the password is visible.
 */
export function PasswordInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  autoComplete,
  isPageHeading = false,
}: PasswordInputProps) {
  const [visible, setVisible] = useState(false);
  const statusId = useId();

  return (
    <FormGroup
      id={id}
      label={label}
      isPageHeading={isPageHeading}
      hint={hint}
      error={error}
      className="nhsuk-password-input"
    >
      <div className="nhsuk-input-wrapper">
        <input
          className={`nhsuk-input nhsuk-password-input__input${error ? " nhsuk-input--error" : ""}`}
          id={id}
          name={id}
          type={visible ? "text" : "password"}
          spellCheck={false}
          autoCapitalize="none"
          autoCorrect="off"
          autoComplete={autoComplete}
          aria-describedby={describedBy(id, hint, error)}
          value={value}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-password-input__toggle"
          aria-controls={id}
          aria-label={visible ? "Hide password" : "Show password"}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? "Hide" : "Show"}
        </button>
      </div>
      <div className="nhsuk-u-visually-hidden" aria-live="polite" id={statusId}>
        {visible ? "Your password is visible" : "Your password is hidden"}
      </div>
    </FormGroup>
  );
}
