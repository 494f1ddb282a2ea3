import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { type Measure, MeasureUpdateSchema } from "../../../../shared/measures";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import {
  CHART_SETTINGS_FIELDS,
  ChartSettingsFields,
  chartSettingsDraft,
  readChartSettings,
} from "../../../components/measures/chart-settings-fields";
import { DeleteMeasure } from "../../../components/measures/delete-measure";
import { numberOrNull } from "../../../components/measures/numbers";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddAnnotation, useDeleteMeasure, useMeasure, useUpdateMeasure } from "../api/measures";
import {
  type MeasureDetailsDraft,
  MeasureDetailsFields,
  measureDetailsDraft,
} from "../components/measure-details-fields";
import { measurePaths } from "../components/measure-paths";

const FIELDS = [
  "kind",
  "title",
  "definition",
  "unit",
  "improvementDirection",
  "frequency",
  "target",
  ...CHART_SETTINGS_FIELDS,
] as const;

function SettingsForm({ measure, projectId }: { measure: Measure; projectId: string }) {
  const navigate = useNavigate();
  const update = useUpdateMeasure(measure.id);
  const addNote = useAddAnnotation(measure.id);
  const remove = useDeleteMeasure(measure.id);
  const form = useFormErrors(FIELDS);
  const [details, setDetails] = useState<MeasureDetailsDraft>(() => measureDetailsDraft(measure));
  const [chart, setChart] = useState(() => chartSettingsDraft(measure));
  usePageTitle("Chart settings", form.summary.length > 0);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const targetValue = numberOrNull(details.target);
    const chartSettings = readChartSettings(chart);
    const errors: FieldErrors = { ...chartSettings.errors };
    const parsed = MeasureUpdateSchema.safeParse({ ...details, target: targetValue });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    }
    if (Number.isNaN(targetValue)) errors.target = "Enter the target as a number, like 2 or 95.5";
    if (form.showFieldErrors(errors) || !parsed.success || !chartSettings.value) return;
    update.mutate(
      { ...parsed.data, ...chartSettings.value },
      {
        onSuccess: () =>
          navigate(measurePaths.measure(projectId, measure.id), { state: flash("Chart settings saved") }),
        onError: (error) => form.showFailure(error),
      },
    );
  };

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <RequestErrorSummary error={remove.error} />
      <h1>Chart settings</h1>
      <form onSubmit={save} noValidate>
        <h2>Details</h2>
        <MeasureDetailsFields
          draft={details}
          onChange={(patch) => setDetails((d) => ({ ...d, ...patch }))}
          errors={form.errors}
          legendSize="s"
        />

        <ChartSettingsFields
          draft={chart}
          onChange={(patch) => setChart((c) => ({ ...c, ...patch }))}
          form={form}
          addNote={addNote}
        />

        <Button busy={update.isPending}>Save settings</Button>
      </form>

      <DeleteMeasure
        what="all its values and notes"
        remove={remove}
        onDeleted={() =>
          navigate(measurePaths.project(projectId), { state: flash(`${measure.title} has been deleted`) })
        }
      />
    </>
  );
}

/** A measure's details and chart settings: rules, fixed baseline, rebases; and deleting it. */
export function MeasureSettingsPage() {
  const { projectId = "", measureId = "" } = useParams();
  const query = useMeasure(measureId);
  if (query.isPending) return <LoadingPage title="Chart settings" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Measure not found" : "Sorry, there is a problem"}
        message={query.error.message}
      />
    );
  }
  const { measure, myAccess, project } = query.data;
  if (!myAccess.canEdit) {
    return (
      <ProblemPage
        title="You cannot change this measure"
        message="Only the project team can change its settings."
      >
        <p>
          <Link to={measurePaths.measure(projectId, measureId)}>Back to {measure.title}</Link>
        </p>
      </ProblemPage>
    );
  }
  return (
    <>
      <Breadcrumbs
        items={[
          { to: measurePaths.project(projectId), text: project.title },
          { to: measurePaths.measure(projectId, measureId), text: measure.title },
        ]}
      />
      <SettingsForm key={measure.dataVersion} measure={measure} projectId={projectId} />
    </>
  );
}
