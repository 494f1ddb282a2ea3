import type { RecognitionDecisionView } from "../../../../shared/recognition";
import { RECOGNITION_OUTCOME_LABELS } from "../../../../shared/recognition";
import { Table } from "../../../components/nhs";
import { formatDate } from "../../../lib/format";

/** A decision's scores and feedback, criterion by criterion, as the team and assessors read it. */
export function DecisionRecord({
  decision,
  caption,
}: {
  decision: RecognitionDecisionView;
  caption: string;
}) {
  return (
    <>
      <p>
        <strong>{RECOGNITION_OUTCOME_LABELS[decision.outcome]}</strong> on {formatDate(decision.decidedAt)}.
      </p>
      <Table responsive caption={caption}>
        <Table.Head>
          <Table.Row>
            <Table.Cell>Criterion</Table.Cell>
            <Table.Cell>Score</Table.Cell>
            <Table.Cell>Feedback</Table.Cell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {decision.scores.map((s) => (
            <Table.Row key={s.criterionId}>
              <Table.Cell>{s.title}</Table.Cell>
              <Table.Cell>
                {s.score} – {s.scoreLabel}
              </Table.Cell>
              <Table.Cell>{s.feedback || "No feedback"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {decision.feedback ? (
        <>
          <h4 className="nhsuk-heading-s">Overall feedback</h4>
          <p style={{ whiteSpace: "pre-line" }}>{decision.feedback}</p>
        </>
      ) : null}
    </>
  );
}
