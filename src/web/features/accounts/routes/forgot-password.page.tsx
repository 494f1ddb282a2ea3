import { useState } from "react";
import { ConfirmationPanel } from "../../../components/panel";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useForgotPassword } from "../api/forgot-password";
import { emailError } from "../components/validation";

const FIELDS = ["email"] as const;

function Sent({ email }: { email: string }) {
  usePageTitle("Check your email");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Check your email" />
        <p>
          If there is a QI Academy account for <strong className="app-break-anywhere">{email}</strong>, we
          have sent it a link to reset your password.
        </p>
        <p>The link works for 1 hour and can only be used once.</p>
        <p>
          If the email does not arrive, check your spam or junk folder, or check you used the right address.
        </p>
      </div>
    </div>
  );
}

/** /forgot-password: sends a reset link without saying whether the account exists. */
export function ForgotPasswordPage() {
  const forgot = useForgotPassword();
  const [email, setEmail] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);

  if (forgot.isSuccess) return <Sent email={email.trim()} />;

  const submit = () => {
    const message = emailError(email);
    if (message) {
      showFieldErrors({ email: message });
      return;
    }
    forgot.mutate(email.trim(), { onError: showFailure });
  };

  return (
    <QuestionPage
      title="Reset your password"
      backTo="/sign-in"
      errors={summary}
      onSubmit={submit}
      submitLabel="Send reset link"
      busy={forgot.isPending}
    >
      <h1>Reset your password</h1>
      <p>Enter the email address you use to sign in. We will send you a link to choose a new password.</p>
      <TextInput
        id="email"
        label="Email address"
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
