import { useEffect } from "react";
import { Link, Outlet, useSearchParams } from "react-router";
import { ActionLink, BackLink } from "../../../components/links";
import { InsetText } from "../../../components/nhs";
import { usePageTitle } from "../../../lib/page-title";
import { rememberReturnTo, signInPath } from "../../../lib/return-to";
import { useMe } from "../../../lib/use-me";
import { RegistrationProvider } from "../components/registration.context";

/** Wraps every /register page so answers are shared between the questions. */
export function RegisterLayout() {
  return (
    <RegistrationProvider>
      <Outlet />
    </RegistrationProvider>
  );
}

/** /register: what creating an account involves, then the first question. */
export function RegisterStartPage() {
  usePageTitle("Create an account");
  const { data: me } = useMe();
  const returnTo = useSearchParams()[0].get("returnTo");
  // Coming from a course page: after confirming their email, signing in takes them back there.
  useEffect(() => rememberReturnTo(returnTo), [returnTo]);
  return (
    <>
      <BackLink to="/">Home</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Create an account</h1>
          {me ? (
            <InsetText>
              <p>
                You are already signed in as {me.email}. <Link to="/account">Go to my account</Link>
              </p>
            </InsetText>
          ) : null}
          <p>You need an account to use QI Academy. It takes about 5 minutes.</p>
          <p>We will ask for:</p>
          <ul>
            <li>your name and email address</li>
            <li>the sector you work in and your organisation</li>
            <li>your job role and ESR assignment number, if you want to give them</li>
            <li>a password</li>
          </ul>
          <p>We will then send you an email with a link to confirm your email address.</p>
          <ActionLink to="/register/name">Start now</ActionLink>
          <p>
            Already have an account? <Link to={returnTo ? signInPath(returnTo) : "/sign-in"}>Sign in</Link>
          </p>
        </div>
      </div>
    </>
  );
}
