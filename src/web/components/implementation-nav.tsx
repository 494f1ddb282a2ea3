import { NavLink } from "react-router";

/** Links between the parts of an organisation's programme registration, shown at the top of each of its pages. */
export function RegistrationNav({ registrationId }: { registrationId: string }) {
  const base = `/implementation/${registrationId}`;
  return (
    // The top margin keeps the links 24px targets at 320px below a breadcrumb's back link.
    <nav aria-label="Programme implementation" className="nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-5">
      <ul className="nhsuk-list app-admin-nav">
        <li>
          <NavLink to={base} end>
            Overview and teams
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/house`}>Teams' houses</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/benefits`} end={false}>
            Benefits
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/summary`}>Benefits summary</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/box-sets`}>Box sets</NavLink>
        </li>
      </ul>
    </nav>
  );
}

/** Links between one team's pages: its house, its measures, its board and its benefits. */
export function TeamNav({ teamId, registrationId }: { teamId: string; registrationId: string }) {
  const base = `/implementation/teams/${teamId}`;
  return (
    <nav aria-label="This team" className="nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-5">
      <ul className="nhsuk-list app-admin-nav">
        <li>
          <NavLink to={base} end>
            House
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/measures`} end={false}>
            Measures
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/board`}>Knowing how we are doing</NavLink>
        </li>
        <li>
          <NavLink to={`/implementation/${registrationId}/benefits?teamId=${teamId}`}>Benefits</NavLink>
        </li>
      </ul>
    </nav>
  );
}
