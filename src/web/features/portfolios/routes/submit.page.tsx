import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { PortfolioView } from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList, WarningCallout } from "../../../components/nhs";
import { ApiError } from "../../../lib/api-client";
import type { SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useSubmitPortfolio } from "../api/portfolio";
import { LockedPage } from "../components/locked-page";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";
import { piecesOfEvidence } from "../components/portfolio-words";
import "../components/portfolios.css";

/** Summary lines for a refused submission: missing criteria link to the page that adds their evidence. */
function failureLines(error: unknown, enrolmentId: string): SummaryError[] {
  if (!(error instanceof ApiError))
    return [{ message: "Sorry, there is a problem with the service. Try again later." }];
  if (error.error === "declaration_required")
    return [{ field: "declaration", message: error.details[0]?.message ?? error.message }];
  const missing = error.details.filter((d) => d.field?.startsWith("criterion-"));
  if (missing.length > 0) {
    return missing.map((d) => ({
      to: portfolioPaths.add(enrolmentId, d.field?.slice("criterion-".length)),
      message: d.message,
    }));
  }
  return [{ message: error.message }];
}

/** Check your answers: every criterion with its evidence, Change links, then the declaration and Submit. */
function CheckPortfolio({ portfolio }: { portfolio: PortfolioView }) {
  const navigate = useNavigate();
  const submit = useSubmitPortfolio(portfolio.enrolmentId);
  const [declared, setDeclared] = useState(false);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  usePageTitle("Check your portfolio before you submit it", errors.length > 0);
  if (!portfolio.editable) return <LockedPage portfolio={portfolio} title="Submit your portfolio" />;
  const titles = new Map(portfolio.evidence.map((e) => [e.id, e.title]));
  const { coverage, enrolmentId } = portfolio;
  const declarationError = errors.find((e) => e.field === "declaration")?.message;

  const send = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!declared) {
      setErrors([
        { field: "declaration", message: "Confirm the declaration that this portfolio is your own work" },
      ]);
      return;
    }
    if (submit.isPending) return;
    submit.mutate(
      { revision: portfolio.revision, declaration: true },
      {
        onSuccess: () => navigate(portfolioPaths.submitted(enrolmentId)),
        onError: (error) => setErrors(failureLines(error, enrolmentId)),
      },
    );
  };

  return (
    <>
      <BackLink to={portfolioPaths.overview(enrolmentId)}>Back to your portfolio</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="nhsuk-caption-l">{portfolio.course.title}</span>
          <h1>Check your portfolio before you submit it</h1>
          {coverage.missing.length > 0 ? (
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h2">
                You cannot submit your portfolio yet
              </WarningCallout.Heading>
              <p>Every criterion needs at least one piece of evidence. These have none:</p>
              <ul>
                {coverage.missing.map((c) => (
                  <li key={c.id}>
                    <Link to={portfolioPaths.add(enrolmentId, c.id)}>
                      {c.code} {c.statement}
                    </Link>
                  </li>
                ))}
              </ul>
            </WarningCallout>
          ) : null}
          {portfolio.units.map((unit) => (
            <section key={unit.id} aria-labelledby={`check-unit-${unit.id}`}>
              <h2 id={`check-unit-${unit.id}`} className="nhsuk-heading-m">
                Unit {unit.position}: {unit.title}
              </h2>
              <SummaryList>
                {unit.outcomes.flatMap((outcome) =>
                  outcome.criteria.map((criterion) => (
                    <SummaryList.Row key={criterion.id}>
                      <SummaryList.Key>
                        {criterion.code} {criterion.statement}
                      </SummaryList.Key>
                      <SummaryList.Value>
                        {criterion.evidenceIds.length === 0 ? (
                          <strong>No evidence</strong>
                        ) : (
                          <ul className="nhsuk-list nhsuk-u-margin-bottom-0 app-portfolio-wrap">
                            {criterion.evidenceIds.map((id) => (
                              <li key={id}>{titles.get(id)}</li>
                            ))}
                          </ul>
                        )}
                      </SummaryList.Value>
                      <SummaryList.Action
                        asElement={Link}
                        to={portfolioPaths.add(enrolmentId, criterion.id)}
                        visuallyHiddenText={`evidence for ${criterion.code}`}
                      >
                        Add
                      </SummaryList.Action>
                    </SummaryList.Row>
                  )),
                )}
              </SummaryList>
            </section>
          ))}
          <p>
            Your portfolio has {piecesOfEvidence(portfolio.evidence.length)}.{" "}
            <Link to={portfolioPaths.overview(enrolmentId)}>Change your evidence</Link>
          </p>

          <h2>Declaration</h2>
          <p>
            Once you submit your portfolio you cannot change it unless your assessor refers it back to you.
          </p>
          <form noValidate onSubmit={send}>
            <Checkbox
              id="declaration"
              label={portfolio.declaration}
              checked={declared}
              onChange={setDeclared}
              error={declarationError}
            />
            <Button busy={submit.isPending}>Submit portfolio</Button>
          </form>
        </div>
      </div>
    </>
  );
}

/** /learning/:enrolmentId/portfolio/submit */
export function SubmitPortfolioPage() {
  const { enrolmentId = "" } = useParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Submit your portfolio">
      {(portfolio) => <CheckPortfolio portfolio={portfolio} />}
    </PortfolioLoader>
  );
}
