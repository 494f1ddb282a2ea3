import { Fragment, type ReactNode } from "react";
import { FieldsetGroup } from "./form-group";

/** One choice in a radios group; `conditional` is revealed beneath it while it is selected. */
export interface RadioOption {
  value: string;
  label: string;
  hint?: string;
  conditional?: ReactNode;
  /** Shows an "or" divider before this option. */
  dividerBefore?: boolean;
}

interface RadiosProps {
  /** Field name; the first option's id, so error links focus the first radio. */
  name: string;
  legend: string;
  isPageHeading?: boolean;
  /** Legend size when it is not the page heading: "s" for filters beside results. */
  legendSize?: "s" | "m";
  hint?: ReactNode;
  error?: string | undefined;
  options: RadioOption[];
  value: string;
  onChange: (value: string) => void;
  small?: boolean;
}

/** Id of one option: the field name for the first, so "#name" in an error summary reaches the group. */
export function radioId(name: string, index: number): string {
  return index === 0 ? name : `${name}-${index + 1}`;
}

/**
 * NHS radios in a fieldset with legend, hint and error message. Conditional content is rendered by
 * React from the selected value (no nhsuk-frontend script).
 */
export function Radios({
  name,
  legend,
  isPageHeading = false,
  legendSize = "m",
  hint,
  error,
  options,
  value,
  onChange,
  small = false,
}: RadiosProps) {
  return (
    <FieldsetGroup
      id={name}
      legend={legend}
      legendSize={legendSize}
      isPageHeading={isPageHeading}
      hint={hint}
      error={error}
    >
      <div className={`nhsuk-radios${small ? " nhsuk-radios--small" : ""}`}>
        {options.map((option, index) => {
          const id = radioId(name, index);
          const checked = option.value === value;
          const conditionalId = `conditional-${id}`;
          return (
            <Fragment key={option.value}>
              {option.dividerBefore ? <div className="nhsuk-radios__divider">or</div> : null}
              <div className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={option.value}
                  checked={checked}
                  aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                  aria-controls={option.conditional ? conditionalId : undefined}
                  onChange={() => onChange(option.value)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-item-hint`}>
                    {option.hint}
                  </div>
                ) : null}
              </div>
              {option.conditional ? (
                <div className="nhsuk-radios__conditional" id={conditionalId} hidden={!checked}>
                  {checked ? option.conditional : null}
                </div>
              ) : null}
            </Fragment>
          );
        })}
      </div>
    </FieldsetGroup>
  );
}
