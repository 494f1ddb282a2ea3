import { Link, useLocation } from "react-router";
import { SUPPORT_REFERENCE_PATTERN } from "../../../../shared/help";
import { ProblemPage } from "../../../components/page-state";
import { ConfirmationPanel } from "../../../components/panel";
import { usePageTitle } from "../../../lib/page-title";

/** What the contact form hands this page: the reference, and where the acknowledgement went. */
export interface ContactSentState {
  reference: string;
  email: string;
}

/** The state, when it is what the contact form left (history state can hold anything). */
function readSent(state: unknown): ContactSentState | null {
  if (typeof state !== "object" || state === null) return null;
  const reference: unknown = "reference" in state ? state.reference : undefined;
  const email: unknown = "email" in state ? state.email : undefined;
  if (typeof reference !== "string" || !SUPPORT_REFERENCE_PATTERN.test(reference)) return null;
  return { reference, email: typeof email === "string" ? email : "" };
}

function Sent({ sent }: { sent: ContactSentState }) {
  usePageTitle("Message sent");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Message sent">
          Your reference number
          <br />
          <strong>{sent.reference}</strong>
        </ConfirmationPanel>
        <h2>What happens next</h2>
        <p>
          We have sent a confirmation email to <strong className="app-break-anywhere">{sent.email}</strong>{" "}
          with your reference number.
        </p>
        <p>The support team will read your message and reply to that address.</p>
        <p>If you contact us again about the same thing, quote your reference number.</p>
        <p>
          <Link to="/help">Back to the help centre</Link>
        </p>
      </div>
    </div>
  );
}

/** /help/contact/sent: the confirmation after sending the contact form, quoting the reference. */
export function ContactSentPage() {
  const location = useLocation();
  const sent = readSent(location.state);
  if (sent) return <Sent sent={sent} />;
  return (
    <ProblemPage
      title="There is no message to show"
      message="This page shows the reference number after you send a message to the support team."
    >
      <p>
        <Link to="/help/contact">Contact the support team</Link>
      </p>
    </ProblemPage>
  );
}
