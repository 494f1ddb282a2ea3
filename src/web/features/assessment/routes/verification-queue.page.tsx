import { Link } from "react-router";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import { InsetText, Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useVerificationQueue } from "../api/verification";
import { OutcomeTag, waitingWords } from "../components/assessment-words";
import "../components/assessment.css";

const DAY_MS = 86_400_000;

/** /verification: sampled decisions waiting for an internal verifier, oldest decision first. */
export function VerificationQueuePage() {
  usePageTitle("Internal verification");
  const queue = useVerificationQueue();
  if (queue.isPending) return <LoadingPage title="Internal verification" />;
  if (queue.isError) return <ProblemPage title="Internal verification" message={queue.error.message} />;
  const { items, withheld } = queue.data;
  return (
    <>
      <h1>Internal verification</h1>
      <p>
        A sample of assessors' decisions comes here before it takes effect, including each new assessor's
        first decisions. Confirm a decision, or overturn it with your rationale so the assessor decides again.
      </p>
      {withheld > 0 ? (
        <InsetText>
          <p>
            {withheld === 1 ? "1 decision is" : `${withheld} decisions are`} not listed because you made{" "}
            {withheld === 1 ? "it" : "them"} as the assessor, or the portfolio is yours or a learner's in your
            team. Another internal verifier will verify {withheld === 1 ? "it" : "them"}.
          </p>
        </InsetText>
      ) : null}
      {items.length === 0 ? (
        <p>There are no decisions waiting for you to verify.</p>
      ) : (
        <Table responsive caption="Decisions waiting for verification, oldest first">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Learner</Table.Cell>
              <Table.Cell>Course</Table.Cell>
              <Table.Cell>Assessor</Table.Cell>
              <Table.Cell>Decision</Table.Cell>
              <Table.Cell>Waiting</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {items.map((item) => (
              <Table.Row key={item.submissionId}>
                <Table.Cell>
                  <span className="app-queue-cell">
                    <Link to={`/verification/${encodeURIComponent(item.submissionId)}`}>
                      {item.learner.name}
                    </Link>
                  </span>
                </Table.Cell>
                <Table.Cell>
                  <span className="app-queue-cell">
                    {item.course.title}
                    <br />
                    <span className="nhsuk-body-s">
                      {LEVEL_LABELS[item.course.level]}, version {item.version}
                    </span>
                  </span>
                </Table.Cell>
                <Table.Cell>
                  <span className="app-queue-cell">{item.assessor?.name ?? "Not allocated"}</span>
                </Table.Cell>
                <Table.Cell>
                  <OutcomeTag outcome={item.outcome} />
                  <br />
                  <span className="nhsuk-body-s">on {formatDate(item.decidedAt)}</span>
                </Table.Cell>
                <Table.Cell>
                  {waitingWords(Math.floor((Date.now() - Date.parse(item.decidedAt)) / DAY_MS))}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
