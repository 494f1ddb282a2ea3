/**
 * The SCORM run-time data model (CMI) on the server: which elements each version has, who may write them, their
 * types, vocabularies and limits, and the SCORM error code the run-time should report for a refused value. Also what
 * the LMS itself decides from a commit (SCORM 1.2 mastery score and LMSFinish rules; SCORM 2004 completion threshold
 * and scaled passing score), so the statuses stored are the ones the specifications define. Pure functions.
 */
import {
  type CmiValues,
  isScorm2004,
  type ScormVersion,
  SUSPEND_DATA_LIMITS,
} from "../../../shared/scorm.js";
import { isTime12, isTimestamp2004, parseDuration2004, parseTimespan12 } from "./scorm-time.js";

/** Who may set an element through the run-time API. */
type Access = "ro" | "rw" | "wo";

/** Why a value was refused: the run-time maps these to each version's error codes. */
type Problem = "type" | "range";

/** Checks a value; returns null when it is acceptable, else what is wrong. */
type Check = (value: string) => { problem: Problem; message: string } | null;

interface ElementSpec {
  access: Access;
  check: Check;
  /** LMS-owned values whose echo in a commit may legitimately differ from launch (entry, total_time). */
  echoAnyValid?: boolean;
}

const ok = null;
const typeError = (message: string) => ({ problem: "type" as const, message });
const rangeError = (message: string) => ({ problem: "range" as const, message });

const DECIMAL = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;

/** A string no longer than `max` characters. */
const text =
  (max: number, what = "The value"): Check =>
  (value) =>
    value.length > max ? typeError(`${what} is ${value.length} characters; the most allowed is ${max}.`) : ok;

/** One of a fixed list of words. */
const vocabulary =
  (words: readonly string[]): Check =>
  (value) =>
    words.includes(value)
      ? ok
      : typeError(`"${value}" is not allowed; use one of: ${words.map((w) => `"${w}"`).join(", ")}.`);

/** SCORM 1.2 CMIDecimal (blank allowed), optionally within a range; 1.2 has no range error, so out of range is 405. */
const decimal12 =
  (min?: number, max?: number): Check =>
  (value) => {
    if (value === "") return ok;
    if (!DECIMAL.test(value)) return typeError(`"${value}" is not a number.`);
    const n = Number(value);
    if ((min !== undefined && n < min) || (max !== undefined && n > max))
      return typeError(`${value} is outside the range ${min} to ${max}.`);
    return ok;
  };

/** SCORM 1.2 CMISInteger within a range. */
const integer12 =
  (min: number, max: number): Check =>
  (value) => {
    if (!INTEGER.test(value)) return typeError(`"${value}" is not a whole number.`);
    const n = Number(value);
    return n < min || n > max ? typeError(`${value} is outside the range ${min} to ${max}.`) : ok;
  };

/** SCORM 1.2 CMIIdentifier: up to 255 characters without spaces. */
const identifier12: Check = (value) =>
  /^[^\s]{1,255}$/.test(value)
    ? ok
    : typeError(`"${value}" is not an identifier (no spaces, 1-255 characters).`);

/** SCORM 1.2 CMITimespan (HHHH:MM:SS.SS). */
const timespan12: Check = (value) =>
  parseTimespan12(value) === null
    ? typeError(`"${value}" is not a time span; use HHHH:MM:SS.SS, like 0000:01:30.00.`)
    : ok;

/** SCORM 2004 real(10,7) (blank means not set), optionally within a range, which is error 407. */
const real2004 =
  (min?: number, max?: number): Check =>
  (value) => {
    if (value === "") return ok;
    if (!DECIMAL.test(value)) return typeError(`"${value}" is not a number.`);
    const n = Number(value);
    if ((min !== undefined && n < min) || (max !== undefined && n > max))
      return rangeError(`${value} is outside the range ${min ?? "any"} to ${max ?? "any"}.`);
    return ok;
  };

/** SCORM 2004 timeinterval (ISO 8601 duration); blank means not set. */
const duration2004: Check = (value) =>
  value === "" || parseDuration2004(value) !== null
    ? ok
    : typeError(`"${value}" is not an ISO 8601 duration; use a form like PT1M30S.`);

/** SCORM 2004 time (ISO 8601 timestamp). */
const timestamp2004: Check = (value) =>
  value === "" || isTimestamp2004(value)
    ? ok
    : typeError(`"${value}" is not a timestamp; use a form like 2026-11-22T14:30:00Z.`);

