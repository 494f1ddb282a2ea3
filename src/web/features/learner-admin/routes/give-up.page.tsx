import { Link, useNavigate, useParams } from "react-router";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useGiveUp, useLearnerAdminOverview } from "../api/learner-admin";

const TITLE = "Give up learner administrator access";

/** /account/learner-administrator/access/:roleId/give-up: "I no longer need this access", ending it at once. */
export function GiveUpPage() {
  usePageTitle(TITLE);
  const { roleId = "" } = useParams();
  const navigate = useNavigate();
  const overview = useLearnerAdminOverview();
  const giveUp = useGiveUp();
  if (overview.isPending) return <LoadingPage title={TITLE} />;
  const access = overview.data?.access.find((a) => a.roleId === roleId);
  if (!access)
    return (
      <ProblemPage
        title="Access not found"
        message={overview.error?.message ?? "You do not hold this access, or it has already ended."}
      >
        <p>
          <Link to="/account/learner-administrator">Go to learner administrator access</Link>
        </p>
      </ProblemPage>
    );
  return (
    <>
      <BackLink to="/account/learner-administrator">Learner administrator access</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <RequestErrorSummary error={giveUp.error} />
          <h1>{TITLE}</h1>
          <p>
            You have learner administrator access for <strong>{access.organisation.name}</strong>
            {access.expiresAt ? ` until ${formatDate(access.expiresAt)}` : ""}.
          </p>
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">This happens straight away</WarningCallout.Heading>
            <p>
              You will no longer see progress reports for {access.organisation.name}, on any device. To get
              access again you would need to apply and be confirmed again.
            </p>
          </WarningCallout>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (giveUp.isPending) return;
              giveUp.mutate(roleId, {
                onSuccess: () =>
                  navigate("/account/learner-administrator", {
                    state: flash(
                      "Access given up",
                      `You no longer have learner administrator access for ${access.organisation.name}.`,
                    ),
                  }),
              });
            }}
          >
            <Button variant="warning" busy={giveUp.isPending}>
              I no longer need this access
            </Button>
          </form>
          <p>
            <Link to="/account/learner-administrator">Keep my access</Link>
          </p>
        </div>
      </div>
    </>
  );
}
