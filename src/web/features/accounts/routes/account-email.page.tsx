import { useState } from "react";
import { useNavigate } from "react-router";
import { PasswordInput } from "../../../components/password-input";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useMe } from "../../../lib/use-me";
import { useChangeEmail } from "../api/change-email";
import { emailError } from "../components/validation";

const FIELDS = ["newEmail", "currentPassword"] as const;

/** /account/email: new address plus current password; the change waits until the new address is confirmed. */
export function AccountEmailPage() {
  const navigate = useNavigate();
  const { data: me } = useMe();
  const changeEmail = useChangeEmail();
  const [newEmail, setNewEmail] = useState("");
  const [currentPassword, setCurrentPassword] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);

  const submit = () => {
    const fieldErrors: FieldErrors = {};
    const emailProblem = emailError(newEmail, "Enter your new email address");
    if (emailProblem) fieldErrors.newEmail = emailProblem;
    else if (me && newEmail.trim().toLowerCase() === me.email.toLowerCase()) {
      fieldErrors.newEmail = "Enter a different email address from the one you use now";
    }
    if (!currentPassword) fieldErrors.currentPassword = "Enter your current password";
    if (showFieldErrors(fieldErrors) || changeEmail.isPending) return;

    changeEmail.mutate(
      { newEmail: newEmail.trim(), currentPassword },
      {
        onSuccess: (answer) =>
          navigate("/account", { state: flash(`Check your inbox at ${newEmail.trim()}`, answer.message) }),
        onError: (error) => {
          setCurrentPassword("");
          showFailure(error);
        },
      },
    );
  };

  return (
    <QuestionPage
      title="Change your email address"
      backTo="/account"
      errors={summary}
      onSubmit={submit}
      submitLabel="Send confirmation link"
      busy={changeEmail.isPending}
    >
      <h1>Change your email address</h1>
      {me ? <p className="app-break-anywhere">You use {me.email} at the moment.</p> : null}
      <p>
        We will send a link to your new address. Your email address will change when you select the link.
        Until then, keep using your current address to sign in.
      </p>
      <TextInput
        id="newEmail"
        label="New email address"
        type="email"
        autoComplete="email"
        spellCheck={false}
        value={newEmail}
        onChange={setNewEmail}
        error={errors.newEmail}
      />
      <PasswordInput
        id="currentPassword"
        label="Your current password"
        hint="We ask for this to check it is you"
        autoComplete="current-password"
        value={currentPassword}
        onChange={setCurrentPassword}
        error={errors.currentPassword}
      />
    </QuestionPage>
  );
}
