import { describedBy, FormGroup } from "./form-group";

interface SelectProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}

/** An NHS select (used for filters, where radios would take too much room). */
export function Select({ id, label, hint, error, options, value, onChange }: SelectProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <select
        className={`nhsuk-select${error ? " nhsuk-select--error" : ""}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
