import { useState } from "react";
import { Link, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
} from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
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
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
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
  const newestFirst = [...points].reverse();

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
          <p>
            {annotations.length > 0
              ? "The dashed upright lines mark when the team started and completed modules."
              : "The team has not started a module yet; module start dates will be marked on the chart."}
          </p>
          <SpcChart
            result={analysis}
            title={measure.title}
            unit={measure.unit}
            annotations={annotations}
            annotationsKey="Module starts and completions"
            target={measure.target}
          />
        </>
      ) : (
        <p>There are no values yet. Add a value below, or paste them from a spreadsheet.</p>
      )}

      {canEdit ? (
        <>
          <h2>Add a value</h2>
          <PointForm measureId={measure.id} onDone={setMessage} />
        </>
      ) : null}

      <h2>Values</h2>
      {points.length === 0 ? (
        <p>No values yet.</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">Values of {measure.title}, newest first</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Date
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  Value
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Note
                </th>
                {canEdit ? (
                  <th scope="col" className="nhsuk-table__header">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {newestFirst.map((point) => {
                const when = formatCalendarDate(point.date);
                if (editing === point.id) {
                  return (
                    <tr className="nhsuk-table__row" key={point.id}>
                      <td className="nhsuk-table__cell" colSpan={4}>
                        <h3 className="nhsuk-heading-s">Change the value for {when}</h3>
                        <PointForm
                          measureId={measure.id}
                          point={point}
                          onDone={(done) => {
                            setEditing(null);
                            setMessage(done);
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      </td>
                    </tr>
                  );
                }
                return (
                  <tr className="nhsuk-table__row" key={point.id}>
                    <td className="nhsuk-table__cell">{when}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{point.value}</td>
                    <td className="nhsuk-table__cell">{point.note}</td>
                    {canEdit ? (
                      <td className="nhsuk-table__cell">
                        <div className="nhsuk-button-group">
                          {confirming === point.id ? (
                            <>
                              <Button
                                type="button"
                                variant="warning"
                                small
                                busy={deletePoint.isPending}
                                onClick={() =>
                                  deletePoint.mutate(point.id, {
                                    onSuccess: () => {
                                      setConfirming(null);
                                      setMessage({ heading: `The value for ${when} has been deleted` });
                                    },
                                  })
                                }
                              >
                                Yes, delete
                                <span className="nhsuk-u-visually-hidden"> the value for {when}</span>
                              </Button>
                              <Button
                                type="button"
                                variant="secondary"
                                small
                                onClick={() => setConfirming(null)}
                              >
                                Cancel
                              </Button>
                            </>
                          ) : (
                            <>
                              <Button
                                type="button"
                                variant="secondary"
                                small
                                onClick={() => setEditing(point.id)}
                              >
                                Change<span className="nhsuk-u-visually-hidden"> the value for {when}</span>
                              </Button>
                              <Button
                                type="button"
                                variant="secondary"
                                small
                                onClick={() => setConfirming(point.id)}
                              >
                                Delete<span className="nhsuk-u-visually-hidden"> the value for {when}</span>
                              </Button>
                            </>
                          )}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to={teamMeasurePaths.list(team.id)}>Back to {team.name}'s measures</Link>
      </p>
    </>
  );
}
