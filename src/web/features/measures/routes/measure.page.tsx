import { useState } from "react";
import { Link, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import type { MeasureDetail } from "../../../../shared/measures";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
} from "../../../../shared/projects";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { InsetText, SummaryList } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { SpcChart } from "../../../components/spc-chart";
import { isApiError } from "../../../lib/api-client";
import type { FlashState } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useDeleteAnnotation, useDeletePoint, useMeasure } from "../api/measures";
import { measurePaths } from "../components/measure-paths";
import { PointForm } from "../components/point-form";

/** Words for a value with its unit: "6 per 100", "45%". */
function withUnit(value: number, unit: string): string {
  if (!unit) return String(value);
  return unit.startsWith("%") ? `${value}${unit}` : `${value} ${unit}`;
}

/** A plain-English paragraph saying what the chart covers and what it found. */
function describeChart(detail: MeasureDetail): string {
  const { analysis, points, measure } = detail;
  if (!analysis || points.length === 0) return "";
  const first = points[0];
  const last = points.at(-1);
  const segments = analysis.summary.segmentStarts.length;
  const latest = analysis.points.at(-1);
  const flagged = analysis.points.filter((p) => p.specialCause !== null).length;
  const parts = [
    `${points.length} ${points.length === 1 ? "value" : "values"} from ${first ? formatCalendarDate(first.date) : ""} to ${last ? formatCalendarDate(last.date) : ""}.`,
    segments > 1
      ? `The limits are recalculated ${segments - 1} ${segments === 2 ? "time" : "times"}, so the chart has ${segments} parts, each with its own mean.`
      : "",
    latest
      ? `The latest mean is ${Math.round(latest.mean * 100) / 100}${measure.unit ? ` ${measure.unit}` : ""}.`
      : "",
    flagged > 0
      ? `${flagged} ${flagged === 1 ? "value is" : "values are"} part of a special cause pattern.`
      : "No value is part of a special cause pattern.",
    analysis.summary.variationText,
  ];
  return parts.filter(Boolean).join(" ");
}

function RulesUsed({ detail }: { detail: MeasureDetail }) {
  const rules = detail.analysis?.summary.rules ?? detail.measure.rules;
  const { baselineEndOn, rebaseOn } = detail.measure;
  return (
    <SummaryList>
      <SummaryList.Row>
        <SummaryList.Key>Shift</SummaryList.Key>
        <SummaryList.Value>{rules.shiftLength} values in a row on one side of the mean</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Trend</SummaryList.Key>
        <SummaryList.Value>{rules.trendLength} values in a row going up, or going down</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Large jumps</SummaryList.Key>
        <SummaryList.Value>
          {rules.excludeMovingRangeOutliers
            ? "Left out when setting the limits"
            : "Included when setting the limits"}
        </SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Two out of three</SummaryList.Key>
        <SummaryList.Value>
          {rules.twoOfThreeCountsBeyondLimits
            ? "Values beyond the limits count"
            : "Only values between the two-sigma line and the limit count"}
        </SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Baseline</SummaryList.Key>
        <SummaryList.Value>
          {baselineEndOn ? `Fixed at ${formatCalendarDate(baselineEndOn)}` : "Not fixed: every value counts"}
        </SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Limits recalculated from</SummaryList.Key>
        <SummaryList.Value>
          {rebaseOn.length ? rebaseOn.map(formatCalendarDate).join(", ") : "Not recalculated"}
        </SummaryList.Value>
      </SummaryList.Row>
    </SummaryList>
  );
}

