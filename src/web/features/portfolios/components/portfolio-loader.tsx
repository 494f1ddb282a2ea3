import type { ReactNode } from "react";
import { Link } from "react-router";
import type { PortfolioView } from "../../../../shared/portfolios";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePortfolio } from "../api/portfolio";

/** Loads the enrolment's portfolio and renders `children` with it, or a page saying why it cannot be shown. */
export function PortfolioLoader({
  enrolmentId,
  title,
  children,
}: {
  enrolmentId: string;
  title: string;
  children: (portfolio: PortfolioView) => ReactNode;
}) {
  const portfolio = usePortfolio(enrolmentId);
  if (portfolio.isPending) return <LoadingPage title={title} />;
  if (portfolio.isError) {
    const error = portfolio.error;
    const notYours = isApiError(error, 403) || isApiError(error, 404) || isApiError(error, 400);
    return (
      <ProblemPage
        title={
          notYours
            ? "Portfolio not found"
            : isApiError(error, 422)
              ? "This course has no portfolio"
              : "Sorry, there is a problem with the service"
        }
        message={
          notYours
            ? "This is not a portfolio for a course you are enrolled on. If you typed the web address, check it is correct."
            : error.message
        }
      >
        <p>
          <Link to="/my-learning">Go to My learning</Link>
        </p>
      </ProblemPage>
    );
  }
  return <>{children(portfolio.data)}</>;
}
