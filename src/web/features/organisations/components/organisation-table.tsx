import { Link } from "react-router";
import type { AdminOrganisation } from "../../../../shared/organisations";
import { Table } from "../../../components/nhs";
import { childrenWords, peopleWords, typeLabel } from "./organisation-words";

/** Organisations as a table linking to each: name (with its parent, where given), type, code and counts. */
export function OrganisationTable({
  caption,
  items,
}: {
  caption: string;
  items: Array<AdminOrganisation & { parentName?: string | null }>;
}) {
  return (
    <Table responsive caption={caption}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Name</Table.Cell>
          <Table.Cell>Type</Table.Cell>
          <Table.Cell>ODS code</Table.Cell>
          <Table.Cell>Organisations below</Table.Cell>
          <Table.Cell>Members</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.map((o) => (
          <Table.Row key={o.id}>
            <Table.Cell>
              <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
              {o.parentName ? (
                <>
                  <br />
                  <span className="nhsuk-body-s">Part of {o.parentName}</span>
                </>
              ) : null}
            </Table.Cell>
            <Table.Cell>{typeLabel(o.type)}</Table.Cell>
            <Table.Cell>{o.odsCode ?? "None"}</Table.Cell>
            <Table.Cell>{childrenWords(o.childCount)}</Table.Cell>
            <Table.Cell>{peopleWords(o.memberCount)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}
