import { useState } from "react";
import { Link, useParams } from "react-router";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
} from "../../../../shared/projects";
import { RequestErrorSummary } from "../../../components/error-summary";
import { describeChart, RulesUsed } from "../../../components/measures/chart-words";
import { ValuesTable } from "../../../components/measures/values-table";
import { InsetText } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { SpcChart } from "../../../components/spc-chart";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useDeleteTeamPoint, useTeamMeasure } from "../api/team-measures";
import { teamMeasurePaths } from "../components/paths";
import { PointForm } from "../components/point-form";
import { TeamHeader } from "../components/team-header";
import { withUnit } from "../components/words";

/** One team measure: its chart with the team's module dates, what it shows, its values (editable by the team). */
export function TeamMeasurePage() {
  const { measureId = "" } = useParams();
  const query = useTeamMeasure(measureId);
  const deletePoint = useDeleteTeamPoint(measureId);
  const [message, setMessage] = useState<{ heading: string } | null>(null);
  usePageTitle(query.data ? `${query.data.measure.title} – ${query.data.team.name}` : "Measure");

  if (query.isPending) return <LoadingPage title="Measure" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Measure not found" : "You cannot see this measure"}
        message={query.error.message}
      />
    );
  }
  const { measure, team, analysis, points, annotations, canEdit } = query.data;

  return (
    <>
      <TeamHeader team={team} />
      {message ? <NotificationBanner key={message.heading} heading={message.heading} /> : null}
      <RequestErrorSummary error={deletePoint.error} />
      <span className="nhsuk-caption-l">
        {team.name}: {MEASURE_KIND_LABELS[measure.kind].toLowerCase()}
      </span>
      <h1>{measure.title}</h1>
      {measure.definition ? <p>{measure.definition}</p> : null}
      <p className="nhsuk-body-s">
        {measure.moduleTitle ? `Module: ${measure.moduleTitle}. ` : "The team's own measure. "}
        {IMPROVEMENT_DIRECTION_LABELS[measure.improvementDirection]}. Collected{" "}
        {MEASURE_FREQUENCY_LABELS[measure.frequency].toLowerCase()}.
        {measure.target !== null ? ` Target: ${withUnit(measure.target, measure.unit)}.` : " No target set."}
        {measure.onBoard ? " Shown on the team's board." : ""}
      </p>
      {canEdit ? (
        <ul className="nhsuk-list">
          <li>
            <Link to={teamMeasurePaths.importData(measure.id)}>Paste or upload data</Link>
          </li>
          <li>
            <Link to={teamMeasurePaths.settings(measure.id)}>Measure settings and board</Link>
          </li>
        </ul>
      ) : (
        <InsetText>
          <p>You can read this measure. Only the team leader and the programme lead can change it.</p>
        </InsetText>
      )}

      <h2>Chart</h2>
      {analysis ? (
        <>
          <h3>What this chart shows</h3>
          <p>{describeChart(query.data)}</p>
          <p>
            {annotations.some((a) => a.kind === "note")
              ? "The dashed upright lines mark when the team started and completed modules."
              : "The team has not started a module yet; module start dates will be marked on the chart."}
          </p>
          <SpcChart
            result={analysis}
            title={measure.title}
            unit={measure.unit}
            annotations={annotations}
            annotationsKey={
              annotations.some((a) => a.kind === "rebase")
                ? "Module starts and completions, and rebases"
                : "Module starts and completions"
            }
            target={measure.target}
          />
        </>
      ) : (
        <p>There are no values yet. Add a value below, or paste them from a spreadsheet.</p>
      )}

      <h2>Rules used for this chart</h2>
      <RulesUsed detail={query.data} />

      {canEdit ? (
        <>
          <h2>Add a value</h2>
          <PointForm measureId={measure.id} onDone={setMessage} />
        </>
      ) : null}

      <h2>Values</h2>
      <ValuesTable
        title={measure.title}
        points={points}
        canEdit={canEdit}
        deletePoint={deletePoint}
        editForm={(point, done, cancel) => (
          <PointForm measureId={measure.id} point={point} onDone={done} onCancel={cancel} />
        )}
        onMessage={setMessage}
      />
      <p>
        <Link to={teamMeasurePaths.list(team.id)}>Back to {team.name}'s measures</Link>
      </p>
    </>
  );
}
