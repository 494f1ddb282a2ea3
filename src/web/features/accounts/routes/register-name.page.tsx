import { useState } from "react";
import { RegisterSchema } from "../../../../shared/accounts";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { validateFields } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useRegistrationStep } from "../components/use-registration-step";

const FIELDS = ["givenName", "familyName"] as const;
const { givenName: GivenNameSchema, familyName: FamilyNameSchema } = RegisterSchema.shape;

/** /register/name: given and family name, in any script. */
export function RegisterNamePage() {
  const { answers, update, backTo, next, serverErrors, clearServerErrors } = useRegistrationStep("name");
  const [givenName, setGivenName] = useState(answers.givenName);
  const [familyName, setFamilyName] = useState(answers.familyName);
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS, serverErrors);

  const submit = () => {
    const fieldErrors = validateFields({
      givenName: [GivenNameSchema, givenName],
      familyName: [FamilyNameSchema, familyName],
    });
    if (showFieldErrors(fieldErrors)) return;
    update({ givenName: givenName.trim(), familyName: familyName.trim() });
    clearServerErrors([...FIELDS]);
    next();
  };

  return (
    <QuestionPage title="What is your name?" backTo={backTo} errors={summary} onSubmit={submit}>
      <h1 className="nhsuk-heading-l">What is your name?</h1>
      <p className="nhsuk-hint">
        We will use this name on your account. You can check the name on your certificates later.
      </p>
      <TextInput
        id="givenName"
        label="Given name"
        hint="Sometimes called your first name"
        autoComplete="given-name"
        spellCheck={false}
        value={givenName}
        onChange={setGivenName}
        error={errors.givenName}
      />
      <TextInput
        id="familyName"
        label="Family name"
        hint="Sometimes called your surname or last name"
        autoComplete="family-name"
        spellCheck={false}
        value={familyName}
        onChange={setFamilyName}
        error={errors.familyName}
      />
    </QuestionPage>
  );
}
