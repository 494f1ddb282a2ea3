import { TextInput as NhsTextInput } from "nhsuk-react-components";
import type { ChangeEvent, HTMLInputAutoCompleteAttribute } from "react";

interface TextInputProps {
  /** The field name; also the input's id, so error summaries and server details can link to it. */
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "search" | "tel";
  autoComplete?: HTMLInputAutoCompleteAttribute;
  /** nhsuk fixed widths, in characters. */
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  /** Makes the label the page's h1, for one-question pages. */
  isPageHeading?: boolean;
  inputMode?: "text" | "numeric" | "email";
  spellCheck?: boolean;
}

/** A labelled text input with hint and error message, rendered by nhsuk-react-components. */
export function TextInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  type = "text",
  autoComplete,
  width,
  isPageHeading = false,
  inputMode,
  spellCheck,
}: TextInputProps) {
  return (
    <NhsTextInput
      id={id}
      name={id}
      label={label}
      labelProps={isPageHeading ? { isPageHeading: true, size: "l" } : {}}
      hint={hint}
      error={error || undefined}
      value={value}
      type={type}
      autoComplete={autoComplete}
      width={width}
      inputMode={inputMode}
      spellCheck={spellCheck}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
    />
  );
}
