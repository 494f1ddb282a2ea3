import { useState } from "react";
import { ConfirmationPanel } from "../../../components/panel";
import { QuestionPage } from "../../../components/question-page";
import { TextInput } from "../../../components/text-input";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useResendVerification } from "../api/resend-verification";
import { emailError } from "../components/validation";

const FIELDS = ["email"] as const;

function Sent({ message }: { message: string }) {
  usePageTitle("Check your email");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Check your email" />
        <p>{message}</p>
        <p>The link expires in 24 hours. If the email does not arrive, check your spam or junk folder.</p>
      </div>
    </div>
  );
}

/** /resend-verification: asks for the address and sends a new confirmation link. */
export function ResendVerificationPage() {
  const resend = useResendVerification();
  const [email, setEmail] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);

  if (resend.isSuccess) return <Sent message={resend.data.message} />;

  const submit = () => {
    const message = emailError(email);
    if (message) {
      showFieldErrors({ email: message });
      return;
    }
    resend.mutate(email.trim(), { onError: showFailure });
  };

  return (
    <QuestionPage
      title="Get a new link to confirm your email address"
      backTo="/sign-in"
      errors={summary}
      onSubmit={submit}
      submitLabel="Send the link"
      busy={resend.isPending}
    >
      <h1>Get a new link to confirm your email address</h1>
      <p>Links to confirm your email address only work for 24 hours and only once.</p>
      <TextInput
        id="email"
        label="Email address"
        hint="The address you used when you created your account"
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
