import { describedBy, FormGroup } from "./form-group";

interface TextareaProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

/** An NHS textarea with label, hint and error message. */
export function Textarea({ id, label, hint, error, value, onChange, rows = 4 }: TextareaProps) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <textarea
        className={`nhsuk-textarea${error ? " nhsuk-textarea--error" : ""}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormGroup>
  );
}