/** SCORM 2004 long_identifier_type: non-empty, at most 4,000 characters. */
const identifier2004: Check = (value) =>
  value.length === 0 || value.length > 4000 ? typeError("An identifier must be 1 to 4,000 characters.") : ok;

/** SCORM 2004 localized_string_type: an optional {lang=xx} then text, at most `max` characters. */
const localized2004 =
  (max: number): Check =>
  (value) => {
    const body = value.replace(/^\{lang=[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*\}/, "");
    return body.length > max
      ? typeError(`The text is ${body.length} characters; the most allowed is ${max}.`)
      : ok;
  };

const anything: Check = () => ok;

const N = "(\\d+)";
const STATUS_12 = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"] as const;
const INTERACTION_TYPES_12 = [
  "true-false",
  "choice",
  "fill-in",
  "matching",
  "performance",
  "sequencing",
  "likert",
  "numeric",
];
const INTERACTION_TYPES_2004 = [...INTERACTION_TYPES_12, "long-fill-in", "other"];

const result12: Check = (value) =>
  ["correct", "wrong", "unanticipated", "neutral"].includes(value) || DECIMAL.test(value)
    ? ok
    : typeError(`"${value}" is not a result; use correct, wrong, unanticipated, neutral or a number.`);
const result2004: Check = (value) =>
  ["correct", "incorrect", "unanticipated", "neutral"].includes(value) || DECIMAL.test(value)
    ? ok
    : typeError(`"${value}" is not a result; use correct, incorrect, unanticipated, neutral or a number.`);

type Model = Array<[RegExp, ElementSpec]>;

const el = (pattern: string, spec: ElementSpec): [RegExp, ElementSpec] => [
  new RegExp(`^${pattern.replaceAll(".", "\\.").replaceAll("{n}", N)}$`),
  spec,
];

/** The SCORM 1.2 data model (RTE 3.4). Keywords (_children, _count) are handled separately. */
const MODEL_12: Model = [
  el("cmi.core.student_id", { access: "ro", check: identifier12 }),
  el("cmi.core.student_name", { access: "ro", check: text(255) }),
  el("cmi.core.lesson_location", { access: "rw", check: text(255, "The location") }),
  el("cmi.core.credit", { access: "ro", check: vocabulary(["credit", "no-credit"]) }),
  el("cmi.core.lesson_status", { access: "rw", check: vocabulary(STATUS_12) }),
  el("cmi.core.entry", { access: "ro", check: vocabulary(["ab-initio", "resume", ""]), echoAnyValid: true }),
  el("cmi.core.score.raw", { access: "rw", check: decimal12(0, 100) }),
  el("cmi.core.score.min", { access: "rw", check: decimal12(0, 100) }),
  el("cmi.core.score.max", { access: "rw", check: decimal12(0, 100) }),
  el("cmi.core.total_time", { access: "ro", check: timespan12, echoAnyValid: true }),
  el("cmi.core.lesson_mode", { access: "ro", check: vocabulary(["browse", "normal", "review"]) }),
  el("cmi.core.exit", { access: "wo", check: vocabulary(["time-out", "suspend", "logout", ""]) }),
  el("cmi.core.session_time", { access: "wo", check: timespan12 }),
  el("cmi.suspend_data", { access: "rw", check: text(SUSPEND_DATA_LIMITS["1.2"], "The suspend data") }),
  el("cmi.launch_data", { access: "ro", check: text(4096) }),
  el("cmi.comments", { access: "rw", check: text(4096, "The comments") }),
  el("cmi.comments_from_lms", { access: "ro", check: text(4096) }),
  el("cmi.objectives.{n}.id", { access: "rw", check: identifier12 }),
  el("cmi.objectives.{n}.score.raw", { access: "rw", check: decimal12(0, 100) }),
  el("cmi.objectives.{n}.score.min", { access: "rw", check: decimal12(0, 100) }),
  el("cmi.objectives.{n}.score.max", { access: "rw", check: decimal12(0, 100) }),
  el("cmi.objectives.{n}.status", { access: "rw", check: vocabulary(STATUS_12) }),
  el("cmi.student_data.mastery_score", { access: "ro", check: decimal12(0, 100) }),
  el("cmi.student_data.max_time_allowed", { access: "ro", check: anything }),
  el("cmi.student_data.time_limit_action", { access: "ro", check: anything }),
  el("cmi.student_preference.audio", { access: "rw", check: integer12(-1, 100) }),
  el("cmi.student_preference.language", { access: "rw", check: text(255) }),
  el("cmi.student_preference.speed", { access: "rw", check: integer12(-100, 100) }),
  el("cmi.student_preference.text", { access: "rw", check: integer12(-1, 1) }),
  el("cmi.interactions.{n}.id", { access: "wo", check: identifier12 }),
  el("cmi.interactions.{n}.objectives.{n}.id", { access: "wo", check: identifier12 }),
  el("cmi.interactions.{n}.time", {
    access: "wo",
    check: (v) => (isTime12(v) ? ok : typeError(`"${v}" is not a time of day; use HH:MM:SS.`)),
  }),
  el("cmi.interactions.{n}.type", { access: "wo", check: vocabulary(INTERACTION_TYPES_12) }),
  el("cmi.interactions.{n}.correct_responses.{n}.pattern", { access: "wo", check: text(255) }),
  el("cmi.interactions.{n}.weighting", { access: "wo", check: decimal12() }),
  el("cmi.interactions.{n}.student_response", { access: "wo", check: text(255) }),
  el("cmi.interactions.{n}.result", { access: "wo", check: result12 }),
  el("cmi.interactions.{n}.latency", { access: "wo", check: timespan12 }),
];

const COMPLETION_2004 = ["completed", "incomplete", "not attempted", "unknown"] as const;
const SUCCESS_2004 = ["passed", "failed", "unknown"] as const;

/** The SCORM 2004 data model (RTE 4.2), for the given edition's suspend_data limit. */
function model2004(version: ScormVersion): Model {
  return [
    el("cmi.learner_id", { access: "ro", check: identifier2004 }),
    el("cmi.learner_name", { access: "ro", check: localized2004(250) }),
    el("cmi.location", { access: "rw", check: text(1000, "The location") }),
    el("cmi.credit", { access: "ro", check: vocabulary(["credit", "no-credit"]) }),
    el("cmi.entry", { access: "ro", check: vocabulary(["ab-initio", "resume", ""]), echoAnyValid: true }),
    el("cmi.mode", { access: "ro", check: vocabulary(["browse", "normal", "review"]) }),
    el("cmi.launch_data", { access: "ro", check: text(4000) }),
    el("cmi.total_time", { access: "ro", check: duration2004, echoAnyValid: true }),
    el("cmi.completion_threshold", { access: "ro", check: real2004(0, 1) }),
    el("cmi.scaled_passing_score", { access: "ro", check: real2004(-1, 1) }),
    el("cmi.max_time_allowed", { access: "ro", check: duration2004 }),
    el("cmi.time_limit_action", { access: "ro", check: anything }),
    el("cmi.completion_status", { access: "rw", check: vocabulary(COMPLETION_2004) }),
    el("cmi.success_status", { access: "rw", check: vocabulary(SUCCESS_2004) }),
    el("cmi.progress_measure", { access: "rw", check: real2004(0, 1) }),
    el("cmi.score.scaled", { access: "rw", check: real2004(-1, 1) }),
    el("cmi.score.raw", { access: "rw", check: real2004() }),
    el("cmi.score.min", { access: "rw", check: real2004() }),
    el("cmi.score.max", { access: "rw", check: real2004() }),
    el("cmi.exit", { access: "wo", check: vocabulary(["time-out", "suspend", "logout", "normal", ""]) }),
    el("cmi.session_time", { access: "wo", check: duration2004 }),
    el("cmi.suspend_data", { access: "rw", check: text(SUSPEND_DATA_LIMITS[version], "The suspend data") }),
    el("cmi.learner_preference.audio_level", { access: "rw", check: real2004(0) }),
    el("cmi.learner_preference.language", { access: "rw", check: text(250) }),
    el("cmi.learner_preference.delivery_speed", { access: "rw", check: real2004(0) }),
    el("cmi.learner_preference.audio_captioning", { access: "rw", check: vocabulary(["-1", "0", "1"]) }),
    el("cmi.comments_from_learner.{n}.comment", { access: "rw", check: localized2004(4000) }),
    el("cmi.comments_from_learner.{n}.location", { access: "rw", check: text(250) }),
    el("cmi.comments_from_learner.{n}.timestamp", { access: "rw", check: timestamp2004 }),
    el("cmi.comments_from_lms.{n}.comment", { access: "ro", check: localized2004(4000) }),
    el("cmi.comments_from_lms.{n}.location", { access: "ro", check: text(250) }),
    el("cmi.comments_from_lms.{n}.timestamp", { access: "ro", check: timestamp2004 }),
    el("cmi.objectives.{n}.id", { access: "rw", check: identifier2004 }),
    el("cmi.objectives.{n}.score.scaled", { access: "rw", check: real2004(-1, 1) }),
    el("cmi.objectives.{n}.score.raw", { access: "rw", check: real2004() }),
    el("cmi.objectives.{n}.score.min", { access: "rw", check: real2004() }),
    el("cmi.objectives.{n}.score.max", { access: "rw", check: real2004() }),
    el("cmi.objectives.{n}.success_status", { access: "rw", check: vocabulary(SUCCESS_2004) }),
    el("cmi.objectives.{n}.completion_status", { access: "rw", check: vocabulary(COMPLETION_2004) }),
    el("cmi.objectives.{n}.progress_measure", { access: "rw", check: real2004(0, 1) }),
    el("cmi.objectives.{n}.description", { access: "rw", check: localized2004(250) }),
    el("cmi.interactions.{n}.id", { access: "rw", check: identifier2004 }),
    el("cmi.interactions.{n}.type", { access: "rw", check: vocabulary(INTERACTION_TYPES_2004) }),
    el("cmi.interactions.{n}.objectives.{n}.id", { access: "rw", check: identifier2004 }),
    el("cmi.interactions.{n}.timestamp", { access: "rw", check: timestamp2004 }),
    el("cmi.interactions.{n}.correct_responses.{n}.pattern", { access: "rw", check: text(4000) }),
    el("cmi.interactions.{n}.weighting", { access: "rw", check: real2004() }),
    el("cmi.interactions.{n}.learner_response", { access: "rw", check: text(4000) }),
    el("cmi.interactions.{n}.result", { access: "rw", check: result2004 }),
    el("cmi.interactions.{n}.latency", { access: "rw", check: duration2004 }),
    el("cmi.interactions.{n}.description", { access: "rw", check: localized2004(250) }),
    // ADL navigation and shared data (adl.nav.request_valid.* are answers the LMS computes).
    el("adl.nav.request", {
      access: "rw",
      check: (v) =>
        /^(continue|previous|choice|jump|exit|exitAll|abandon|abandonAll|suspendAll|_none_)$/.test(v) ||
        /^\{target=[^}]+\}(choice|jump)$/.test(v)
          ? ok
          : typeError(`"${v}" is not a navigation request.`),
    }),
    [/^adl\.nav\.request_valid\..+$/, { access: "ro", check: anything, echoAnyValid: true }],
    el("adl.data.{n}.id", { access: "ro", check: anything, echoAnyValid: true }),
    el("adl.data.{n}.store", { access: "rw", check: text(64_000) }),
  ];
}

