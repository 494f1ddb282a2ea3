import { NOMINEE_ROLE_LABELS, type Nominee } from "../../../../shared/learner-admin";
import { Table, Tag } from "../../../components/nhs";
import { formatDate } from "../../../lib/format";
import { NOMINEE_STATUS_TAGS } from "./learner-admin-words";

/** An application's three nominees: who, as what, their answer, and when they were sent the link and answered. */
export function NomineesTable({ nominees }: { nominees: Nominee[] }) {
  return (
    <Table responsive caption="Nominees">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Nominee</Table.Cell>
          <Table.Cell>Answer</Table.Cell>
          <Table.Cell>Dates</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {nominees.map((n) => {
          const tag = NOMINEE_STATUS_TAGS[n.status];
          return (
            <Table.Row key={n.id}>
              <Table.Cell>
                {n.name}
                <br />
                <span className="nhsuk-body-s">{NOMINEE_ROLE_LABELS[n.role]}</span>
                <br />
                <span className="nhsuk-body-s app-break-anywhere">{n.email}</span>
              </Table.Cell>
              <Table.Cell>
                <Tag modifier={tag.modifier}>{tag.text}</Tag>
              </Table.Cell>
              <Table.Cell>
                Sent {formatDate(n.sentAt)}
                {n.respondedAt ? (
                  <>
                    <br />
                    Answered {formatDate(n.respondedAt)}
                  </>
                ) : n.linkExpiresAt ? (
                  <>
                    <br />
                    Link works until {formatDate(n.linkExpiresAt)}
                  </>
                ) : null}
              </Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table>
  );
}