/** One measure: its chart, what it shows, the rules used, its data (editable by the team) and its notes. */
export function MeasurePage() {
  const { projectId = "", measureId = "" } = useParams();
  const query = useMeasure(measureId);
  const deletePoint = useDeletePoint(measureId);
  const deleteNote = useDeleteAnnotation(measureId);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  // Messages from other pages (router state) are shown by the layout; this one is for changes made here.
  const [message, setMessage] = useState<FlashState["flash"] | null>(null);
  const title = query.data?.measure.title ?? "Measure";
  usePageTitle(title);

  if (query.isPending) return <LoadingPage title="Measure" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Measure not found" : "Sorry, there is a problem"}
        message={
          isApiError(query.error, 404)
            ? "This measure does not exist, or its project is not shared with you."
            : query.error.message
        }
      >
        <p>
          <Link to={measurePaths.project(projectId)}>Back to the project</Link>
        </p>
      </ProblemPage>
    );
  }
  const detail = query.data;
  const { measure, analysis, points, annotations, myAccess } = detail;
  const canEdit = myAccess.canEdit;
  const pointsByDate = [...points].reverse();

  return (
    <>
      <Breadcrumbs items={[{ to: measurePaths.project(projectId), text: detail.project.title }]} />
      {message ? (
        <NotificationBanner key={message.heading} heading={message.heading}>
          {message.body ? <p>{message.body}</p> : null}
        </NotificationBanner>
      ) : null}
      <RequestErrorSummary error={deletePoint.error ?? deleteNote.error} />
      <span className="nhsuk-caption-l">{MEASURE_KIND_LABELS[measure.kind]}</span>
      <h1>{measure.title}</h1>
      {measure.definition ? <p>{measure.definition}</p> : null}
      <p className="nhsuk-body-s">
        {IMPROVEMENT_DIRECTION_LABELS[measure.improvementDirection]}. Collected{" "}
        {MEASURE_FREQUENCY_LABELS[measure.frequency].toLowerCase()}.
        {measure.target !== null ? ` Target: ${withUnit(measure.target, measure.unit)}.` : " No target set."}
      </p>
      {canEdit ? (
        <ul className="nhsuk-list">
          <li>
            <Link to={measurePaths.importData(projectId, measureId)}>Paste or upload data</Link>
          </li>
          <li>
            <Link to={measurePaths.settings(projectId, measureId)}>Chart settings</Link>
          </li>
          <li>
            <Link to={measurePaths.addNote(projectId, measureId)}>Add a note to the chart</Link>
          </li>
        </ul>
      ) : (
        <InsetText>
          <p>You can read this measure. Only the project team can change it.</p>
        </InsetText>
      )}

      <h2>Chart</h2>
      {analysis ? (
        <>
          <h3>What this chart shows</h3>
          <p>{describeChart(detail)}</p>
          <SpcChart
            result={analysis}
            title={measure.title}
            unit={measure.unit}
            annotations={detail.chartAnnotations}
            target={measure.target}
          />
        </>
      ) : (
        <p>There is no data yet. Add a value below, or paste it from a spreadsheet.</p>
      )}

      <h2>Rules used for this chart</h2>
      <RulesUsed detail={detail} />

      <h2>Data</h2>
      {points.length === 0 ? (
        <p>No values yet.</p>
      ) : (
        <div className="app-table-scroll" style={{ overflowX: "auto" }}>
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
              {pointsByDate.map((point) =>
                editing === point.id ? (
                  <tr className="nhsuk-table__row" key={point.id}>
                    <td className="nhsuk-table__cell" colSpan={4}>
                      <h3 className="nhsuk-heading-s">
                        Change the value for {formatCalendarDate(point.date)}
                      </h3>
                      <PointForm
                        measureId={measureId}
                        point={point}
                        onDone={(done) => {
                          setEditing(null);
                          setMessage(done);
                        }}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr className="nhsuk-table__row" key={point.id}>
                    <td className="nhsuk-table__cell">{formatCalendarDate(point.date)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{point.value}</td>
                    <td className="nhsuk-table__cell">{point.note}</td>
                    {canEdit ? (
                      <td className="nhsuk-table__cell">
                        {confirming === point.id ? (
                          <div className="nhsuk-button-group">
                            <Button
                              type="button"
                              variant="warning"
                              small
                              busy={deletePoint.isPending}
                              onClick={() =>
                                deletePoint.mutate(point.id, {
                                  onSuccess: () => {
                                    setConfirming(null);
                                    setMessage({
                                      heading: `The value for ${formatCalendarDate(point.date)} has been deleted`,
                                    });
                                  },
                                })
                              }
                            >
                              Yes, delete
                              <span className="nhsuk-u-visually-hidden">
                                {" "}
                                the value for {formatCalendarDate(point.date)}
                              </span>
                            </Button>
                            <Button
                              type="button"
                              variant="secondary"
                              small
                              onClick={() => setConfirming(null)}
                            >
                              Cancel
                            </Button>
                          </div>
                        ) : (
                          <div className="nhsuk-button-group">
                            <Button
                              type="button"
                              variant="secondary"
                              small
                              onClick={() => setEditing(point.id)}
                            >
                              Change
                              <span className="nhsuk-u-visually-hidden">
                                {" "}
                                the value for {formatCalendarDate(point.date)}
                              </span>
                            </Button>
                            <Button
                              type="button"
                              variant="secondary"
                              small
                              onClick={() => setConfirming(point.id)}
                            >
                              Delete
                              <span className="nhsuk-u-visually-hidden">
                                {" "}
                                the value for {formatCalendarDate(point.date)}
                              </span>
                            </Button>
                          </div>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}

      {canEdit ? (
        <>
          <h2>Add a value</h2>
          <PointForm measureId={measureId} onDone={setMessage} />
        </>
      ) : null}

      <h2>Notes on the chart</h2>
      {annotations.length === 0 ? (
        <p>No notes yet. PDSA cycles of the project are marked on the chart at their start dates.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {annotations.map((note) => (
            <li key={note.id}>
              {formatCalendarDate(note.date)}: {note.label}{" "}
              {canEdit ? (
                <Button
                  type="button"
                  variant="secondary"
                  small
                  busy={deleteNote.isPending}
                  onClick={() =>
                    deleteNote.mutate(note.id, {
                      onSuccess: () => setMessage({ heading: "The note has been removed" }),
                    })
                  }
                >
                  Remove<span className="nhsuk-u-visually-hidden"> the note {note.label}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
