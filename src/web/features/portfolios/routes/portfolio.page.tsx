import { Link, useParams } from "react-router";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import type { LearnerDecision, PortfolioVersion, PortfolioView } from "../../../../shared/portfolios";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Details, InsetText, SummaryList, Tag, WarningCallout } from "../../../components/nhs";
import { formatDate, formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { PortfolioLoader } from "../components/portfolio-loader";
import { portfolioPaths } from "../components/portfolio-paths";
import {
  criteriaCodes,
  fileFacts,
  kindLabel,
  piecesOfEvidence,
  StageTag,
} from "../components/portfolio-words";
import "../components/portfolios.css";

/** What happens next, by where the portfolio stands. */
function nextSteps(portfolio: PortfolioView): string {
  switch (portfolio.stage) {
    case "not_submitted":
      return "Add evidence for every criterion, then submit your portfolio for assessment.";
    case "with_assessor":
      return "An assessor is looking at your portfolio. You will see their decision and feedback here.";
    case "awaiting_quality_check":
      return "Your assessor has made a decision, which is being quality checked by an internal verifier. You will see it here when the check is done.";
    case "referred":
      return "Your assessor has referred your portfolio back to you. Read their feedback below, change your evidence, then submit it again.";
    case "passed":
      return "Your assessor has passed your portfolio.";
  }
}

/** The criteria as NHS task lists, unit by unit: each criterion with its evidence, or flagged when it has none. */
function CriteriaSection({ portfolio }: { portfolio: PortfolioView }) {
  const titles = new Map(portfolio.evidence.map((e) => [e.id, e.title]));
  if (portfolio.units.length === 0) {
    return <p>This course has no assessment criteria yet. Check again later, or contact the support team.</p>;
  }
  return (
    <>
      {portfolio.units.map((unit) => (
        <section className="app-portfolio-unit" key={unit.id} aria-labelledby={`unit-${unit.id}`}>
          <h3 id={`unit-${unit.id}`}>
            Unit {unit.position}: {unit.title}
          </h3>
          {unit.summary ? <p>{unit.summary}</p> : null}
          {unit.outcomes.map((outcome) => (
            <div key={outcome.id}>
              <h4 className="nhsuk-heading-xs">{outcome.title}</h4>
              <ul className="nhsuk-task-list">
                {outcome.criteria.map((criterion) => {
                  const statusId = `criterion-${criterion.id}-status`;
                  const hintId = `criterion-${criterion.id}-hint`;
                  const evidence = criterion.evidenceIds.map((id) => titles.get(id) ?? "");
                  const name = `${criterion.code} ${criterion.statement}`;
                  return (
                    <li
                      className={`nhsuk-task-list__item${portfolio.editable ? " nhsuk-task-list__item--with-link" : ""}`}
                      key={criterion.id}
                      id={`criterion-${criterion.id}`}
                    >
                      <div className="nhsuk-task-list__name-and-hint">
                        {portfolio.editable ? (
                          <Link
                            className="nhsuk-link nhsuk-task-list__link"
                            to={portfolioPaths.add(portfolio.enrolmentId, criterion.id)}
                            aria-describedby={`${hintId} ${statusId}`}
                          >
                            {name}
                          </Link>
                        ) : (
                          <span>{name}</span>
                        )}
                        <div className="nhsuk-task-list__hint" id={hintId}>
                          {evidence.length > 0
                            ? `Evidence: ${evidence.join("; ")}`
                            : criterion.learnerGuidance || "No evidence yet"}
                        </div>
                      </div>
                      <div
                        className={`nhsuk-task-list__status${evidence.length > 0 ? " nhsuk-task-list__status--completed" : ""}`}
                        id={statusId}
                      >
                        {evidence.length > 0 ? (
                          piecesOfEvidence(evidence.length)
                        ) : (
                          <Tag modifier="orange">No evidence</Tag>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

/** Each piece of evidence: what it is, the criteria it shows, its content, and a way to change it. */
function EvidenceSection({ portfolio }: { portfolio: PortfolioView }) {
  if (portfolio.evidence.length === 0) {
    return <p>You have not added any evidence yet.</p>;
  }
  return (
    <>
      {portfolio.evidence.map((evidence) => (
        <article
          className="app-portfolio-evidence"
          key={evidence.id}
          aria-labelledby={`evidence-${evidence.id}`}
        >
          <h3 id={`evidence-${evidence.id}`} className="nhsuk-u-margin-bottom-2">
            {evidence.title}
          </h3>
          <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
            {kindLabel(evidence)} · for criteria {criteriaCodes(portfolio, evidence.criterionIds)} · last
            changed {formatDateTime(evidence.updatedAt)}
          </p>
          {evidence.file ? (
            <p>
              <a href={evidence.file.url} download>
                Download {evidence.file.filename}
              </a>{" "}
              ({fileFacts(evidence.file)})
            </p>
          ) : null}
          {evidence.url ? (
            <p className="app-portfolio-wrap">
              <a href={evidence.url} rel="noopener noreferrer">
                {evidence.url}
              </a>
            </p>
          ) : null}
          {evidence.body ? (
            <Details>
              <Details.Summary>
                {evidence.kind === "reflection" ? "Read the reflection" : "Read the description"}
                <span className="nhsuk-u-visually-hidden">: {evidence.title}</span>
              </Details.Summary>
              <Details.Text>
                {/* Rendered on the server from Markdown with raw HTML escaped and unsafe links dropped. */}
                {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitises this HTML. */}
                <div className="app-portfolio-wrap" dangerouslySetInnerHTML={{ __html: evidence.html }} />
              </Details.Text>
            </Details>
          ) : null}
          {portfolio.editable ? (
            <p>
              <Link to={portfolioPaths.evidence(portfolio.enrolmentId, evidence.id)}>
                Change or delete<span className="nhsuk-u-visually-hidden"> {evidence.title}</span>
              </Link>
            </p>
          ) : null}
        </article>
      ))}
    </>
  );
}

/** One decision: its outcome and feedback, or why it cannot be shown yet. */
function DecisionView({ decision }: { decision: LearnerDecision }) {
  if (decision.state === "being_quality_checked") {
    return (
      <InsetText>
        <p>
          Your assessor made a decision on {formatDate(decision.decidedAt)}. It is being quality checked by an
          internal verifier, so you will see it when the check is done.
        </p>
      </InsetText>
    );
  }
  const outcome = decision.outcome === "pass" ? "Passed" : "Referred back";
  return (
    <div className="nhsuk-u-margin-bottom-5">
      <h4 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">
        Decision of {formatDate(decision.decidedAt)}: {outcome}
      </h4>
      {decision.state === "overturned" ? (
        <p>
          <Tag modifier="grey">Overturned by internal verification</Tag>
        </p>
      ) : null}
      {decision.state === "overturned" ? (
        <p>
          An internal verifier did not agree with this decision, so it no longer stands. Your assessor will
          decide again.
        </p>
      ) : null}
      {decision.feedback ? (
        <>
          <p className="nhsuk-u-margin-bottom-1">
            <strong>Assessor's feedback</strong>
          </p>
          <p className="app-portfolio-wrap" style={{ whiteSpace: "pre-line" }}>
            {decision.feedback}
          </p>
        </>
      ) : null}
      {decision.criteria.length > 0 ? (
        <SummaryList>
          {decision.criteria.map((c) => (
            <SummaryList.Row key={c.criterionId}>
              <SummaryList.Key>
                {c.code} {c.statement}
              </SummaryList.Key>
              <SummaryList.Value>
                <p className="nhsuk-u-margin-bottom-1">
                  <strong>{c.decision === "met" ? "Met" : "Not yet met"}</strong>
                </p>
                {c.feedback ? <p className="app-portfolio-wrap">{c.feedback}</p> : null}
              </SummaryList.Value>
            </SummaryList.Row>
          ))}
        </SummaryList>
      ) : null}
    </div>
  );
}

/** Every submitted version, newest first, with the decisions on it. */
function VersionsSection({ versions }: { versions: PortfolioVersion[] }) {
  return (
    <>
      {versions.map((version) => (
        <section className="app-portfolio-unit" key={version.id} aria-labelledby={`version-${version.id}`}>
          <h3 id={`version-${version.id}`} className="nhsuk-u-margin-bottom-2">
            Version {version.version}, submitted {formatDateTime(version.submittedAt)}
          </h3>
          <p>
            <StageTag stage={version.stage} />
          </p>
          <p className="nhsuk-body-s">
            {piecesOfEvidence(version.evidenceCount)} against {version.criteriaCount} criteria
          </p>
          {version.decisions.length === 0 ? (
            <p>No decision yet.</p>
          ) : (
            version.decisions.map((decision) => <DecisionView key={decision.id} decision={decision} />)
          )}
        </section>
      ))}
    </>
  );
}

/** After a referral: the criteria the standing decision judged not yet met, with the assessor's words on each. */
function NotYetMet({ portfolio }: { portfolio: PortfolioView }) {
  if (portfolio.stage !== "referred") return null;
  const decision = portfolio.versions[0]?.decisions.findLast((d) => d.state === "standing");
  const notMet = decision?.criteria.filter((c) => c.decision === "not_yet_met") ?? [];
  if (notMet.length === 0) return null;
  return (
    <WarningCallout>
      <WarningCallout.Heading headingLevel="h2">
        {notMet.length === 1 ? "1 criterion is not yet met" : `${notMet.length} criteria are not yet met`}
      </WarningCallout.Heading>
      <ul>
        {notMet.map((c) => (
          <li key={c.criterionId}>
            <a href={`#criterion-${c.criterionId}`}>
              {c.code} {c.statement}
            </a>
            {c.feedback ? <span className="app-portfolio-wrap">: {c.feedback}</span> : null}
          </li>
        ))}
      </ul>
    </WarningCallout>
  );
}

/** The overview: where the portfolio stands, coverage, criteria, evidence, and versions with feedback. */
function PortfolioOverview({ portfolio }: { portfolio: PortfolioView }) {
  usePageTitle(`Your portfolio – ${portfolio.course.title}`);
  const { coverage, enrolmentId } = portfolio;
  const complete = coverage.criteria > 0 && coverage.covered === coverage.criteria;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/my-learning", text: "My learning" },
          { to: portfolioPaths.course(enrolmentId), text: portfolio.course.title },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">
            {portfolio.course.programmeTitle} · {LEVEL_LABELS[portfolio.course.level]}
          </span>
          <h1 className="nhsuk-u-margin-bottom-3">Your portfolio</h1>
          <p>
            <StageTag stage={portfolio.stage} />
          </p>
          <p>{nextSteps(portfolio)}</p>
          <NotYetMet portfolio={portfolio} />
          {portfolio.lockedReason && portfolio.stage !== "passed" ? (
            <InsetText>
              <p>{portfolio.lockedReason}</p>
            </InsetText>
          ) : null}

          <h2>Coverage</h2>
          <p>
            <strong>
              {coverage.covered} of {coverage.criteria} criteria have evidence
            </strong>
          </p>
          {coverage.missing.length > 0 ? (
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h3">
                {coverage.missing.length === 1
                  ? "1 criterion has no evidence yet"
                  : `${coverage.missing.length} criteria have no evidence yet`}
              </WarningCallout.Heading>
              <ul>
                {coverage.missing.map((c) => (
                  <li key={c.id}>
                    <a href={`#criterion-${c.id}`}>
                      {c.code} {c.statement}
                    </a>
                  </li>
                ))}
              </ul>
            </WarningCallout>
          ) : null}

          {portfolio.editable ? (
            <div className="app-actions">
              <Link className="nhsuk-button" to={portfolioPaths.add(enrolmentId)} draggable={false}>
                Add evidence
              </Link>
              {complete ? (
                <Link
                  className="nhsuk-button nhsuk-button--secondary"
                  to={portfolioPaths.submit(enrolmentId)}
                  draggable={false}
                >
                  {portfolio.versions.length > 0 ? "Submit your portfolio again" : "Submit your portfolio"}
                </Link>
              ) : null}
            </div>
          ) : null}

          <h2>Criteria and your evidence</h2>
          <CriteriaSection portfolio={portfolio} />

          <h2>Your evidence</h2>
          <EvidenceSection portfolio={portfolio} />

          <h2>Submitted versions and feedback</h2>
          {portfolio.versions.length === 0 ? (
            <p>You have not submitted your portfolio yet.</p>
          ) : (
            <VersionsSection versions={portfolio.versions} />
          )}
        </div>
      </div>
    </>
  );
}

/** /learning/:enrolmentId/portfolio: the learner's portfolio for an assessed course. */
export function PortfolioPage() {
  const { enrolmentId = "" } = useParams();
  return (
    <PortfolioLoader enrolmentId={enrolmentId} title="Your portfolio">
      {(portfolio) => <PortfolioOverview portfolio={portfolio} />}
    </PortfolioLoader>
  );
}
