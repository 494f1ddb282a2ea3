import { FieldsetGroup } from "./form-group";

/** One choice in a checkboxes group. */
export interface CheckboxOption {
  value: string;
  label: string;
  hint?: string;
}

interface CheckboxesProps {
  /** Field name; the first option's id, so error links focus the first checkbox. */
  name: string;
  legend: string;
  /** Legend size: "s" for filters beside results, "m" for a question in a form. */
  legendSize?: "s" | "m";
  hint?: string;
  error?: string | undefined;
  options: CheckboxOption[];
  /** The values ticked. */
  values: readonly string[];
  onChange: (values: string[]) => void;
  small?: boolean;
}

/** Id of one option: the field name for the first, so "#name" in an error summary reaches the group. */
export function checkboxId(name: string, index: number): string {
  return index === 0 ? name : `${name}-${index + 1}`;
}

/**
 * NHS checkboxes in a fieldset with legend, hint and error message, for choosing several of a list (filters,
 * "select all that apply"). Options keep their order; the values passed to onChange follow it.
 */
export function Checkboxes({
  name,
  legend,
  legendSize = "m",
  hint,
  error,
  options,
  values,
  onChange,
  small = false,
}: CheckboxesProps) {
  const toggle = (value: string, checked: boolean) => {
    const next = new Set(values);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  };

  return (
    <FieldsetGroup id={name} legend={legend} legendSize={legendSize} hint={hint} error={error}>
      <div className={`nhsuk-checkboxes${small ? " nhsuk-checkboxes--small" : ""}`}>
        {options.map((option, index) => {
          const id = checkboxId(name, index);
          return (
            <div className="nhsuk-checkboxes__item" key={option.value}>
              <input
                className="nhsuk-checkboxes__input"
                id={id}
                name={name}
                type="checkbox"
                value={option.value}
                checked={values.includes(option.value)}
                aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                onChange={(event) => toggle(option.value, event.target.checked)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
                {option.label}
              </label>
              {option.hint ? (
                <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-item-hint`}>
                  {option.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </FieldsetGroup>
  );
}
