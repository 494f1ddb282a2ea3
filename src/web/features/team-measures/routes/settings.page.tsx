import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { TeamMeasure } from "../../../../shared/implementation-measures";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import {
  CHART_SETTINGS_FIELDS,
  ChartSettingsFields,
  chartSettingsDraft,
  readChartSettings,
} from "../../../components/measures/chart-settings-fields";
import { DeleteMeasure } from "../../../components/measures/delete-measure";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useDeleteTeamMeasure, useTeamMeasure, useUpdateTeamMeasure } from "../api/team-measures";
import { checkDraft } from "../components/draft";
import { type MeasureDraft, MeasureFields, measureDraft } from "../components/measure-fields";
import { teamMeasurePaths } from "../components/paths";
import { TeamHeader } from "../components/team-header";

const FIELDS = [
  "kind",
  "title",
  "definition",
  "unit",
  "improvementDirection",
  "frequency",
  "target",
  "onBoard",
  ...CHART_SETTINGS_FIELDS,
] as const;

/** The rule checkboxes' hints on a team measure's settings. */
const RULE_HINTS = {
  excludeMovingRangeOutliers: "So one unusual week does not widen the limits.",
  twoOfThreeCountsBeyondLimits:
    "As NHS England's tools do. Untick to count only values between the two-sigma line and the limit.",
};

function SettingsForm({ measure, teamId }: { measure: TeamMeasure; teamId: string }) {
  const navigate = useNavigate();
  const update = useUpdateTeamMeasure(measure.id);
  const remove = useDeleteTeamMeasure(measure.id);
  const form = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<MeasureDraft>(() => measureDraft(measure));
  const [chart, setChart] = useState(() => chartSettingsDraft(measure));
  const [onBoard, setOnBoard] = useState(measure.onBoard);
  usePageTitle(`Settings – ${measure.title}`, form.summary.length > 0);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft);
    const chartSettings = readChartSettings(chart);
    const errors = { ...checked.errors, ...chartSettings.errors };
    if (form.showFieldErrors(errors) || !checked.value || !chartSettings.value) return;
    const { houseModuleId: _module, ...details } = checked.value;
    update.mutate(
      { ...details, ...chartSettings.value, onBoard },
      {
        onSuccess: (saved) =>
          navigate(teamMeasurePaths.measure(saved.id), {
            state: flash("The measure's settings have been saved"),
          }),
        onError: (error) => form.showFailure(error),
      },
    );
  };

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <RequestErrorSummary error={remove.error} />
      <span className="nhsuk-caption-l">{measure.title}</span>
      <h1>Measure settings</h1>
      <form onSubmit={save} noValidate>
        <h2>Details</h2>
        <MeasureFields
          draft={draft}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          errors={form.errors}
        />
        <h2>Board</h2>
        <Checkbox
          id="onBoard"
          label="Show on the board"
          hint={`The team's "Knowing how we are doing" board shows up to 12 measures.`}
          error={form.errors.onBoard}
          checked={onBoard}
          onChange={setOnBoard}
        />
        <ChartSettingsFields
          draft={chart}
          onChange={(patch) => setChart((c) => ({ ...c, ...patch }))}
          form={form}
          rulesHeading="Chart rules"
          ruleHints={RULE_HINTS}
        />
        <Button busy={update.isPending}>Save settings</Button>
      </form>

      <DeleteMeasure
        what="all its values"
        remove={remove}
        onDeleted={() =>
          navigate(teamMeasurePaths.list(teamId), { state: flash(`${measure.title} has been deleted`) })
        }
      />
    </>
  );
}

/** A team measure's details, target, place on the board and chart settings (rules, fixed baseline, rebases); and deleting it. */
export function TeamMeasureSettingsPage() {
  const { measureId = "" } = useParams();
  const query = useTeamMeasure(measureId);
  if (query.isPending) return <LoadingPage title="Measure settings" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Measure not found" : "You cannot see this measure"}
        message={query.error.message}
      />
    );
  }
  const { measure, canEdit, team } = query.data;
  if (!canEdit) {
    return (
      <ProblemPage
        title="You cannot change this measure"
        message="Only the team leader and the programme lead can change its settings."
      >
        <p>
          <Link to={teamMeasurePaths.measure(measureId)}>Back to {measure.title}</Link>
        </p>
      </ProblemPage>
    );
  }
  return (
    <>
      <TeamHeader team={team} />
      <SettingsForm key={measure.dataVersion} measure={measure} teamId={team.id} />
    </>
  );
}
