import { Link, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import { TEAM_SETTING_LABELS } from "../../../../shared/implementation";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { TeamNav } from "../../../components/implementation-nav";
import { InsetText, WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useTeamHouse } from "../api/house";
import { HouseDrawing } from "../components/house-drawing";
import { BehindTag, housePaths, plannedInWords, StatusTag, weeksInWords } from "../components/house-words";

/** A team's house: the drawing, the recommended order with planned dates, out-of-order warnings and behind plan. */
export function TeamHousePage() {
  const { teamId = "" } = useParams();
  const query = useTeamHouse(teamId);
  const title = query.data ? `${query.data.team.name}: house` : "Team house";
  usePageTitle(title);

  if (query.isPending) return <LoadingPage title="Team house" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={
          isApiError(query.error, 404)
            ? "Team not found"
            : isApiError(query.error, 403)
              ? "You cannot see this team"
              : "Sorry, there is a problem"
        }
        message={query.error.message}
      />
    );
  }
  const house = query.data;
  const { team } = house;
  const sequence = house.modules
    .filter((m) => m.progress.sequence !== null)
    .sort((a, b) => (a.progress.sequence ?? 0) - (b.progress.sequence ?? 0));

  return (
    <>
      {/* The team pages' breadcrumb; this page is the team itself, so the trail stops at the registration. */}
      <Breadcrumbs
        items={[{ to: housePaths.registration(team.registrationId), text: "Programme implementation" }]}
      />
      <TeamNav teamId={team.id} registrationId={team.registrationId} />
      <span className="nhsuk-caption-l">
        {team.organisationName} · {house.programme.title}
      </span>
      <h1>{team.name}</h1>
      <p>
        {TEAM_SETTING_LABELS[team.setting]} team of {team.size}. Started on the programme on{" "}
        {formatCalendarDate(team.startedOn)}.
      </p>
      {house.behind ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Behind plan</WarningCallout.Heading>
          <p>
            At about the typical weeks a module takes, {team.name} would have finished more modules by now.
            The furthest behind is {weeksInWords(house.weeksBehind)} past its planned end.
          </p>
        </WarningCallout>
      ) : null}
      {house.warnings.length > 0 ? (
        <InsetText>
          <h2 className="nhsuk-heading-s">Modules started out of order</h2>
          <ul>
            {house.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </InsetText>
      ) : null}
      <p>
        {house.canEdit
          ? "Choose a module to record its status, dates and notes."
          : "Choose a module to see its status, dates and notes."}
      </p>
      <HouseDrawing house={house} />

      <h2>Recommended order</h2>
      <p>
        Foundation modules first, then process modules. The plan runs them back to back from the team's start
        date, each for its typical weeks. Guides stand beside the house and are not part of the order.
      </p>
      <ol className="nhsuk-list nhsuk-list--number">
        {sequence.map((module) => (
          <li key={module.id}>
            <Link to={housePaths.module(team.id, module.id)}>{module.title}</Link>{" "}
            <StatusTag status={module.progress.status} />{" "}
            {module.progress.behind ? <BehindTag weeks={module.progress.weeksBehind} /> : null}
            <br />
            <span className="nhsuk-body-s">
              Planned {plannedInWords(module.progress)} ({weeksInWords(module.typicalWeeks)})
            </span>
          </li>
        ))}
      </ol>
      <p>
        <Link to={housePaths.grid(team.registrationId)}>See every team's house</Link>
      </p>
    </>
  );
}
