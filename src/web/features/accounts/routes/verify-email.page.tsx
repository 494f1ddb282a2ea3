import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { ConfirmationPanel } from "../../../components/panel";
import { usePageTitle } from "../../../lib/page-title";
import { forgetReturnTo, rememberedReturnTo, signInPath } from "../../../lib/return-to";
import { useMe } from "../../../lib/use-me";
import { useVerifyEmail } from "../api/verify-email";

function Confirmed({ message }: { message: string }) {
  usePageTitle("Email address confirmed");
  const { data: me } = useMe();
  const [returnTo] = useState(rememberedReturnTo);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Email address confirmed">{message}</ConfirmationPanel>
        {me ? (
          <p>
            <Link to="/account">Go to my account</Link>
          </p>
        ) : (
          <p>
            <Link to={returnTo ? signInPath(returnTo) : "/sign-in"} onClick={forgetReturnTo}>
              {returnTo ? "Sign in and go back to where you were" : "Sign in"}
            </Link>
          </p>
        )}
      </div>
    </div>
  );
}

/** /verify-email?token=…: confirms the address from the emailed link as soon as the page opens. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const verify = useVerifyEmail();
  const sent = useRef(false);

  useEffect(() => {
    // Tokens work once: guard against React running this effect twice in development.
    if (sent.current || !token) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  if (!token) {
    return (
      <ProblemPage
        title="This link is not complete"
        message="The link you used is missing part of its address."
      >
        <p>Copy the whole link from the email into your browser, or get a new link.</p>
        <p>
          <Link to="/resend-verification">Get a new link</Link>
        </p>
      </ProblemPage>
    );
  }
  if (verify.isSuccess)
    return <Confirmed message={verify.data.message ?? "You can now sign in to QI Academy."} />;
  if (verify.isError) {
    return (
      <ProblemPage title="We could not confirm your email address" message={verify.error.message}>
        <p>
          <Link to="/resend-verification">Get a new link</Link>
        </p>
      </ProblemPage>
    );
  }
  return <LoadingPage title="Confirming your email address" />;
}
