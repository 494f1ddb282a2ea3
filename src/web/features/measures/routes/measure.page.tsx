import { useState } from "react";
import { Link, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  MEASURE_FREQUENCY_LABELS,
  MEASURE_KIND_LABELS,
} from "../../../../shared/projects";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { describeChart, RulesUsed } from "../../../components/measures/chart-words";
import { ValuesTable } from "../../../components/measures/values-table";
import { InsetText } from "../../../components/nhs";
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

/** One measure: its chart, what it shows, the rules used, its data (editable by the team) and its notes. */
export function MeasurePage() {
  const { projectId = "", measureId = "" } = useParams();
  const query = useMeasure(measureId);
  const deletePoint = useDeletePoint(measureId);
  const deleteNote = useDeleteAnnotation(measureId);
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
      <ValuesTable
        title={measure.title}
        points={points}
        canEdit={canEdit}
        deletePoint={deletePoint}
        editForm={(point, done, cancel) => (
          <PointForm measureId={measureId} point={point} onDone={done} onCancel={cancel} />
        )}
        onMessage={setMessage}
      />

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
