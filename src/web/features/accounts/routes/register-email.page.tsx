import { useState } from "react";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import type { FieldErrors } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useRegistrationStep } from "../components/use-registration-step";
import { emailError } from "../components/validation";

const FIELDS = ["email"] as const;

/** /register/email: the address we will send the confirmation link to. */
export function RegisterEmailPage() {
  const { answers, update, backTo, next, serverErrors, clearServerErrors } = useRegistrationStep("email");
  const [email, setEmail] = useState(answers.email);
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS, serverErrors);

  const submit = () => {
    const message = emailError(email);
    const fieldErrors: FieldErrors = message ? { email: message } : {};
    if (showFieldErrors(fieldErrors)) return;
    update({ email: email.trim() });
    clearServerErrors([...FIELDS]);
    next();
  };

  return (
    <QuestionPage title="What is your email address?" backTo={backTo} errors={summary} onSubmit={submit}>
      <TextInput
        id="email"
        label="What is your email address?"
        isPageHeading
        hint="We will send a link to this address to confirm it is yours. Use an address only you can read."
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={email}
        onChange={setEmail}
        error={errors.email}
      />
    </QuestionPage>
  );
}
