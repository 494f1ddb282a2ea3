import type { ReactNode } from "react";
import type {
  CriterionView,
  DecisionView,
  EvidenceView,
  SubmissionDetail,
  VerificationView,
} from "../../../../shared/assessment";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import { Details, SummaryList, Table } from "../../../components/nhs";
import { formatDate, formatDateTime } from "../../../lib/format";
import {
  fileSizeWords,
  fileTypeWords,
  JudgementTag,
  OutcomeTag,
  SubmissionStatusTag,
  VerdictTag,
} from "./assessment-words";

const KIND_WORDS: Record<EvidenceView["kind"], string> = {
  reflection: "Written reflection",
  file: "File",
  link: "Link",
};

/**
 * A reflection or description as the server rendered it from Markdown: raw HTML escaped and unsafe link targets
 * dropped (platform/markdown.ts), so it can go into the page as it is.
 */
function EvidenceHtml({ html }: { html: string }) {
  if (!html.trim()) return null;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitises this HTML (renderMarkdown)
  return <div className="app-rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One piece of evidence as it stood when the version was submitted. */
export function EvidenceItem({ item }: { item: EvidenceView }) {
  return (
    <li className="app-evidence">
      <h5 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">{item.title}</h5>
      <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-2">
        {KIND_WORDS[item.kind]}
      </p>
      <EvidenceHtml html={item.bodyHtml} />
      {item.link ? (
        <p>
          {item.link.href ? (
            <a href={item.link.href} rel="noopener noreferrer" target="_blank">
              {item.link.text}
              <span className="nhsuk-u-visually-hidden"> (opens in a new tab)</span>
            </a>
          ) : (
            <>
              <span className="app-break-anywhere">{item.link.text}</span>{" "}
              <span className="nhsuk-body-s">(not a web address, so not linked)</span>
            </>
          )}
        </p>
      ) : null}
      {item.file ? (
        <p>
          <a href={item.file.href} download={item.file.filename}>
            Download {item.file.filename}
          </a>{" "}
          <span className="nhsuk-body-s">
            ({fileTypeWords(item.file.contentType)}
            {item.file.sizeBytes !== null ? `, ${fileSizeWords(item.file.sizeBytes)}` : ""})
          </span>
        </p>
      ) : null}
    </li>
  );
}

/** The top of a submission's page: whose portfolio, which course and version, and where it stands. */
export function SubmissionHeader({ submission }: { submission: SubmissionDetail }) {
  return (
    <>
      <span className="nhsuk-caption-l">
        Portfolio for {submission.course.title}, version {submission.version}
      </span>
      <h1>{submission.learner.name}</h1>
      <p>
        <SubmissionStatusTag status={submission.status} />
      </p>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Course</SummaryList.Key>
          <SummaryList.Value>
            {submission.course.title}
            <br />
            <span className="nhsuk-body-s">
              {LEVEL_LABELS[submission.course.level]}, {submission.course.programme}
            </span>
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Submitted</SummaryList.Key>
          <SummaryList.Value>{formatDateTime(submission.submittedAt)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Assessor</SummaryList.Key>
          <SummaryList.Value>
            {submission.assessor
              ? `${submission.assessor.name}${submission.allocatedAt ? `, since ${formatDate(submission.allocatedAt)}` : ""}`
              : "Not allocated"}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Declaration</SummaryList.Key>
          <SummaryList.Value>
            <span className="app-pre-wrap">{submission.declaration}</span>
          </SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>
    </>
  );
}

/** A verifier's verdict in words: outcome, who, when, and the rationale. */
export function VerdictRecord({ verification }: { verification: VerificationView }) {
  return (
    <>
      <p className="nhsuk-u-margin-bottom-2">
        <VerdictTag outcome={verification.outcome} /> by {verification.verifier?.name ?? "a former verifier"}{" "}
        on {formatDate(verification.verifiedAt)}
      </p>
      <p className="app-pre-wrap">{verification.rationale}</p>
    </>
  );
}

/** One assessor decision: outcome, overall feedback, each criterion's judgement, and any verdict on it. */
export function DecisionRecord({ decision, heading }: { decision: DecisionView; heading: string }) {
  return (
    <section className="nhsuk-u-margin-bottom-6">
      <h3>{heading}</h3>
      <p>
        <OutcomeTag outcome={decision.outcome} /> by {decision.assessor?.name ?? "a former assessor"} on{" "}
        {formatDateTime(decision.decidedAt)}
        {decision.sampled ? " (sampled for internal verification)" : ""}
      </p>
      {decision.feedback ? (
        <>
          <h4 className="nhsuk-heading-xs">Overall feedback</h4>
          <p className="app-pre-wrap nhsuk-u-margin-bottom-5">{decision.feedback}</p>
        </>
      ) : null}
      <Table responsive caption="Judgement on each criterion">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Criterion</Table.Cell>
            <Table.Cell>Judgement</Table.Cell>
            <Table.Cell>Feedback</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {decision.criteria.map((c) => (
            <Table.Row key={c.criterionId}>
              <Table.Cell>
                <span className="app-queue-cell">
                  {c.code ? `${c.code} ` : ""}
                  {c.statement ?? "A criterion no longer in the course"}
                </span>
              </Table.Cell>
              <Table.Cell>
                <JudgementTag decision={c.decision} />
              </Table.Cell>
              <Table.Cell>
                <span className="app-pre-wrap">{c.feedback || "None given"}</span>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {decision.verification ? (
        <>
          <h4 className="nhsuk-heading-xs">Internal verification</h4>
          <VerdictRecord verification={decision.verification} />
        </>
      ) : decision.sampled && decision.supersededAt === null ? (
        <p>Waiting for internal verification.</p>
      ) : null}
    </section>
  );
}

/**
 * The criteria tree beside the evidence: for each criterion its statement and assessor guidance, with `extra` (the
 * judgement under review, the decision inputs) beneath, and the evidence the learner offered against it on the right.
 * On narrow screens they stack in reading order: statement, evidence, then `extra`.
 */
export function CriteriaAndEvidence({
  submission,
  extra,
}: {
  submission: SubmissionDetail;
  extra?: (criterion: CriterionView) => ReactNode;
}) {
  const evidenceById = new Map(submission.evidence.map((e) => [e.id, e]));
  const mapped = new Set(
    submission.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.flatMap((c) => c.evidenceIds))),
  );
  const unmapped = submission.evidence.filter((e) => !mapped.has(e.id));
  return (
    <>
      {submission.units.map((unit) => (
        <section key={unit.title} className="nhsuk-u-margin-bottom-7">
          <h2>{unit.title}</h2>
          {unit.outcomes.map((outcome) => (
            <section key={outcome.title}>
              <h3>{outcome.title}</h3>
              {outcome.criteria.map((criterion) => {
                const evidence = criterion.evidenceIds
                  .map((id) => evidenceById.get(id))
                  .filter((e): e is EvidenceView => e !== undefined);
                return (
                  <div key={criterion.id} className="app-criterion">
                    <div className="app-criterion__columns">
                      <div className="app-criterion__statement">
                        <h4>
                          <span className="app-criterion__code nhsuk-caption-m">
                            Criterion {criterion.code}
                          </span>
                          {criterion.statement}
                        </h4>
                        {criterion.assessorGuidance ? (
                          <Details>
                            <Details.Summary>Guidance for assessors on {criterion.code}</Details.Summary>
                            <Details.Text>
                              <p className="app-pre-wrap">{criterion.assessorGuidance}</p>
                            </Details.Text>
                          </Details>
                        ) : null}
                      </div>
                      <div className="app-criterion__evidence">
                        <p className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">
                          Evidence for {criterion.code}
                        </p>
                        {evidence.length === 0 ? (
                          <p>The learner offered no evidence against this criterion.</p>
                        ) : (
                          <ul className="app-evidence-list">
                            {evidence.map((item) => (
                              <EvidenceItem key={item.id} item={item} />
                            ))}
                          </ul>
                        )}
                      </div>
                      {extra ? <div className="app-criterion__judge">{extra(criterion)}</div> : null}
                    </div>
                  </div>
                );
              })}
            </section>
          ))}
        </section>
      ))}
      {unmapped.length > 0 ? (
        <section className="nhsuk-u-margin-bottom-7">
          <h2>Evidence not offered against a criterion</h2>
          <ul className="app-evidence-list">
            {unmapped.map((item) => (
              <EvidenceItem key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/**
 * This version's decisions (less `skip`, the one a page already shows in full), then each earlier version's in an
 * expander, so the assessor sees what was asked for before.
 */
export function DecisionHistory({ submission, skip }: { submission: SubmissionDetail; skip?: string }) {
  const decisions = submission.decisions
    .map((decision, i) => ({ decision, n: i + 1 }))
    .filter(({ decision }) => decision.id !== skip);
  return (
    <>
      {decisions.length > 0 ? (
        <section className="nhsuk-u-margin-bottom-7">
          <h2>{skip ? "Earlier decisions on this version" : "Decisions on this version"}</h2>
          {decisions.map(({ decision, n }) => (
            <DecisionRecord
              key={decision.id}
              decision={decision}
              heading={`Decision ${n}${decision.supersededAt ? " (overturned)" : ""}`}
            />
          ))}
        </section>
      ) : null}
      {submission.earlierVersions.length > 0 ? (
        <section className="nhsuk-u-margin-bottom-7">
          <h2>Earlier versions</h2>
          {submission.earlierVersions.map((version) => (
            <Details key={version.id}>
              <Details.Summary>
                Version {version.version}, submitted {formatDate(version.submittedAt)}
              </Details.Summary>
              <Details.Text>
                <p>
                  <SubmissionStatusTag status={version.status} />
                </p>
                {version.decisions.length === 0 ? <p>No decisions were made on this version.</p> : null}
                {version.decisions.map((decision, i) => (
                  <DecisionRecord
                    key={decision.id}
                    decision={decision}
                    heading={`Version ${version.version}, decision ${i + 1}`}
                  />
                ))}
              </Details.Text>
            </Details>
          ))}
        </section>
      ) : null}
    </>
  );
}
