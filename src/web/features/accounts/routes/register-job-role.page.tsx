import { useState } from "react";
import { RegisterSchema } from "../../../../shared/accounts";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { validateFields } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useRegistrationStep } from "../components/use-registration-step";

const FIELDS = ["jobRole"] as const;

/** /register/job-role: optional job role or staff group. */
export function RegisterJobRolePage() {
  const { answers, update, backTo, next, serverErrors, clearServerErrors } = useRegistrationStep("job-role");
  const [jobRole, setJobRole] = useState(answers.jobRole);
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS, serverErrors);

  const submit = () => {
    const fieldErrors = validateFields({ jobRole: [RegisterSchema.shape.jobRole, jobRole] });
    if (showFieldErrors(fieldErrors)) return;
    update({ jobRole: jobRole.trim() });
    clearServerErrors([...FIELDS]);
    next();
  };

  return (
    <QuestionPage
      title="What is your job role? (optional)"
      backTo={backTo}
      errors={summary}
      onSubmit={submit}
    >
      <TextInput
        id="jobRole"
        label="What is your job role? (optional)"
        isPageHeading
        hint="Your job title or staff group, like ward manager, physiotherapist or healthcare support worker"
        autoComplete="organization-title"
        value={jobRole}
        onChange={setJobRole}
        error={errors.jobRole}
      />
    </QuestionPage>
  );
}
