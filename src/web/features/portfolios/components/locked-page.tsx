import { Link } from "react-router";
import type { PortfolioView } from "../../../../shared/portfolios";
import { BackLink } from "../../../components/links";
import { usePageTitle } from "../../../lib/page-title";
import { portfolioPaths } from "./portfolio-paths";

/** Shown instead of a form when the portfolio cannot be changed now, saying why and where to go. */
export function LockedPage({ portfolio, title }: { portfolio: PortfolioView; title: string }) {
  usePageTitle(title);
  return (
    <>
      <BackLink to={portfolioPaths.overview(portfolio.enrolmentId)}>Back to your portfolio</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>You cannot change your portfolio now</h1>
          <p>{portfolio.lockedReason}</p>
          <p>
            <Link to={portfolioPaths.overview(portfolio.enrolmentId)}>Go to your portfolio</Link>
          </p>
        </div>
      </div>
    </>
  );
}
