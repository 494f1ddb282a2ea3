import { useState } from "react";
import { PasswordInput } from "../../../components/password-input";
import { QuestionPage } from "../../../components/question-page";
import type { FieldErrors } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useRegistrationStep } from "../components/use-registration-step";
import { NEW_PASSWORD_HINT, newPasswordError } from "../components/validation";

const FIELDS = ["password"] as const;

/** /register/password: asked last and kept in memory only, never in sessionStorage. */
export function RegisterPasswordPage() {
  const { password, setPassword, backTo, next, serverErrors, clearServerErrors } =
    useRegistrationStep("password");
  const [value, setValue] = useState(password);
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS, serverErrors);

  const submit = () => {
    const message = newPasswordError(value, "Enter a password");
    const fieldErrors: FieldErrors = message ? { password: message } : {};
    if (showFieldErrors(fieldErrors)) return;
    setPassword(value);
    clearServerErrors([...FIELDS]);
    next();
  };

  return (
    <QuestionPage title="Create a password" backTo={backTo} errors={summary} onSubmit={submit}>
      <PasswordInput
        id="password"
        label="Create a password"
        isPageHeading
        hint={NEW_PASSWORD_HINT}
        autoComplete="new-password"
        value={value}
        onChange={setValue}
        error={errors.password}
      />
    </QuestionPage>
  );
}
