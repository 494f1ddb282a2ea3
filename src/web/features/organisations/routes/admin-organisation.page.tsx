import { Link, useParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { RequestErrorSummary } from "../../../components/error-summary";
import { SummaryList } from "../../../components/nhs";
import { LoadingPage } from "../../../components/page-state";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useOrganisationNode } from "../api/admin-organisations";
import { OrganisationTable } from "../components/organisation-table";
import { peopleWords, typeLabel } from "../components/organisation-words";

/** /admin/organisations/:id: one organisation, where it sits, what is below it, and what can be done with it. */
export function AdminOrganisationPage() {
  const { id = "" } = useParams();
  const node = useOrganisationNode(id);
  usePageTitle(node.data?.organisation.name ?? "Organisation");

  if (node.isPending) return <LoadingPage title="Organisation" />;
  if (node.isError)
    return (
      <>
        <h1>Organisation</h1>
        <RequestErrorSummary error={node.error} />
        <p>
          <Link to="/admin/organisations">Back to organisations</Link>
        </p>
      </>
    );
  const { organisation, ancestors, children, usage, deleteBlockers } = node.data;
  const here = `/admin/organisations/${organisation.id}`;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/admin/organisations", text: "Organisations" },
          ...ancestors.map((a) => ({ to: `/admin/organisations/${a.id}`, text: a.name })),
        ]}
      />
      <span className="nhsuk-caption-l">{typeLabel(organisation.type)}</span>
      <h1 className="app-break-anywhere">{organisation.name}</h1>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Name</SummaryList.Key>
          <SummaryList.Value>{organisation.name}</SummaryList.Value>
          <SummaryList.Action
            asElement={Link}
            to={`${here}/edit`}
            visuallyHiddenText="the name, type or ODS code"
          >
            Change
          </SummaryList.Action>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Type</SummaryList.Key>
          <SummaryList.Value>{typeLabel(organisation.type)}</SummaryList.Value>
          <SummaryList.Action asElement={Link} to={`${here}/edit`} visuallyHiddenText="the type">
            Change
          </SummaryList.Action>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>ODS code</SummaryList.Key>
          <SummaryList.Value>{organisation.odsCode ?? "None"}</SummaryList.Value>
          <SummaryList.Action asElement={Link} to={`${here}/edit`} visuallyHiddenText="the ODS code">
            Change
          </SummaryList.Action>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Part of</SummaryList.Key>
          <SummaryList.Value>
            {ancestors.at(-1)?.name ?? "Nothing: it is at the top of the hierarchy"}
          </SummaryList.Value>
          <SummaryList.Action
            asElement={Link}
            to={`${here}/move`}
            visuallyHiddenText="to another parent organisation"
          >
            Move
          </SummaryList.Action>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Members</SummaryList.Key>
          <SummaryList.Value>
            {peopleWords(usage.members)} belong to it
            {usage.teamMembers > 0 ? `; ${peopleWords(usage.teamMembers)} have it as their team` : ""}
          </SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Added</SummaryList.Key>
          <SummaryList.Value>{formatDate(organisation.createdAt)}</SummaryList.Value>
        </SummaryList.Row>
      </SummaryList>

      <h2>Organisations below</h2>
      <p>
        <Link to={`/admin/organisations/new?parentId=${organisation.id}`}>
          Add an organisation below {organisation.name}
        </Link>
      </p>
      {children.length === 0 ? (
        <p>There are no organisations below this one.</p>
      ) : (
        <OrganisationTable
          items={children}
          caption={`${children.length} ${children.length === 1 ? "organisation" : "organisations"} below ${organisation.name}`}
        />
      )}

      <h2>Delete this organisation</h2>
      {deleteBlockers.length === 0 ? (
        <p>
          <Link to={`${here}/delete`}>Delete {organisation.name}</Link>
        </p>
      ) : (
        <>
          <p>It cannot be deleted while:</p>
          <ul>
            {deleteBlockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
