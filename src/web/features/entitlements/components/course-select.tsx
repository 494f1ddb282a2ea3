import { describedBy, FormGroup } from "../../../components/form-group";
import type { CourseOption } from "../api/course-options";

interface CourseSelectProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  options: CourseOption[];
  value: string;
  onChange: (value: string) => void;
  /** The first, empty choice: "Select a course" in forms, "Any course" in filters. */
  emptyLabel: string;
}

/** An NHS select of published courses, grouped by programme. */
export function CourseSelect({
  id,
  label,
  hint,
  error,
  options,
  value,
  onChange,
  emptyLabel,
}: CourseSelectProps) {
  const programmes = [...new Set(options.map((o) => o.programmeTitle))];
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
        <option value="">{emptyLabel}</option>
        {programmes.map((programme) => (
          <optgroup key={programme} label={programme}>
            {options
              .filter((o) => o.programmeTitle === programme)
              .map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </FormGroup>
  );
}
