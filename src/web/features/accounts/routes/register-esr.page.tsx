import { useState } from "react";
import { Details } from "../../../components/nhs";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import type { FieldErrors } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useRegistrationStep } from "../components/use-registration-step";
import { ESR_HINT, esrError } from "../components/validation";

const FIELDS = ["esrNumber"] as const;

/** /register/esr: optional ESR assignment number, accepted with the payslip's space or hyphen. */
export function RegisterEsrPage() {
  const { answers, update, backTo, next, serverErrors, clearServerErrors } = useRegistrationStep("esr");
  const [esrNumber, setEsrNumber] = useState(answers.esrNumber);
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS, serverErrors);

  const submit = () => {
    const message = esrError(esrNumber);
    const fieldErrors: FieldErrors = message ? { esrNumber: message } : {};
    if (showFieldErrors(fieldErrors)) return;
    update({ esrNumber: esrNumber.trim() });
    clearServerErrors([...FIELDS]);
    next();
  };

  return (
    <QuestionPage
      title="What is your ESR assignment number? (optional)"
      backTo={backTo}
      errors={summary}
      onSubmit={submit}
    >
      <TextInput
        id="esrNumber"
        label="What is your ESR assignment number? (optional)"
        isPageHeading
        hint={ESR_HINT}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        width={20}
        value={esrNumber}
        onChange={setEsrNumber}
        error={errors.esrNumber}
      />
      <Details>
        <Details.Summary>Why we ask for it</Details.Summary>
        <Details.Text>
          <p>
            NHS staff have an Electronic Staff Record (ESR). With your assignment number, your learning can be
            recorded against your staff record. You can leave this blank and add it later.
          </p>
        </Details.Text>
      </Details>
    </QuestionPage>
  );
}
