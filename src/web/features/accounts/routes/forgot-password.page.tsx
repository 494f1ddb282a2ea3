import { useForgotPassword } from "../api/forgot-password";
import { EmailLinkRequest } from "../components/email-link-request";

/** /forgot-password: sends a reset link without saying whether the account exists. */
export function ForgotPasswordPage() {
  return (
    <EmailLinkRequest
      request={useForgotPassword()}
      title="Reset your password"
      intro={
        <p>Enter the email address you use to sign in. We will send you a link to choose a new password.</p>
      }
      submitLabel="Send reset link"
      sent={(email) => (
        <>
          <p>
            If there is a QI Academy account for <strong className="app-break-anywhere">{email}</strong>, we
            have sent it a link to reset your password.
          </p>
          <p>The link works for 1 hour and can only be used once.</p>
          <p>
            If the email does not arrive, check your spam or junk folder, or check you used the right address.
          </p>
        </>
      )}
    />
  );
}
