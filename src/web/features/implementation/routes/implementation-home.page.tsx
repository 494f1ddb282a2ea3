import { Link } from "react-router";
import { ActionLink } from "../../../components/links";
import { Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { useMyRegistrations } from "../api/implementation";
import { paths, rolesInWords } from "../components/implementation-bits";

const TITLE = "Programme implementation";

/** /implementation: my organisations' programme registrations, the teams I lead, and registering a new one. */
export function ImplementationHomePage() {
  const mine = useMyRegistrations();
  usePageTitle(TITLE);
  if (mine.isPending) return <LoadingPage title={TITLE} />;
  if (mine.isError) return <ProblemPage title="Sorry, there is a problem" message={mine.error.message} />;
  const { registrations } = mine.data;
  const ledTeams = registrations.flatMap((r) =>
    r.ledTeams.map((t) => ({
      ...t,
      programmeTitle: r.programme.title,
      organisationName: r.organisation.name,
    })),
  );
  // Organisations where I hold a role that reads every team (programme lead, executive sponsor, finance lead): their
  // benefits add up across programmes.
  const fullReadOrganisations = [
    ...new Map(
      registrations.filter((r) => r.roles.length > 0).map((r) => [r.organisation.id, r.organisation]),
    ).values(),
  ];
  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        Teams implement a programme module by module, measure what changes and record the benefits. Your
        organisation's programme lead registers it on a programme and adds its teams.
      </p>

      <h2>Your organisations' programmes</h2>
      {registrations.length === 0 ? (
        <p>
          You are not named on any programme registration and do not lead a team. If your organisation is
          already registered, ask its programme lead to add you.
        </p>
      ) : (
        <Table responsive caption="Programme registrations you are named on">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Programme</Table.Cell>
              <Table.Cell>Organisation</Table.Cell>
              <Table.Cell>Your role</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {registrations.map((r) => (
              <Table.Row key={r.id}>
                <Table.Cell>
                  <Link to={paths.registration(r.id)}>
                    {r.programme.title}
                    <span className="nhsuk-u-visually-hidden"> for {r.organisation.name}</span>
                  </Link>
                </Table.Cell>
                <Table.Cell>{r.organisation.name}</Table.Cell>
                <Table.Cell>{rolesInWords(r.roles, r.ledTeams.length > 0)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}

      {fullReadOrganisations.length > 0 ? (
        <>
          <h2>Benefits across programmes</h2>
          <ul className="nhsuk-list">
            {fullReadOrganisations.map((o) => (
              <li key={o.id}>
                <Link to={`/implementation/organisations/${o.id}/benefits`}>
                  Across all of {o.name}'s programmes
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {ledTeams.length > 0 ? (
        <>
          <h2>Teams you lead</h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {ledTeams.map((t) => (
              <li key={t.id}>
                <Link to={paths.team(t.id)}>{t.name}</Link> ({t.programmeTitle}, {t.organisationName})
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Register your organisation on a programme</h2>
      <p>
        You become its programme lead. You will need the email address of your executive sponsor, who must
        have a QI Academy account in your organisation.
      </p>
      <ActionLink to={paths.register}>Register your organisation on a programme</ActionLink>
    </>
  );
}
