import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import { type Measure, MeasureUpdateSchema, REBASE_MAX } from "../../../../shared/measures";
import { RULE_LENGTH_MAX, RULE_LENGTH_MIN } from "../../../../shared/spc/types";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
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
import { RULE_HINTS } from "../components/measure-words";
import { numberOrNull } from "../components/numbers";

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
  "baseline",
  "baselineEndOn",
  "rebaseDate",
  "rebaseReason",
  "rebaseOn",
] as const;

const LENGTHS = Array.from({ length: RULE_LENGTH_MAX - RULE_LENGTH_MIN + 1 }, (_, i) =>
  String(RULE_LENGTH_MIN + i),
);

function SettingsForm({ measure, projectId }: { measure: Measure; projectId: string }) {
  const navigate = useNavigate();
  const update = useUpdateMeasure(measure.id);
  const addNote = useAddAnnotation(measure.id);
  const remove = useDeleteMeasure(measure.id);
  const form = useFormErrors(FIELDS);
  const [details, setDetails] = useState<MeasureDetailsDraft>(() => measureDetailsDraft(measure));
  const [shiftLength, setShiftLength] = useState(String(measure.rules.shiftLength));
  const [trendLength, setTrendLength] = useState(String(measure.rules.trendLength));
  const [excludeOutliers, setExcludeOutliers] = useState(measure.rules.excludeMovingRangeOutliers);
  const [countBeyond, setCountBeyond] = useState(measure.rules.twoOfThreeCountsBeyondLimits);
  const [baseline, setBaseline] = useState(measure.baselineEndOn ? "fixed" : "not_fixed");
  const [baselineDate, setBaselineDate] = useState<DateParts>(
    measure.baselineEndOn ? datePartsFrom(measure.baselineEndOn) : emptyDateParts,
  );
  const [rebaseOn, setRebaseOn] = useState<string[]>(measure.rebaseOn);
  const [rebaseDate, setRebaseDate] = useState<DateParts>(emptyDateParts);
  const [rebaseReason, setRebaseReason] = useState("");
  const [confirmDelete, setConfirmDelete] = useState(false);
  usePageTitle("Chart settings", form.summary.length > 0);

  const addRebase = () => {
    const when = isoDateFrom(rebaseDate, "the date to recalculate the limits from");
    const errors: FieldErrors = {};
    if (when.date === undefined) errors.rebaseDate = when.error;
    else if (rebaseOn.includes(when.date))
      errors.rebaseDate = "The limits are already recalculated from that date";
    else if (rebaseOn.length >= REBASE_MAX)
      errors.rebaseDate = `Recalculate the limits at ${REBASE_MAX} dates or fewer`;
    if (rebaseReason.trim().length > 200) errors.rebaseReason = "Enter a reason of 200 characters or fewer";
    if (form.showFieldErrors(errors) || !when.date) return;
    const date = when.date;
    const keep = () => {
      setRebaseOn([...rebaseOn, date].sort());
      setRebaseDate(emptyDateParts);
      setRebaseReason("");
    };
    // A reason is kept as a note on the chart at that date; the rebase itself is saved with the settings.
    if (rebaseReason.trim()) {
      addNote.mutate(
        { date, label: rebaseReason.trim() },
        { onSuccess: keep, onError: (e) => form.showFailure(e) },
      );
    } else {
      keep();
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const targetValue = numberOrNull(details.target);
    const errors: FieldErrors = {};
    let baselineEndOn: string | null = null;
    if (baseline === "fixed") {
      const when = isoDateFrom(baselineDate, "the date the baseline ends");
      if (when.date === undefined) errors.baselineEndOn = when.error;
      else baselineEndOn = when.date;
    }
    const input = {
      ...details,
      target: targetValue,
      rules: {
        shiftLength: Number(shiftLength),
        trendLength: Number(trendLength),
        excludeMovingRangeOutliers: excludeOutliers,
        twoOfThreeCountsBeyondLimits: countBeyond,
      },
      baselineEndOn,
      rebaseOn,
    };
    const parsed = MeasureUpdateSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "rules" ? String(issue.path[1]) : String(issue.path[0]);
        errors[field] ??= issue.message;
      }
    }
    if (Number.isNaN(targetValue)) errors.target = "Enter the target as a number, like 2 or 95.5";
    if (form.showFieldErrors(errors) || !parsed.success) return;
    update.mutate(parsed.data, {
      onSuccess: () =>
        navigate(measurePaths.measure(projectId, measure.id), { state: flash("Chart settings saved") }),
      onError: (error) => form.showFailure(error),
    });
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

        <h2>Rules</h2>
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
          hint={RULE_HINTS.excludeMovingRangeOutliers}
          checked={excludeOutliers}
          onChange={setExcludeOutliers}
        />
        <Checkbox
          id="twoOfThreeCountsBeyondLimits"
          label="Count values beyond the limits in 'two out of three'"
          hint={RULE_HINTS.twoOfThreeCountsBeyondLimits}
          checked={countBeyond}
          onChange={setCountBeyond}
        />

        <h2>Baseline</h2>
        <Radios
          name="baseline"
          legend="Fix the baseline at"
          legendSize="s"
          hint="A fixed baseline sets the mean and limits from the values up to a date, so later values are judged against them."
          error={form.errors.baseline}
          value={baseline}
          onChange={setBaseline}
          options={[
            { value: "not_fixed", label: "Not fixed: use every value" },
            {
              value: "fixed",
              label: "A date",
              conditional: (
                <DateInput
                  id="baselineEndOn"
                  legend="The last date in the baseline"
                  hint="For example, 23 3 2026"
                  error={form.errors.baselineEndOn}
                  value={baselineDate}
                  onChange={setBaselineDate}
                />
              ),
            },
          ]}
        />

        <h2>Recalculate the limits</h2>
        <p>
          After a change that has lasted, recalculate the limits from the date it started, so the chart judges
          new data against the new process.
        </p>
        {form.errors.rebaseOn ? <p className="nhsuk-error-message">{form.errors.rebaseOn}</p> : null}
        {rebaseOn.length === 0 ? (
          <p id="rebaseOn">The limits are not recalculated.</p>
        ) : (
          <ul className="nhsuk-list" id="rebaseOn">
            {rebaseOn.map((date) => (
              <li key={date}>
                Recalculated from {formatCalendarDate(date)}{" "}
                <Button
                  type="button"
                  variant="secondary"
                  small
                  onClick={() => setRebaseOn(rebaseOn.filter((d) => d !== date))}
                >
                  Remove<span className="nhsuk-u-visually-hidden"> {formatCalendarDate(date)}</span>
                </Button>
              </li>
            ))}
          </ul>
        )}
        <DateInput
          id="rebaseDate"
          legend="Recalculate the limits from"
          hint="For example, 30 3 2026"
          error={form.errors.rebaseDate}
          value={rebaseDate}
          onChange={setRebaseDate}
        />
        <TextInput
          id="rebaseReason"
          label="Reason (optional)"
          hint="Shown as a note on the chart, for example: protected drug rounds started."
          error={form.errors.rebaseReason}
          value={rebaseReason}
          onChange={setRebaseReason}
        />
        <Button type="button" variant="secondary" busy={addNote.isPending} onClick={addRebase}>
          Add this date
        </Button>
        <p className="nhsuk-body-s">Dates you add or remove are kept when you save the settings.</p>

        <Button busy={update.isPending}>Save settings</Button>
      </form>

      <h2>Delete this measure</h2>
      <p>This deletes the measure with all its values and notes. It cannot be undone.</p>
      {confirmDelete ? (
        <div className="nhsuk-button-group">
          <Button
            type="button"
            variant="warning"
            busy={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () =>
                  navigate(measurePaths.project(projectId), {
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
