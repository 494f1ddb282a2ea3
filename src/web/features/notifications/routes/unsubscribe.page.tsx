import { useEffect, useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useUnsubscribe } from "../api/unsubscribe";
import { NOTIFICATION_SETTINGS_PATH } from "../components/notification-paths";

const SETTINGS_LINK = (
  <p>
    <Link to={NOTIFICATION_SETTINGS_PATH}>Change your notification emails</Link> (you will need to sign in).
  </p>
);

/** The outcome, once the link has been used. */
function Unsubscribed({ stopped, alreadyUsed }: { stopped: string; alreadyUsed: boolean }) {
  const title = alreadyUsed
    ? "You have already used this link"
    : `You have unsubscribed from ${stopped} emails`;
  usePageTitle(title);
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {alreadyUsed ? (
          <>
            <h1>{title}</h1>
            <p>
              This link unsubscribed you from {stopped} emails before. Nothing has changed now: if you chose
              to get these emails again since then, you will keep getting them.
            </p>
          </>
        ) : (
          <div className="nhsuk-panel nhsuk-panel--confirmation">
            <h1 className="nhsuk-panel__title">{title}</h1>
            <div className="nhsuk-panel__body">We will not send you these emails any more.</div>
          </div>
        )}
        <p>Your notifications still appear in QI Academy when you sign in.</p>
        {SETTINGS_LINK}
      </div>
    </div>
  );
}

/**
 * /unsubscribe?token=…: the one-click link from a digest email. It works without signing in: the page posts the token
 * once when it opens (a ref guards against React running the effect twice in development) and says what stopped.
 */
export function UnsubscribePage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const unsubscribe = useUnsubscribe();
  const sent = useRef(false);
  const { mutate } = unsubscribe;

  useEffect(() => {
    if (sent.current || !token) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);

  if (!token) {
    return (
      <ProblemPage
        title="This unsubscribe link is not complete"
        message="The link has no code in it. Copy the whole link from the email into your browser, or sign in and change your notification emails."
      >
        {SETTINGS_LINK}
      </ProblemPage>
    );
  }
  if (unsubscribe.isError) {
    const error = unsubscribe.error;
    const title = isApiError(error, 429)
      ? "Too many attempts"
      : isApiError(error, 404) || isApiError(error, 400)
        ? "This unsubscribe link is not valid"
        : "Sorry, there is a problem with the service";
    return (
      <ProblemPage title={title} message={error.message}>
        {SETTINGS_LINK}
      </ProblemPage>
    );
  }
  if (!unsubscribe.data) return <LoadingPage title="Unsubscribing" />;
  return <Unsubscribed stopped={unsubscribe.data.stopped} alreadyUsed={unsubscribe.data.alreadyUsed} />;
}
