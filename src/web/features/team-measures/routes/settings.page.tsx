import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { TeamMeasure } from "../../../../shared/implementation-measures";
import { RULE_LENGTH_MAX, RULE_LENGTH_MIN } from "../../../../shared/spc/types";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Select } from "../../../components/select";
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
  "shiftLength",
  "trendLength",
  "onBoard",
] as const;

const LENGTHS = Array.from({ length: RULE_LENGTH_MAX - RULE_LENGTH_MIN + 1 }, (_, i) =>
  String(RULE_LENGTH_MIN + i),
);

function SettingsForm({ measure, teamId }: { measure: TeamMeasure; teamId: string }) {
  const navigate = useNavigate();
  const update = useUpdateTeamMeasure(measure.id);
  const remove = useDeleteTeamMeasure(measure.id);
  const form = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<MeasureDraft>(() => measureDraft(measure));
  const [shiftLength, setShiftLength] = useState(String(measure.rules.shiftLength));
  const [trendLength, setTrendLength] = useState(String(measure.rules.trendLength));
  const [excludeOutliers, setExcludeOutliers] = useState(measure.rules.excludeMovingRangeOutliers);
  const [countBeyond, setCountBeyond] = useState(measure.rules.twoOfThreeCountsBeyondLimits);
  const [onBoard, setOnBoard] = useState(measure.onBoard);
  const [confirmDelete, setConfirmDelete] = useState(false);
  usePageTitle(`Settings – ${measure.title}`, form.summary.length > 0);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft);
    if (form.showFieldErrors(checked.errors) || !checked.value) return;
    const { houseModuleId: _module, ...details } = checked.value;
    update.mutate(
      {
        ...details,
        rules: {
          shiftLength: Number(shiftLength),
          trendLength: Number(trendLength),
          excludeMovingRangeOutliers: excludeOutliers,
          twoOfThreeCountsBeyondLimits: countBeyond,
        },
        onBoard,
      },
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
        <h2>Chart rules</h2>
        <p>Special cause variation is flagged when the data shows a pattern unlikely to happen by chance.</p>
        <Select
          id="shiftLength"
          label="Shift: how many values in a row on one side of the mean"
          hint="6 is the NHS England default; older tools use 7."
          error={form.errors.shiftLength}
          value={shiftLength}
          onChange={setShiftLength}
          options={LENGTHS.map((n) => ({ value: n, label: n }))}
        />
        <Select
          id="trendLength"
          label="Trend: how many values in a row going up, or going down"
          hint="6 is the NHS England default."
          error={form.errors.trendLength}
          value={trendLength}
          onChange={setTrendLength}
          options={LENGTHS.map((n) => ({ value: n, label: n }))}
        />
        <Checkbox
          id="excludeMovingRangeOutliers"
          label="Leave out very large jumps when setting the limits"
          hint="So one unusual week does not widen the limits."
          checked={excludeOutliers}
          onChange={setExcludeOutliers}
        />
        <Checkbox
          id="twoOfThreeCountsBeyondLimits"
          label="Count values beyond the limits in 'two out of three'"
          hint="As NHS England's tools do. Untick to count only values between the two-sigma line and the limit."
          checked={countBeyond}
          onChange={setCountBeyond}
        />
        <Button busy={update.isPending}>Save settings</Button>
      </form>

      <h2>Delete this measure</h2>
      <p>This deletes the measure with all its values. It cannot be undone.</p>
      {confirmDelete ? (
        <div className="nhsuk-button-group">
          <Button
            type="button"
            variant="warning"
            busy={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () =>
                  navigate(teamMeasurePaths.list(teamId), {
                    state: flash(`${measure.title} has been deleted`),
                  }),
              })
            }
          >
            Yes, delete this measure
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirmDelete(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="warning" onClick={() => setConfirmDelete(true)}>
          Delete measure
        </Button>
      )}
    </>
  );
}

/** A team measure's details, target, chart rules and place on the board; and deleting it. */
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
