import { type AuditEvent, auditActionPhrase } from "../../../../shared/audit";
import { Table } from "../../../components/nhs";
import { formatDate, formatTime } from "../../../lib/format";

/** A detail value in words: text as it is, lists and objects as "key: value" pairs. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return value.map(describe).join(", ");
  if (typeof value === "object")
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${describe(v)}`)
      .join(", ");
  return String(value);
}

/** The audit entries as a table: when, who, what, about what, details, rows, and where from. */
export function AuditTable({
  events,
  caption,
  showActor,
}: {
  events: AuditEvent[];
  caption: string;
  showActor: boolean;
}) {
  return (
    <Table responsive caption={caption}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>When</Table.Cell>
          {showActor ? <Table.Cell>Who</Table.Cell> : null}
          <Table.Cell>What</Table.Cell>
          <Table.Cell>Details</Table.Cell>
          <Table.Cell>Rows</Table.Cell>
          <Table.Cell>Request</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {events.map((e) => (
          <Table.Row key={e.id}>
            <Table.Cell>
              {formatDate(e.occurredAt)}, {formatTime(e.occurredAt)}
            </Table.Cell>
            {showActor ? (
              <Table.Cell>
                {e.actor ? (
                  <>
                    {e.actor.name}
                    <br />
                    <span className="nhsuk-body-s app-break-anywhere">{e.actor.email}</span>
                  </>
                ) : (
                  "The system or a deleted account"
                )}
              </Table.Cell>
            ) : null}
            <Table.Cell>
              {auditActionPhrase(e.action)}
              <br />
              <span className="nhsuk-body-s app-break-anywhere">{e.action}</span>
            </Table.Cell>
            <Table.Cell>
              <span className="app-break-anywhere">
                {e.subjectType ? `${e.subjectType}${e.subjectId ? ` ${e.subjectId}` : ""}` : ""}
                {e.subjectType && e.details ? <br /> : null}
                {e.details ? describe(e.details) : e.subjectType ? "" : "None"}
              </span>
            </Table.Cell>
            <Table.Cell>{e.rows ?? "Not recorded"}</Table.Cell>
            <Table.Cell>
              <span className="nhsuk-body-s app-break-anywhere">
                {e.requestId ?? "None"}
                {e.ipAddress ? (
                  <>
                    <br />
                    IP {e.ipAddress}
                  </>
                ) : null}
              </span>
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
