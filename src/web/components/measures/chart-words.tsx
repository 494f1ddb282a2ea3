import { formatCalendarDate } from "../../../shared/dates";
import type { MeasurePoint } from "../../../shared/measures";
import type { SpcResult, SpcRules } from "../../../shared/spc/types";
import { SummaryList } from "../nhs";

/** A plain-English paragraph saying what the chart covers and what it found. */
export function describeChart(detail: {
  analysis: SpcResult | null;
  points: MeasurePoint[];
  measure: { unit: string };
}): string {
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

/** The rules, baseline and rebases a measure's chart uses, as a summary list. */
export function RulesUsed({
  detail,
}: {
  detail: {
    analysis: { summary: { rules: SpcRules } } | null;
    measure: { rules: SpcRules; baselineEndOn: string | null; rebaseOn: string[] };
  };
}) {
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