const MODELS: Record<ScormVersion, Model> = {
  "1.2": MODEL_12,
  "2004-2nd": model2004("2004-2nd"),
  "2004-3rd": model2004("2004-3rd"),
  "2004-4th": model2004("2004-4th"),
};

const CHILDREN_12: Record<string, string> = {
  "cmi.core._children":
    "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
  "cmi.core.score._children": "raw,min,max",
  "cmi.objectives._children": "id,score,status",
  "cmi.student_data._children": "mastery_score,max_time_allowed,time_limit_action",
  "cmi.student_preference._children": "audio,language,speed,text",
  "cmi.interactions._children":
    "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
};

/** SCORM error codes per version for each kind of refusal. */
const ERROR_CODES = {
  "1.2": { undefined: 401, keyword: 402, readOnly: 403, type: 405, range: 405 },
  "2004": { undefined: 401, keyword: 404, readOnly: 404, type: 406, range: 407 },
} as const;

/** A value the run-time refused, with the SCORM error code to report to the content. */
export interface CmiRefusal {
  element: string;
  message: string;
  scormErrorCode: number;
}

/** The LMS-owned values a commit may echo back unchanged (student id and name, credit, mode, mastery score…). */
export type LmsValues = Readonly<Record<string, string>>;

const sameValue = (a: string, b: string) =>
  a === b || (DECIMAL.test(a) && DECIMAL.test(b) && Number(a) === Number(b));

