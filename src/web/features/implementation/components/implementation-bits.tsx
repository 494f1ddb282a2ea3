import { Link } from "react-router";
import { REGISTRATION_ROLE_LABELS, type RegistrationRole } from "../../../../shared/implementation";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";

/** Where the implementation pages live. */
export const paths = {
  home: "/implementation",
  register: "/implementation/register",
  registration: (id: string) => `/implementation/${id}`,
  newTeam: (registrationId: string) => `/implementation/${registrationId}/teams/new`,
  team: (teamId: string) => `/implementation/teams/${teamId}`,
  editTeam: (teamId: string) => `/implementation/teams/${teamId}/edit`,
  boxSets: (registrationId: string) => `/implementation/${registrationId}/box-sets`,
};

/** The roles someone holds, in words ("Programme lead, Executive sponsor"), or "Team leader". */
export function rolesInWords(roles: readonly RegistrationRole[], leadsTeams: boolean): string {
  const words: string[] = roles.map((r) => REGISTRATION_ROLE_LABELS[r]);
  if (leadsTeams) words.push("Team leader");
  return words.join(", ");
}

/** Breadcrumbs up to the programme implementation home and, where given, one registration. */
export function ImplementationCrumbs({
  registration,
}: {
  registration?: { id: string; programmeTitle: string; organisationName: string };
}) {
  const items = [
    { to: "/", text: "Home" },
    { to: paths.home, text: "Programme implementation" },
  ];
  if (registration)
    items.push({
      to: paths.registration(registration.id),
      text: `${registration.programmeTitle}: ${registration.organisationName}`,
    });
  return <Breadcrumbs items={items} />;
}

/** A page for a failed load: not found (or hidden), not allowed, or something else. */
export function ImplementationProblem({ error }: { error: Error }) {
  if (isApiError(error, 404))
    return (
      <ProblemPage title="Page not found" message="We could not find that programme registration or team.">
        <p>
          If you expected to see it, ask your organisation's programme lead to add you. Go back to{" "}
          <Link to={paths.home}>Programme implementation</Link>.
        </p>
      </ProblemPage>
    );
  if (isApiError(error, 403))
    return (
      <ProblemPage title="You cannot see this page" message={error.message}>
        <p>
          Go back to <Link to={paths.home}>Programme implementation</Link>.
        </p>
      </ProblemPage>
    );
  return <ProblemPage title="Sorry, there is a problem" message={error.message} />;
}
