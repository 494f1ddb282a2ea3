/**
 * Checks an SPC request before the engine runs, collecting every problem (each naming its field and position) so a
 * person or a tool can fix them all at once. Pure: used by the engine, the public API and the measure pages.
 */
import { IMPROVEMENT_DIRECTIONS, MAX_SERIES_POINTS } from "../projects.js";
import { RULE_LENGTH_MAX, RULE_LENGTH_MIN, type SpcInput } from "./types.js";

/** One problem with an SPC request: `field` uses dots for positions ("values.3", "rules.shiftLength"). */
export interface SpcInputIssue {
  field: string;
  message: string;
}

/** Thrown by analyseSpc for input it cannot analyse; `issues` lists every problem found. */
export class SpcInputError extends Error {
  constructor(readonly issues: SpcInputIssue[]) {
    super(issues[0]?.message ?? "The series cannot be analysed.");
    this.name = "SpcInputError";
  }
}

/** At most this many issues are listed one by one; the rest are counted in a final issue. */
export const MAX_LISTED_ISSUES = 50;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Formats a count with thousands separators, the way the messages show numbers. */
function count(n: number): string {
  return n.toLocaleString("en-GB");
}

/** Lists every problem with an SPC request (empty when it can be analysed). */
export function spcInputIssues(input: SpcInput): SpcInputIssue[] {
  const issues: SpcInputIssue[] = [];
  let overflow = 0;
  const add = (field: string, message: string) => {
    if (issues.length < MAX_LISTED_ISSUES) issues.push({ field, message });
    else overflow += 1;
  };
  const values: unknown = input.values;

  if (!Array.isArray(values)) {
    add("values", "values must be a list of numbers.");
    return issues;
  }
  if (values.length === 0) add("values", "values is empty: give at least one number.");
  if (values.length > MAX_SERIES_POINTS) {
    add(
      "values",
      `values has ${count(values.length)} points; the most that can be analysed at once is ${count(MAX_SERIES_POINTS)}.`,
    );
    return issues;
  }
  for (let i = 0; i < values.length; i += 1) {
    const value: unknown = values[i];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      add(`values.${i}`, `values[${i}] is not a finite number.`);
    }
  }

  // Widened so an unchecked value from JSON can be looked up.
  if (!(IMPROVEMENT_DIRECTIONS as readonly unknown[]).includes(input.improvementDirection)) {
    add("improvementDirection", 'improvementDirection must be "increase", "decrease" or "neither".');
  }

  const dates: unknown = input.dates;
  if (dates !== undefined) {
    if (!Array.isArray(dates)) {
      add("dates", "dates must be a list of ISO dates (YYYY-MM-DD), one per value.");
    } else {
      if (dates.length !== values.length) {
        add(
          "dates",
          `dates has ${count(dates.length)} entries but values has ${count(values.length)}: give one date per value.`,
        );
      }
      const seen = new Map<string, number>();
      let previous: { index: number; date: string } | null = null;
      for (let i = 0; i < dates.length; i += 1) {
        const date: unknown = dates[i];
        if (typeof date !== "string" || !isIsoDate(date)) {
          add(`dates.${i}`, `dates[${i}] is not a valid ISO date (YYYY-MM-DD).`);
          continue;
        }
        const earlier = seen.get(date);
        if (earlier !== undefined) {
          add(
            `dates.${i}`,
            `dates[${i}] (${date}) repeats dates[${earlier}]: each value needs its own date.`,
          );
          continue;
        }
        seen.set(date, i);
        if (previous && date < previous.date) {
          add(
            `dates.${i}`,
            `dates[${i}] (${date}) is earlier than dates[${previous.index}] (${previous.date}): send the values in date order, because values are positional (baselineEnd and rebaseAt count positions).`,
          );
        }
        previous = { index: i, date };
      }
    }
  }

  const rules: unknown = input.rules;
  if (rules !== undefined) {
    if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
      add("rules", "rules must be an object of rule settings.");
    } else {
      const given = rules as Record<string, unknown>; // a plain object, checked just above
      for (const name of ["shiftLength", "trendLength"] as const) {
        const length = given[name];
        if (length === undefined) continue;
        if (
          typeof length !== "number" ||
          !Number.isInteger(length) ||
          length < RULE_LENGTH_MIN ||
          length > RULE_LENGTH_MAX
        ) {
          add(
            `rules.${name}`,
            `rules.${name} must be a whole number from ${RULE_LENGTH_MIN} to ${RULE_LENGTH_MAX}.`,
          );
        }
      }
      for (const name of ["excludeMovingRangeOutliers", "twoOfThreeCountsBeyondLimits"] as const) {
        const flag = given[name];
        if (flag !== undefined && typeof flag !== "boolean")
          add(`rules.${name}`, `rules.${name} must be true or false.`);
      }
    }
  }

  const baselineEnd: unknown = input.baselineEnd;
  if (baselineEnd !== undefined) {
    if (typeof baselineEnd !== "number" || !Number.isInteger(baselineEnd)) {
      add("baselineEnd", "baselineEnd must be a whole number: the index of the last baseline point.");
    } else if (baselineEnd < 1) {
      add(
        "baselineEnd",
        "baselineEnd must be at least 1: a baseline needs two points to have a moving range.",
      );
    } else if (values.length > 0 && baselineEnd > values.length - 1) {
      add(
        "baselineEnd",
        `baselineEnd is ${baselineEnd} but the last index is ${values.length - 1}: choose a point inside the series.`,
      );
    }
  }

  const rebaseAt: unknown = input.rebaseAt;
  if (rebaseAt !== undefined) {
    if (!Array.isArray(rebaseAt)) {
      add("rebaseAt", "rebaseAt must be a list of indices.");
    } else {
      if (rebaseAt.length > MAX_SERIES_POINTS) {
        add("rebaseAt", `rebaseAt has more than ${count(MAX_SERIES_POINTS)} entries.`);
        return withOverflow(issues, overflow);
      }
      const seen = new Map<number, number>();
      for (let i = 0; i < rebaseAt.length; i += 1) {
        const index: unknown = rebaseAt[i];
        if (typeof index !== "number" || !Number.isInteger(index)) {
          add(
            `rebaseAt.${i}`,
            `rebaseAt[${i}] must be a whole number: the index where a new segment starts.`,
          );
          continue;
        }
        if (index === 0) {
          add(
            `rebaseAt.${i}`,
            `rebaseAt[${i}] is 0: the first segment already starts there; rebase at 1 or later.`,
          );
          continue;
        }
        if (index < 0 || index > values.length - 1) {
          add(
            `rebaseAt.${i}`,
            `rebaseAt[${i}] is ${index} but indices run from 1 to ${Math.max(1, values.length - 1)}.`,
          );
          continue;
        }
        const earlier = seen.get(index);
        if (earlier !== undefined) {
          add(`rebaseAt.${i}`, `rebaseAt[${i}] (${index}) repeats rebaseAt[${earlier}].`);
          continue;
        }
        seen.set(index, i);
      }
    }
  }

  const target: unknown = input.target;
  if (target !== undefined && (typeof target !== "number" || !Number.isFinite(target))) {
    add("target", "target must be a finite number.");
  }
  return withOverflow(issues, overflow);
}

function withOverflow(issues: SpcInputIssue[], overflow: number): SpcInputIssue[] {
  if (overflow > 0) {
    issues.push({
      field: "request",
      message: `…and ${count(overflow)} more problems of the same kinds; fix these and send it again.`,
    });
  }
  return issues;
}
