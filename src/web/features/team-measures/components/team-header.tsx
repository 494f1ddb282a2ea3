import { Breadcrumbs } from "../../../components/breadcrumbs";
import { TeamNav } from "../../../components/implementation-nav";
import { teamMeasurePaths } from "./paths";

/** The breadcrumbs (registration, team) and the team's sub-navigation at the top of each team page. */
export function TeamHeader({ team }: { team: { id: string; name: string; registrationId: string } }) {
  return (
    <>
      <Breadcrumbs
        items={[
          { to: `/implementation/${team.registrationId}`, text: "Programme implementation" },
          { to: teamMeasurePaths.team(team.id), text: team.name },
        ]}
      />
      <TeamNav teamId={team.id} registrationId={team.registrationId} />
    </>
  );
}
