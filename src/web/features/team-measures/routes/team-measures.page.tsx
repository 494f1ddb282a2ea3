import { Link, useParams } from "react-router";
import { MEASURE_FREQUENCY_LABELS } from "../../../../shared/projects";
import { ActionLink } from "../../../components/links";
import { InsetText } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { SpcIcons } from "../../../components/spc-chart";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useTeamMeasures } from "../api/team-measures";
import { teamMeasurePaths } from "../components/paths";
import { TeamHeader } from "../components/team-header";
import { latestWords } from "../components/words";

/** A team's measures: each with its module, latest value and chart icons; "Add a measure" for the team's editors. */
export function TeamMeasuresPage() {
  const { teamId = "" } = useParams();
  const query = useTeamMeasures(teamId);
  usePageTitle(query.data ? `Measures – ${query.data.team.name}` : "Team measures");

  if (query.isPending) return <LoadingPage title="Team measures" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Team not found" : "You cannot see this team's measures"}
        message={query.error.message}
      />
    );
  }
  const { team, measures, canEdit } = query.data;
  return (
    <>
      <TeamHeader team={team} />
      <span className="nhsuk-caption-l">{team.name}</span>
      <h1>Measures</h1>
      <p>
        Each measure is charted with statistical process control, with the dates the team started and
        completed modules marked on the chart. Choose which measures appear on the{" "}
        <Link to={teamMeasurePaths.board(team.id)}>"Knowing how we are doing" board</Link>.
      </p>
      {canEdit ? (
        <ActionLink to={teamMeasurePaths.create(team.id)}>Add a measure</ActionLink>
      ) : (
        <InsetText>
          <p>You can read these measures. Only the team leader and the programme lead can change them.</p>
        </InsetText>
      )}
      {measures.length === 0 ? (
        <p>The team has no measures yet.</p>
      ) : (
        <ul className="nhsuk-list">
          {measures.map((m) => (
            <li key={m.id} className="nhsuk-u-margin-bottom-6">
              <h2 className="nhsuk-heading-m nhsuk-u-margin-bottom-2">
                <Link to={teamMeasurePaths.measure(m.id)}>{m.title}</Link>
              </h2>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
                {m.moduleTitle ? `${m.moduleTitle}. ` : "The team's own measure. "}
                Collected {MEASURE_FREQUENCY_LABELS[m.frequency].toLowerCase()}.
                {m.onBoard ? " On the board." : ""}
              </p>
              <p className="nhsuk-u-margin-bottom-2">
                <strong>Latest:</strong> {latestWords(m.latest, m.unit)}
                {m.pointCount > 0 ? ` (${m.pointCount} ${m.pointCount === 1 ? "value" : "values"})` : ""}
              </p>
              {m.summary ? <SpcIcons summary={m.summary} /> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
