import { Link, useLocation } from "react-router";
import { ConfirmationPanel } from "../../../components/panel";
import { usePageTitle } from "../../../lib/page-title";

function emailFromState(state: unknown): string | null {
  if (typeof state !== "object" || state === null || !("email" in state)) return null;
  return typeof state.email === "string" ? state.email : null;
}

/** /register/done: the account exists but waits for the email link. */
export function RegisterDonePage() {
  usePageTitle("Check your email");
  const email = emailFromState(useLocation().state);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Check your email">
          {email ? (
            <>
              We have sent a link to <strong className="app-break-anywhere">{email}</strong>
            </>
          ) : (
            "We have sent a link to your email address"
          )}
        </ConfirmationPanel>
        <h2>What happens next</h2>
        <p>Open the email and select the link to confirm your email address. The link expires in 24 hours.</p>
        <h2>If the email does not arrive</h2>
        <p>Check your spam or junk folder. It can take a few minutes to arrive.</p>
        <p>
          <Link to="/resend-verification">Send the link again</Link>
        </p>
      </div>
    </div>
  );
}
