import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import {
  IMPROVEMENT_DIRECTION_LABELS,
  IMPROVEMENT_DIRECTIONS,
  type ImprovementDirection,
} from "../../../../shared/projects";
import {
  type ChartAnnotation,
  DEFAULT_SPC_RULES,
  MINIMUM_POINTS_FOR_LIMITS,
  RULE_LENGTH_MAX,
  RULE_LENGTH_MIN,
  type SpcInput,
  type SpcResult,
} from "../../../../shared/spc/types";
import { Button } from "../../../components/button";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary } from "../../../components/error-summary";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { SpcChart } from "../../../components/spc-chart";
import { TextInput } from "../../../components/text-input";
import { Textarea } from "../../../components/textarea";
import { ApiError } from "../../../lib/api-client";
import type { SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useAnalyseSpc } from "../api/analyse";
import { type ParsedSeries, parsePointNumbers, parseSeries } from "../parse-series";

const FIELDS = [
  "data",
  "improvementDirection",
  "target",
  "shiftLength",
  "trendLength",
  "excludeMovingRangeOutliers",
  "twoOfThreeCountsBeyondLimits",
  "baselineEnd",
  "rebaseAt",
] as const;
type Field = (typeof FIELDS)[number];

const LENGTH_OPTIONS = Array.from({ length: RULE_LENGTH_MAX - RULE_LENGTH_MIN + 1 }, (_, i) => {
  const n = RULE_LENGTH_MIN + i;
  return { value: String(n), label: n === 6 ? `${n} points (NHS England default)` : `${n} points` };
});

/**
 * Maps a server problem to the form: "values.3" and "dates.3" become the data box with the line the point came from,
 * "rules.shiftLength" its own field, "rebaseAt.0" the rebase field.
 */
function placeServerProblem(
  field: string | undefined,
  message: string,
  series: ParsedSeries | null,
): SummaryError {
  if (!field) return { message };
  const [head, tail, rest] = field.split(".");
  if ((head === "values" || head === "dates") && series) {
    const index = Number(tail);
    const line = Number.isInteger(index) ? series.lines[index] : undefined;
    return { field: "data", message: line ? `Line ${line}: ${message}` : message };
  }
  if (head === "values" || head === "dates") return { field: "data", message };
  if (head === "rules" && tail && (FIELDS as readonly string[]).includes(tail))
    return { field: tail, message };
  if (head === "rebaseAt") return { field: "rebaseAt", message };
  if (head && (FIELDS as readonly string[]).includes(head)) return { field: head, message };
  return { message: rest ? `${field}: ${message}` : message };
}

