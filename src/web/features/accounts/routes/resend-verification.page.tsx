import { useResendVerification } from "../api/resend-verification";
import { EmailLinkRequest } from "../components/email-link-request";

/** /resend-verification: asks for the address and sends a new confirmation link. */
export function ResendVerificationPage() {
  return (
    <EmailLinkRequest
      request={useResendVerification()}
      title="Get a new link to confirm your email address"
      intro={<p>Links to confirm your email address only work for 24 hours and only once.</p>}
      hint="The address you used when you created your account"
      submitLabel="Send the link"
      sent={(_email, message) => (
        <>
          <p>{message}</p>
          <p>The link expires in 24 hours. If the email does not arrive, check your spam or junk folder.</p>
        </>
      )}
    />
  );
}
