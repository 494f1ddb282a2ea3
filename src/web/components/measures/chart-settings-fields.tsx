import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { formatCalendarDate } from "../../../shared/dates";
import {
  type AnnotationCreateInput,
  type MeasureUpdateInput,
  MeasureUpdateSchema,
  REBASE_MAX,
} from "../../../shared/measures";
import { RULE_LENGTH_MAX, RULE_LENGTH_MIN, type SpcRules } from "../../../shared/spc/types";
import type { FieldErrors } from "../../lib/form-errors";
import type { FormErrors } from "../../lib/use-form-errors";
import { Button } from "../button";
import { Checkbox } from "../checkbox";
import { DateInput, type DateParts, datePartsFrom, emptyDateParts, isoDateFrom } from "../date-input";
import { Radios } from "../radios";
import { Select } from "../select";
import { TextInput } from "../text-input";

/** The ids of the chart settings' fields, in page order, for a form's error summary. */
export const CHART_SETTINGS_FIELDS = [
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

/** A measure's chart settings as chosen on the page: rules, a fixed baseline and the rebase dates. */
export interface ChartSettingsDraft {
  shiftLength: string;
  trendLength: string;
  excludeOutliers: boolean;
  countBeyond: boolean;
  baseline: string;
  baselineDate: DateParts;
  rebaseOn: string[];
}

/** A measure's chart settings as a draft. */
export function chartSettingsDraft(measure: {
  rules: SpcRules;
  baselineEndOn: string | null;
  rebaseOn: string[];
}): ChartSettingsDraft {
  return {
    shiftLength: String(measure.rules.shiftLength),
    trendLength: String(measure.rules.trendLength),
    excludeOutliers: measure.rules.excludeMovingRangeOutliers,
    countBeyond: measure.rules.twoOfThreeCountsBeyondLimits,
    baseline: measure.baselineEndOn ? "fixed" : "not_fixed",
    baselineDate: measure.baselineEndOn ? datePartsFrom(measure.baselineEndOn) : emptyDateParts,
    rebaseOn: measure.rebaseOn,
  };
}

const ChartSettingsSchema = MeasureUpdateSchema.pick({ rules: true, baselineEndOn: true, rebaseOn: true });
/** The chart settings of a measure's update request. */
export type ChartSettingsInput = Required<Pick<MeasureUpdateInput, "rules" | "baselineEndOn" | "rebaseOn">>;

/** Checks the chart settings as the server will: the request fields, or the errors by field id. */
export function readChartSettings(draft: ChartSettingsDraft): {
  value: ChartSettingsInput | null;
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  let baselineEndOn: string | null = null;
  if (draft.baseline === "fixed") {
    const when = isoDateFrom(draft.baselineDate, "the date the baseline ends");
    if (when.date === undefined) errors.baselineEndOn = when.error;
    else baselineEndOn = when.date;
  }
  const parsed = ChartSettingsSchema.safeParse({
    rules: {
      shiftLength: Number(draft.shiftLength),
      trendLength: Number(draft.trendLength),
      excludeMovingRangeOutliers: draft.excludeOutliers,
      twoOfThreeCountsBeyondLimits: draft.countBeyond,
    },
    baselineEndOn,
    rebaseOn: draft.rebaseOn,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "rules" ? String(issue.path[1]) : String(issue.path[0]);
      errors[field] ??= issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { value: null, errors };
  const { rules, rebaseOn } = parsed.data;
  if (!rules || !rebaseOn) return { value: null, errors };
  return { value: { rules, baselineEndOn: parsed.data.baselineEndOn ?? null, rebaseOn }, errors };
}

/** Plain-English hints for the two rule checkboxes (a project's chart settings). */
export const RULE_HINTS = {
  excludeMovingRangeOutliers:
    "Leave out very large jumps between neighbouring values when setting the limits, so one unusual week does not widen them.",
  twoOfThreeCountsBeyondLimits:
    "Count values beyond the process limits towards 'two out of three near a limit' (as NHS England's tools do). Untick to count only values between the two-sigma line and the limit.",
};

/**
 * A measure's chart settings (a project's or a team's) inside its settings form: the rules, "Baseline" (fixed at a
 * date or not) and "Recalculate the limits" (rebase dates, added and removed here and saved with the form). With
 * `addNote` (a project measure), a rebase's reason is kept at once as a note on the chart at that date.
 */
export function ChartSettingsFields({
  draft,
  onChange,
  form,
  rulesHeading = "Rules",
  ruleHints = RULE_HINTS,
  addNote,
}: {
  draft: ChartSettingsDraft;
  onChange: (patch: Partial<ChartSettingsDraft>) => void;
  form: FormErrors;
  rulesHeading?: string;
  ruleHints?: typeof RULE_HINTS;
  addNote?: UseMutationResult<unknown, Error, AnnotationCreateInput>;
}) {
  const [rebaseDate, setRebaseDate] = useState<DateParts>(emptyDateParts);
  const [rebaseReason, setRebaseReason] = useState("");
  const { rebaseOn } = draft;

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
      onChange({ rebaseOn: [...rebaseOn, date].sort() });
      setRebaseDate(emptyDateParts);
      setRebaseReason("");
    };
    // A reason is kept as a note on the chart at that date; the rebase itself is saved with the settings.
    if (addNote && rebaseReason.trim()) {
      addNote.mutate(
        { date, label: rebaseReason.trim() },
        { onSuccess: keep, onError: (e) => form.showFailure(e) },
      );
    } else {
      keep();
    }
  };

  return (
    <>
      <h2>{rulesHeading}</h2>
      <p>Special cause variation is flagged when the data shows a pattern unlikely to happen by chance.</p>
      <Select
        id="shiftLength"
        label="Shift: how many values in a row on one side of the mean"
        hint="6 is the NHS England default; older tools use 7."
        error={form.errors.shiftLength}
        value={draft.shiftLength}
        onChange={(shiftLength) => onChange({ shiftLength })}
        options={LENGTHS.map((n) => ({ value: n, label: n }))}
      />
      <Select
        id="trendLength"
        label="Trend: how many values in a row going up, or going down"
        hint="6 is the NHS England default."
        error={form.errors.trendLength}
        value={draft.trendLength}
        onChange={(trendLength) => onChange({ trendLength })}
        options={LENGTHS.map((n) => ({ value: n, label: n }))}
      />
      <Checkbox
        id="excludeMovingRangeOutliers"
        label="Leave out very large jumps when setting the limits"
        hint={ruleHints.excludeMovingRangeOutliers}
        checked={draft.excludeOutliers}
        onChange={(excludeOutliers) => onChange({ excludeOutliers })}
      />
      <Checkbox
        id="twoOfThreeCountsBeyondLimits"
        label="Count values beyond the limits in 'two out of three'"
        hint={ruleHints.twoOfThreeCountsBeyondLimits}
        checked={draft.countBeyond}
        onChange={(countBeyond) => onChange({ countBeyond })}
      />

      <h2>Baseline</h2>
      <Radios
        name="baseline"
        legend="Fix the baseline at"
        legendSize="s"
        hint="A fixed baseline sets the mean and limits from the values up to a date, so later values are judged against them."
        error={form.errors.baseline}
        value={draft.baseline}
        onChange={(baseline) => onChange({ baseline })}
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
                value={draft.baselineDate}
                onChange={(baselineDate) => onChange({ baselineDate })}
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
                onClick={() => onChange({ rebaseOn: rebaseOn.filter((d) => d !== date) })}
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
      {addNote ? (
        <TextInput
          id="rebaseReason"
          label="Reason (optional)"
          hint="Shown as a note on the chart, for example: protected drug rounds started."
          error={form.errors.rebaseReason}
          value={rebaseReason}
          onChange={setRebaseReason}
        />
      ) : null}
      <Button type="button" variant="secondary" busy={addNote?.isPending ?? false} onClick={addRebase}>
        Add this date
      </Button>
      <p className="nhsuk-body-s">Dates you add or remove are kept when you save the settings.</p>
    </>
  );
}