/** /tools/spc: anyone pastes a series and sees its SPC chart, analysed by the public API. */
export function SpcToolPage() {
  const [data, setData] = useState("");
  const [direction, setDirection] = useState<ImprovementDirection | "">("");
  const [target, setTarget] = useState("");
  const [shiftLength, setShiftLength] = useState(String(DEFAULT_SPC_RULES.shiftLength));
  const [trendLength, setTrendLength] = useState(String(DEFAULT_SPC_RULES.trendLength));
  const [excludeOutliers, setExcludeOutliers] = useState(DEFAULT_SPC_RULES.excludeMovingRangeOutliers);
  const [countBeyond, setCountBeyond] = useState(DEFAULT_SPC_RULES.twoOfThreeCountsBeyondLimits);
  const [baselineEnd, setBaselineEnd] = useState("");
  const [rebaseAt, setRebaseAt] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [shown, setShown] = useState<{
    result: SpcResult;
    series: ParsedSeries;
    target: number | null;
  } | null>(null);
  const analyse = useAnalyseSpc();
  const chartHeading = useRef<HTMLHeadingElement>(null);
  // A new chart appears below a long form: take the reader to it.
  useEffect(() => {
    if (shown) chartHeading.current?.focus();
  }, [shown]);
  usePageTitle("Draw an SPC chart", errors.length > 0);

  const fieldError = (field: Field) => {
    const messages = errors.filter((e) => e.field === field).map((e) => e.message);
    return messages.length ? messages.join(" ") : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: SummaryError[] = [];
    const parsed = parseSeries(data);
    const series = "series" in parsed ? parsed.series : null;
    if ("problems" in parsed)
      for (const p of parsed.problems) problems.push({ field: "data", message: p.message });
    if (!direction)
      problems.push({
        field: "improvementDirection",
        message: "Choose which way is better for this measure",
      });
    const targetValue = target.trim() === "" ? null : Number(target.trim());
    if (targetValue !== null && !Number.isFinite(targetValue))
      problems.push({ field: "target", message: "Enter the target as a number, like 85 or 2.5" });
    const baseline = baselineEnd.trim() === "" ? [] : parsePointNumbers(baselineEnd);
    if (baseline === null || baseline.length > 1)
      problems.push({
        field: "baselineEnd",
        message: "Enter the baseline's last point as one point number, like 12",
      });
    const rebases = parsePointNumbers(rebaseAt);
    if (rebases === null)
      problems.push({ field: "rebaseAt", message: "Enter point numbers separated by commas, like 13, 25" });
    // Point numbers are checked here, in the words of the form (the API counts from 0).
    const count = series?.values.length ?? 0;
    const firstBaseline = baseline?.[0];
    if (series && firstBaseline !== undefined && (firstBaseline < 1 || firstBaseline >= count))
      problems.push({
        field: "baselineEnd",
        message: `The baseline needs at least 2 points and must end before the last point: enter a number from 2 to ${count - 1}`,
      });
    if (series && rebases?.some((r) => r < 1 || r >= count))
      problems.push({
        field: "rebaseAt",
        message: `A new baseline can start at points 2 to ${count}: check the point numbers`,
      });
    if (rebases && new Set(rebases).size !== rebases.length)
      problems.push({ field: "rebaseAt", message: "Enter each point number once" });
    if (problems.length > 0 || !series || !direction) {
      setErrors(problems);
      return;
    }
    const input: SpcInput = {
      values: series.values,
      ...(series.dates ? { dates: series.dates } : {}),
      improvementDirection: direction,
      rules: {
        shiftLength: Number(shiftLength),
        trendLength: Number(trendLength),
        excludeMovingRangeOutliers: excludeOutliers,
        twoOfThreeCountsBeyondLimits: countBeyond,
      },
      ...(baseline && baseline[0] !== undefined ? { baselineEnd: baseline[0] } : {}),
      ...(rebases && rebases.length > 0 ? { rebaseAt: rebases } : {}),
      ...(targetValue !== null ? { target: targetValue } : {}),
    };
    setErrors([]);
    analyse.mutate(input, {
      onSuccess: (result) => setShown({ result, series, target: targetValue }),
      onError: (error) => {
        setShown(null);
        if (error instanceof ApiError && error.details.length > 0) {
          setErrors(error.details.map((d) => placeServerProblem(d.field, d.message, series)));
        } else {
          setErrors([
            { message: error instanceof Error ? error.message : "Sorry, the chart could not be drawn." },
          ]);
        }
      },
    });
  };

  const annotations = useMemo<ChartAnnotation[]>(() => {
    if (!shown?.series.dates) return [];
    const dates = shown.series.dates;
    return shown.result.summary.segmentStarts
      .filter((start) => start > 0)
      .flatMap((start) =>
        dates[start]
          ? [{ date: dates[start], label: `New baseline at point ${start + 1}`, kind: "rebase" as const }]
          : [],
      );
  }, [shown]);

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <ErrorSummary errors={errors} />
        <h1>Draw an SPC chart</h1>
        <p className="nhsuk-lede-text">
          Paste a measure's data to see it on a statistical process control (SPC) chart, with the
          special-cause rules NHS England's Making Data Count uses. You do not need to sign in, and nothing
          you paste is kept.
        </p>
      </div>
      <div className="nhsuk-grid-column-two-thirds">
        <form onSubmit={submit} noValidate>
          <Textarea
            id="data"
            label="Your data"
            hint="One value per line, oldest first; or a date and a value on each line, as copied from two spreadsheet columns (for example 2026-03-02, then a tab, then 14)."
            error={fieldError("data")}
            value={data}
            onChange={setData}
            rows={10}
          />
          <Radios
            name="improvementDirection"
            legend="Which way is better?"
            legendSize="s"
            error={fieldError("improvementDirection")}
            value={direction}
            onChange={(v) => setDirection(v as ImprovementDirection)}
            options={IMPROVEMENT_DIRECTIONS.map((d) => ({
              value: d,
              label: IMPROVEMENT_DIRECTION_LABELS[d],
            }))}
          />
          <TextInput
            id="target"
            label="Target (optional)"
            hint="With a target the chart says whether the process will meet it consistently, possibly or never."
            error={fieldError("target")}
            value={target}
            onChange={setTarget}
            inputMode="text"
            width={10}
          />
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              Rules and baselines (optional)
            </legend>
            <Select
              id="shiftLength"
              label="Points in a row on one side of the mean that make a shift"
              error={fieldError("shiftLength")}
              options={LENGTH_OPTIONS}
              value={shiftLength}
              onChange={setShiftLength}
            />
            <Select
              id="trendLength"
              label="Points rising or falling in a row that make a trend"
              error={fieldError("trendLength")}
              options={LENGTH_OPTIONS}
              value={trendLength}
              onChange={setTrendLength}
            />
            <Checkbox
              id="excludeMovingRangeOutliers"
              label="Leave out very large moving ranges when setting the limits"
              hint="Moving ranges of at least 3.267 times the average are dropped before the limits are worked out."
              checked={excludeOutliers}
              onChange={setExcludeOutliers}
            />
            <Checkbox
              id="twoOfThreeCountsBeyondLimits"
              label="Count points beyond the process limits in the two-of-three rule"
              hint="As NHS England's current tools do. Untick to count only points between the two-sigma line and the limit."
              checked={countBeyond}
              onChange={setCountBeyond}
            />
            <TextInput
              id="baselineEnd"
              label="Last point of the baseline (optional)"
              hint="A point number, counting your data from 1. The mean and limits are fixed from the points up to it."
              error={fieldError("baselineEnd")}
              value={baselineEnd}
              onChange={setBaselineEnd}
              width={4}
            />
            <TextInput
              id="rebaseAt"
              label="Start a new baseline at points (optional)"
              hint="Point numbers separated by commas, like 13, 25: where a change to the process began."
              error={fieldError("rebaseAt")}
              value={rebaseAt}
              onChange={setRebaseAt}
              width={20}
            />
          </fieldset>
          <Button busy={analyse.isPending}>Draw the chart</Button>
        </form>
      </div>
      {shown && (
        <div className="nhsuk-grid-column-full">
          <h2 ref={chartHeading} tabIndex={-1}>
            Your chart
          </h2>
          <SpcChart
            result={shown.result}
            title="Your SPC chart"
            unit=""
            annotations={annotations}
            target={shown.target}
          />
        </div>
      )}
      <div className="nhsuk-grid-column-two-thirds">
        <h2>How the chart is read</h2>
        <p>
          The chart is an XmR chart: the centre line is the mean, and the process limits are the mean plus or
          minus 2.66 times the average moving range (the difference between one point and the next). Points
          are flagged as special cause when:
        </p>
        <ul>
          <li>a point is outside a process limit</li>
          <li>a run of points (6 by default) is all above or all below the mean: a shift</li>
          <li>a run of points (6 by default) is all rising or all falling: a trend</li>
          <li>two of three points in a row are near a limit, beyond the two-sigma line on the same side</li>
        </ul>
        <p>
          Special cause is improvement or concern depending on which way is better; everything else is common
          cause variation. With fewer than {MINIMUM_POINTS_FOR_LIMITS} points the limits are not yet reliable,
          so the tool shows a run chart around the median.
        </p>
        <p>
          Developers can use the same analysis through the public API: see{" "}
          <a href="/api/docs">the API documentation</a> for <code>POST /api/spc/analyse</code>.
        </p>
      </div>
    </div>
  );
}
