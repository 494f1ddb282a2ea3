import { describedBy, ErrorMessage, formGroupClass, Hint } from "./form-group";

interface CheckboxProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A single NHS checkbox (for a confirmation such as "I confirm this is the name I want"). */
export function Checkbox({ id, label, hint, error, checked, onChange }: CheckboxProps) {
  return (
    <div className={formGroupClass(error)}>
      <ErrorMessage id={id} error={error} />
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={describedBy(id, hint, error)}
            onChange={(event) => onChange(event.target.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          <Hint id={id} hint={hint} className="nhsuk-hint nhsuk-checkboxes__hint" />
        </div>
      </div>
    </div>
  );
}
