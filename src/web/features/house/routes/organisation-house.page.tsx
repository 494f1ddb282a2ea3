import { Link, useParams } from "react-router";
import { MODULE_STATUS_LABELS, MODULE_STATUSES } from "../../../../shared/implementation";
import { RegistrationNav } from "../../../components/implementation-nav";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useProgrammeHouse, useRegistration } from "../api/house";
import { BehindTag, housePaths, StatusTag } from "../components/house-words";
import "../components/house.css";

/** A module title's initials for a narrow column heading: "Well Organised Working Environment" → "WOWE". */
function initials(title: string): string {
  const letters = title
    .split(/[\s,]+/)
    .filter((word) => /^[A-Z]/.test(word))
    .map((word) => word.charAt(0))
    .join("");
  return letters || title.slice(0, 3);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every team's house at a glance: a table of teams by modules with status tags, counts per status and behind plan. */
export function OrganisationHousePage() {
  const { registrationId = "" } = useParams();
  const registration = useRegistration(registrationId);
  const house = useProgrammeHouse(registration.data?.programme.id, registration.data?.organisation.id);
  usePageTitle("Teams' houses");

  const failure = registration.error ?? house.error;
  if (failure) {
    return (
      <ProblemPage
        title={isApiError(failure, 404) ? "Registration not found" : "Sorry, there is a problem"}
        message={failure.message}
      />
    );
  }
  if (registration.isPending || house.isPending || !house.data) return <LoadingPage title="Teams' houses" />;
  const { organisation, programme } = house.data;
  // Teams work through the sequence (foundation, then process modules); the guides beside the house come last.
  const modules = [
    ...house.data.modules.filter((m) => m.kind !== "guide"),
    ...house.data.modules.filter((m) => m.kind === "guide"),
  ];
  if (!organisation)
    return <ProblemPage title="Registration not found" message="There are no teams to show." />;
  const { teams } = organisation;

  return (
    <>
      <RegistrationNav registrationId={registrationId} />
      <span className="nhsuk-caption-l">
        {organisation.name} · {programme.title}
      </span>
      <h1>Teams' houses</h1>
      <p className="nhsuk-body-l">
        {plural(teams.length, "team")} · {organisation.teamsBehind} behind plan
      </p>
      {organisation.canImport ? (
        <p>
          <Link to={housePaths.importer(registrationId)}>Import module progress from a CSV file</Link>
        </p>
      ) : null}
      {teams.length === 0 ? (
        <p>There are no teams yet. The programme lead adds teams on the overview page.</p>
      ) : (
        <section className="app-house-grid" aria-labelledby="house-grid-caption">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption" id="house-grid-caption">
              Each team's status on each module: the foundation and process modules in the recommended order,
              then the guides
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Team</th>
                {modules.map((module) => (
                  <th scope="col" key={module.id}>
                    <span aria-hidden="true">
                      <abbr title={module.title}>{initials(module.title)}</abbr>
                    </span>
                    <span className="nhsuk-u-visually-hidden">{module.title}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {teams.map((team) => (
                <tr key={team.id}>
                  <th scope="row">
                    <Link to={housePaths.team(team.id)}>{team.name}</Link>
                    {team.behind ? (
                      <>
                        <br />
                        <BehindTag weeks={team.weeksBehind} />
                      </>
                    ) : null}
                  </th>
                  {modules.map((module) => {
                    const status = team.modules.find((m) => m.moduleId === module.id);
                    return (
                      <td key={module.id}>
                        {status ? <StatusTag status={status.status} /> : null}
                        {status?.behind ? (
                          <span className="nhsuk-u-visually-hidden">, behind plan</span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
            <tfoot>
              {MODULE_STATUSES.map((status) => (
                <tr key={status}>
                  <th scope="row">{MODULE_STATUS_LABELS[status]}</th>
                  {modules.map((module) => (
                    <td key={module.id}>
                      {organisation.moduleCounts.find((c) => c.moduleId === module.id)?.counts[status] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tfoot>
          </table>
        </section>
      )}
      <h2>Modules</h2>
      <ul className="nhsuk-list">
        {modules.map((module) => (
          <li key={module.id}>
            <strong>{initials(module.title)}</strong>: {module.title}
          </li>
        ))}
      </ul>
      <h2>Across all teams</h2>
      <ul className="nhsuk-list">
        {MODULE_STATUSES.map((status) => (
          <li key={status}>
            {MODULE_STATUS_LABELS[status]}: {plural(organisation.counts[status], "module")}
          </li>
        ))}
      </ul>
    </>
  );
}