/**
 * Checks a commit's values against the version's data model. Returns the values to store (read-write and write-only
 * elements; LMS-owned ones echoed unchanged are dropped) or the first refusal. A SCORM 1.2 lesson_status of
 * "not attempted" may only be echoed while it is still the status (the content may not set it: RTE 3.4.2.1.5).
 */
export function checkCommitValues(
  version: ScormVersion,
  values: CmiValues,
  lms: LmsValues,
): { ok: true; values: CmiValues } | { ok: false; refusal: CmiRefusal } {
  const codes = ERROR_CODES[isScorm2004(version) ? "2004" : "1.2"];
  const model = MODELS[version];
  const stored: CmiValues = {};
  const refuse = (element: string, message: string, scormErrorCode: number) => ({
    ok: false as const,
    refusal: { element, message, scormErrorCode },
  });
  for (const [element, value] of Object.entries(values)) {
    const keyword = /\.(_children|_count|_version)$/.exec(element)?.[1];
    if (keyword) {
      const expected =
        keyword === "_version" ? (isScorm2004(version) ? "1.0" : undefined) : CHILDREN_12[element];
      const valid = keyword === "_count" ? /^\d+$/.test(value) : expected === undefined || value === expected;
      if (!valid || (keyword === "_version" && !isScorm2004(version)))
        return refuse(element, `${element} is a keyword the LMS answers; it cannot be set.`, codes.keyword);
      continue;
    }
    const spec = model.find(([pattern]) => pattern.test(element))?.[1];
    if (!spec)
      return refuse(
        element,
        `${element} is not an element of the ${isScorm2004(version) ? "SCORM 2004" : "SCORM 1.2"} data model.`,
        codes.undefined,
      );
    const problem = spec.check(value);
    if (spec.access === "ro") {
      if (value === "") continue;
      if (spec.echoAnyValid && !problem) continue;
      if (sameValue(value, lms[element] ?? "")) continue;
      return refuse(element, `${element} is read-only: the LMS sets it.`, codes.readOnly);
    }
    if (problem)
      return refuse(
        element,
        `${element}: ${problem.message}`,
        problem.problem === "range" ? codes.range : codes.type,
      );
    if (
      version === "1.2" &&
      element === "cmi.core.lesson_status" &&
      value === "not attempted" &&
      lms[element] !== "not attempted"
    )
      return refuse(
        element,
        `${element}: content cannot set "not attempted"; use incomplete, completed, passed, failed or browsed.`,
        codes.type,
      );
    stored[element] = value;
  }
  return { ok: true, values: stored };
}

