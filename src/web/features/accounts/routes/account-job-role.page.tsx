import { useState } from "react";
import type { Me } from "../../../../shared/accounts";
import { LoadingPage } from "../../../components/page-state";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import type { FieldErrors } from "../../../lib/form-errors";
import { useMe } from "../../../lib/use-me";
import { useProfileForm } from "../components/use-profile-form";

const FIELDS = ["jobRole"] as const;

function JobRoleForm({ me }: { me: Me }) {
  const [jobRole, setJobRole] = useState(me.jobRole ?? "");
  const form = useProfileForm(FIELDS, "Your job role has been changed");

  const submit = () => {
    const value = jobRole.trim();
    const fieldErrors: FieldErrors =
      value.length > 100 ? { jobRole: "Job role must be 100 characters or fewer" } : {};
    if (form.showFieldErrors(fieldErrors)) return;
    form.save({ jobRole: value || null });
  };

  return (
    <QuestionPage
      title="What is your job role?"
      backTo="/account"
      errors={form.summary}
      onSubmit={submit}
      submitLabel="Save job role"
      busy={form.busy}
    >
      <TextInput
        id="jobRole"
        label="What is your job role?"
        isPageHeading
        hint="Your job title or staff group. Leave it blank to remove it."
        autoComplete="organization-title"
        value={jobRole}
        onChange={setJobRole}
        error={form.errors.jobRole}
      />
    </QuestionPage>
  );
}

/** /account/job-role: optional job role or staff group. */
export function AccountJobRolePage() {
  const { data: me } = useMe();
  return me ? <JobRoleForm me={me} /> : <LoadingPage title="What is your job role?" />;
}
