import { useState } from "react";
import { OrganisationPicker, validateOrganisationChoice } from "../../../components/organisation-picker";
import { QuestionPage } from "../../../components/question-page";
import { useFormErrors } from "../../../lib/use-form-errors";
import { organisationRequired } from "../components/registration.context";
import { useRegistrationStep } from "../components/use-registration-step";

const FIELDS = ["organisationId", "organisationName"] as const;

/** /register/organisation: pick from the directory, or type the name when it is not listed. */
export function RegisterOrganisationPage() {
  const { answers, update, backTo, next, serverErrors, clearServerErrors } =
    useRegistrationStep("organisation");
  const [choice, setChoice] = useState(answers.organisation);
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS, serverErrors);
  const required = organisationRequired(answers.sector);

  const submit = () => {
    const fieldErrors = validateOrganisationChoice(choice, required);
    if (Object.keys(fieldErrors).length > 0) {
      showFieldErrors(fieldErrors);
      return;
    }
    update({ organisation: choice });
    clearServerErrors([...FIELDS]);
    next();
  };

  return (
    <QuestionPage
      title="Which organisation do you work for?"
      backTo={backTo}
      errors={summary}
      onSubmit={submit}
    >
      <OrganisationPicker
        legend={
          required ? "Which organisation do you work for?" : "Which organisation do you work or study with?"
        }
        isPageHeading
        hint={
          required
            ? "Search for your employer. If you work for more than one, choose the one you will learn with."
            : "This is optional. If you do not work or study with an organisation, continue without choosing one."
        }
        value={choice}
        onChange={setChoice}
        errors={errors}
      />
    </QuestionPage>
  );
}
