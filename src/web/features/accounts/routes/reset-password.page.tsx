import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ProblemPage } from "../../../components/page-state";
import { ConfirmationPanel } from "../../../components/panel";
import { PasswordInput } from "../../../components/password-input";
import { QuestionPage } from "../../../components/question-page";
import { ApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useResetPassword } from "../api/reset-password";
import { NEW_PASSWORD_HINT, newPasswordError } from "../components/validation";

const FIELDS = ["password"] as const;
const TOKEN_ERRORS = ["token_invalid", "token_expired", "token_used"];

function Changed() {
  usePageTitle("Password changed");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Password changed" />
        <p>
          Your password has been changed. We have signed you out on all your devices to keep your account
          safe.
        </p>
        <p>
          <Link to="/sign-in">Sign in with your new password</Link>
        </p>
      </div>
    </div>
  );
}

/** /reset-password?token=…: choose a new password from the emailed link. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);

  if (!token) {
    return (
      <ProblemPage
        title="This link is not complete"
        message="The link you used is missing part of its address."
      >
        <p>Copy the whole link from the email into your browser, or ask for a new one.</p>
        <p>
          <Link to="/forgot-password">Get a new link to reset your password</Link>
        </p>
      </ProblemPage>
    );
  }
  if (reset.isSuccess) return <Changed />;
  if (reset.error instanceof ApiError && TOKEN_ERRORS.includes(reset.error.error)) {
    return (
      <ProblemPage title="This link cannot be used" message={reset.error.message}>
        <p>Links to reset your password work for 1 hour and only once.</p>
        <p>
          <Link to="/forgot-password">Get a new link to reset your password</Link>
        </p>
      </ProblemPage>
    );
  }

  const submit = () => {
    const message = newPasswordError(password, "Enter a new password");
    if (message) {
      showFieldErrors({ password: message });
      return;
    }
    reset.mutate({ token, password }, { onError: showFailure });
  };

  return (
    <QuestionPage
      title="Choose a new password"
      errors={summary}
      onSubmit={submit}
      submitLabel="Change password"
      busy={reset.isPending}
    >
      <PasswordInput
        id="password"
        label="Choose a new password"
        isPageHeading
        hint={NEW_PASSWORD_HINT}
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <p>When you change your password, we will sign you out on all your devices.</p>
    </QuestionPage>
  );
}