/** Write-only elements: stored for support, but never handed back to content at launch. */
export function isWriteOnly(version: ScormVersion, element: string): boolean {
  const spec = MODELS[version].find(([pattern]) => pattern.test(element))?.[1];
  return spec?.access === "wo";
}

/** A SCO's settings from the manifest that decide statuses. */
export interface ScoRules {
  masteryScore: number | null;
  completionThreshold: number | null;
  scaledPassingScore: number | null;
}

/** The statuses, score and time as the platform records them for one SCO after a commit. */
export interface ScoState {
  completionStatus: "completed" | "incomplete" | "not attempted" | "unknown";
  successStatus: "passed" | "failed" | "unknown";
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  scoreScaled: number | null;
  /** Seconds of the session that ended with this commit (only when finished), to add to the total. */
  sessionSeconds: number;
  suspended: boolean;
  /** Values the LMS sets in the stored CMI (a status it decided), merged over the commit's. */
  lmsSets: CmiValues;
}

/** The value when it is one of the words (checked values always are), else the last word ("unknown"). */
function oneOf<T extends string>(words: readonly T[], value: string): T {
  const found = words.find((w) => w === value);
  return found ?? (words[words.length - 1] as T); // both vocabularies end in "unknown"
}

const numberOr = (value: string | undefined, fallback: number | null): number | null => {
  if (value === undefined) return fallback;
  return value === "" || !DECIMAL.test(value) ? null : Number(value);
};

/** The 1.2 lesson_status that matches stored completion and success columns (browsed reads as incomplete). */
export function lessonStatusOf(completion: string, success: string): string {
  if (success === "passed" || success === "failed") return success;
  return completion === "unknown" ? "incomplete" : completion;
}

