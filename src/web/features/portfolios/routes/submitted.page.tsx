import { Link, useParams } from "react-router";
import type { PortfolioView } from "../../../../shared/portfolios";
import { ConfirmationPanel } from "../../../components/panel";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";

function Submitted({ portfolio }: { portfolio: PortfolioView }) {
  const latest = portfolio.versions[0];
  usePageTitle(latest ? "Portfolio submitted" : "Your portfolio");
  if (!latest) {
    return (
      <>
        <h1>Your portfolio has not been submitted</h1>
        <p>
          <Link to={portfolioPaths.overview(portfolio.enrolmentId)}>Go to your portfolio</Link>
        </p>
      </>
    );
  }
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Portfolio submitted">
          <p>
            Version {latest.version} of your portfolio for {portfolio.course.title}, submitted{" "}
            {formatDateTime(latest.submittedAt)}
          </p>
        </ConfirmationPanel>
        <h2>What happens next</h2>
        <p>
          An assessor will look at each criterion and your evidence for it. You cannot change your portfolio
          while it is with them.
        </p>
        <p>
          They will either pass it or refer it back to you with feedback. If it is referred back, you can
          change your evidence and submit it again. Some decisions are also quality checked by an internal
          verifier.
        </p>
        <p>You will see the decision and feedback on your portfolio page.</p>
        <p>
          <Link to={portfolioPaths.overview(portfolio.enrolmentId)}>Go to your portfolio</Link>
        </p>
        <p>
          <Link to={portfolioPaths.course(portfolio.enrolmentId)}>Go back to the course</Link>
        </p>
      </div>
    </div>
  );
}

/** /learning/:enrolmentId/portfolio/submitted: the confirmation after submitting. */
export function PortfolioSubmittedPage() {
  const { enrolmentId = "" } = useParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Portfolio submitted">
      {(portfolio) => <Submitted portfolio={portfolio} />}
    </PortfolioLoader>
  );
}
