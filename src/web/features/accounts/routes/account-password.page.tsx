import { useState } from "react";
import { useNavigate } from "react-router";
import { PasswordInput } from "../../../components/password-input";
import { QuestionPage } from "../../../components/question-page";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useChangePassword } from "../api/change-password";
import { NEW_PASSWORD_HINT, newPasswordError } from "../components/validation";

const FIELDS = ["currentPassword", "newPassword"] as const;

/** /account/password: current and new password. */
export function AccountPasswordPage() {
  const navigate = useNavigate();
  const changePassword = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);

  const submit = () => {
    const fieldErrors: FieldErrors = {};
    if (!currentPassword) fieldErrors.currentPassword = "Enter your current password";
    const problem = newPasswordError(newPassword, "Enter a new password");
    if (problem) fieldErrors.newPassword = problem;
    if (showFieldErrors(fieldErrors) || changePassword.isPending) return;

    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: (answer) =>
          navigate("/account", { state: flash("Your password has been changed", answer.message) }),
        onError: (error) => {
          setCurrentPassword("");
          showFailure(error);
        },
      },
    );
  };

  return (
    <QuestionPage
      title="Change your password"
      backTo="/account"
      errors={summary}
      onSubmit={submit}
      submitLabel="Change password"
      busy={changePassword.isPending}
    >
      <h1>Change your password</h1>
      <PasswordInput
        id="currentPassword"
        label="Current password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors.currentPassword}
      />
      <PasswordInput
        id="newPassword"
        label="New password"
        hint={NEW_PASSWORD_HINT}
        autoComplete="new-password"
        value={newPassword}
        onChange={setNewPassword}
        error={errors.newPassword}
      />
    </QuestionPage>
  );
}