/**
 * What the LMS records after a commit. `values` are the commit's checked values; anything a (partial) commit leaves
 * out comes from `previous`. SCORM 1.2: with a mastery score and a raw score, passed or failed is decided by the score
 * (RTE 3.4.2.1.5); on LMSFinish a status still "not attempted" becomes "completed" (credit, normal mode). SCORM 2004:
 * with a completion threshold, progress_measure decides completion (unknown without one); with a scaled passing
 * score, score.scaled decides success (unknown without one) (RTE 4.2.4.1, 4.2.22.1).
 */
export function deriveScoState(
  version: ScormVersion,
  values: CmiValues,
  rules: ScoRules,
  previous: Omit<ScoState, "sessionSeconds" | "lmsSets" | "completionStatus" | "successStatus"> & {
    completionStatus: string;
    successStatus: string;
  },
  finished: boolean,
): ScoState {
  const lmsSets: CmiValues = {};
  if (!isScorm2004(version)) {
    const scoreRaw = numberOr(values["cmi.core.score.raw"], previous.scoreRaw);
    const given =
      values["cmi.core.lesson_status"] ?? lessonStatusOf(previous.completionStatus, previous.successStatus);
    let status = given;
    if (rules.masteryScore !== null && scoreRaw !== null)
      status = scoreRaw >= rules.masteryScore ? "passed" : "failed";
    if (finished && status === "not attempted") status = "completed";
    if (status !== given || values["cmi.core.lesson_status"] === undefined)
      lmsSets["cmi.core.lesson_status"] = status;
    const exit = values["cmi.core.exit"];
    return {
      completionStatus:
        status === "passed" || status === "failed" || status === "completed"
          ? "completed"
          : status === "not attempted"
            ? "not attempted"
            : "incomplete",
      successStatus: status === "passed" || status === "failed" ? status : "unknown",
      scoreRaw,
      scoreMin: numberOr(values["cmi.core.score.min"], previous.scoreMin),
      scoreMax: numberOr(values["cmi.core.score.max"], previous.scoreMax),
      scoreScaled: null,
      sessionSeconds: finished ? (parseTimespan12(values["cmi.core.session_time"] ?? "") ?? 0) : 0,
      suspended: exit === undefined ? previous.suspended : exit === "suspend",
      lmsSets,
    };
  }
  const givenCompletion = oneOf(
    COMPLETION_2004,
    values["cmi.completion_status"] ?? previous.completionStatus,
  );
  const givenSuccess = oneOf(SUCCESS_2004, values["cmi.success_status"] ?? previous.successStatus);
  const scoreScaled = numberOr(values["cmi.score.scaled"], previous.scoreScaled);
  const progress = numberOr(values["cmi.progress_measure"], null);
  let completion = givenCompletion;
  if (rules.completionThreshold !== null)
    completion =
      progress === null ? "unknown" : progress >= rules.completionThreshold ? "completed" : "incomplete";
  let success = givenSuccess;
  if (rules.scaledPassingScore !== null)
    success =
      scoreScaled === null ? "unknown" : scoreScaled >= rules.scaledPassingScore ? "passed" : "failed";
  if (completion !== givenCompletion) lmsSets["cmi.completion_status"] = completion;
  if (success !== givenSuccess) lmsSets["cmi.success_status"] = success;
  const exit = values["cmi.exit"];
  return {
    completionStatus: completion,
    successStatus: success,
    scoreRaw: numberOr(values["cmi.score.raw"], previous.scoreRaw),
    scoreMin: numberOr(values["cmi.score.min"], previous.scoreMin),
    scoreMax: numberOr(values["cmi.score.max"], previous.scoreMax),
    scoreScaled,
    sessionSeconds: finished ? (parseDuration2004(values["cmi.session_time"] ?? "") ?? 0) : 0,
    suspended: exit === undefined ? previous.suspended : exit === "suspend",
    lmsSets,
  };
}

/**
 * Whether a SCO counts as done for the step: complete, never failed, and passed where a mastery score (1.2) or scaled
 * passing score (2004) means success is tracked.
 */
export function isScoDone(
  state: { completionStatus: string; successStatus: string },
  rules: ScoRules,
): boolean {
  if (state.completionStatus !== "completed") return false;
  if (state.successStatus === "failed") return false;
  const tracked = rules.masteryScore !== null || rules.scaledPassingScore !== null;
  return !tracked || state.successStatus === "passed";
}
