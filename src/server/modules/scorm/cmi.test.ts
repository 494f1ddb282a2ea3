import { describe, expect, it } from "vitest";
import { checkCommitValues, deriveScoState, isScoDone, isWriteOnly } from "./cmi.js";

const lms12 = {
  "cmi.core.student_id": "u-1",
  "cmi.core.student_name": "Alex Morgan",
  "cmi.core.credit": "credit",
  "cmi.core.lesson_mode": "normal",
  "cmi.core.lesson_status": "not attempted",
};
const lms2004 = { "cmi.learner_id": "u-1", "cmi.learner_name": "Alex Morgan", "cmi.credit": "credit" };

const refusal = (
  version: Parameters<typeof checkCommitValues>[0],
  values: Record<string, string>,
  lms = {},
) => {
  const result = checkCommitValues(version, values, lms);
  return result.ok ? null : result.refusal;
};

describe("SCORM 1.2 data model", () => {
  it("accepts writable values and echoes of the LMS's own, storing only what content may write", () => {
    const result = checkCommitValues(
      "1.2",
      {
        ...lms12,
        "cmi.core.entry": "ab-initio",
        "cmi.core.total_time": "0000:00:00",
        "cmi.core._children":
          "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
        "cmi.objectives._count": "1",
        "cmi.core.lesson_location": "page-2",
        "cmi.core.lesson_status": "incomplete",
        "cmi.core.score.raw": "80",
        "cmi.core.score.min": "",
        "cmi.core.exit": "suspend",
        "cmi.core.session_time": "0000:01:30.00",
        "cmi.suspend_data": "visited=1,2",
        "cmi.objectives.0.id": "obj-1",
        "cmi.objectives.0.status": "passed",
        "cmi.interactions.0.id": "q1",
        "cmi.interactions.0.type": "choice",
        "cmi.interactions.0.result": "wrong",
        "cmi.interactions.0.latency": "0000:00:05",
      },
      lms12,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.values["cmi.core.lesson_location"]).toBe("page-2");
    expect(result.values["cmi.core.student_id"]).toBeUndefined();
    expect(result.values["cmi.core.entry"]).toBeUndefined();
    expect(result.values["cmi.objectives._count"]).toBeUndefined();
  });

  it("refuses unknown elements with 401", () => {
    expect(refusal("1.2", { "cmi.core.score.scaled": "0.5" })).toMatchObject({
      element: "cmi.core.score.scaled",
      scormErrorCode: 401,
    });
    expect(refusal("1.2", { "cmi.location": "x" })?.scormErrorCode).toBe(401);
  });

  it("refuses changed read-only values with 403 and keyword writes with 402", () => {
    expect(refusal("1.2", { "cmi.core.student_id": "someone-else" }, lms12)?.scormErrorCode).toBe(403);
    expect(refusal("1.2", { "cmi.core.credit": "no-credit" }, lms12)?.scormErrorCode).toBe(403);
    expect(refusal("1.2", { "cmi.student_data.mastery_score": "50" }, lms12)?.scormErrorCode).toBe(403);
    expect(refusal("1.2", { "cmi.core._children": "raw" }, lms12)?.scormErrorCode).toBe(402);
  });

  it("refuses wrong types and vocabularies with 405", () => {
    expect(refusal("1.2", { "cmi.core.lesson_status": "done" })?.scormErrorCode).toBe(405);
    expect(refusal("1.2", { "cmi.core.score.raw": "eighty" })?.scormErrorCode).toBe(405);
    expect(refusal("1.2", { "cmi.core.score.raw": "101" })?.scormErrorCode).toBe(405);
    expect(refusal("1.2", { "cmi.core.session_time": "PT1M30S" })?.scormErrorCode).toBe(405);
    expect(refusal("1.2", { "cmi.core.exit": "normal" })?.scormErrorCode).toBe(405);
    expect(refusal("1.2", { "cmi.student_preference.speed": "101" })?.scormErrorCode).toBe(405);
    expect(refusal("1.2", { "cmi.interactions.0.type": "long-fill-in" })?.scormErrorCode).toBe(405);
    expect(refusal("1.2", { "cmi.core.lesson_location": "x".repeat(256) })?.scormErrorCode).toBe(405);
  });

  it("lets content echo 'not attempted' only while it is the status", () => {
    expect(refusal("1.2", { "cmi.core.lesson_status": "not attempted" }, lms12)).toBeNull();
    expect(
      refusal(
        "1.2",
        { "cmi.core.lesson_status": "not attempted" },
        { ...lms12, "cmi.core.lesson_status": "incomplete" },
      )?.scormErrorCode,
    ).toBe(405);
  });

  it("limits suspend_data to 4,096 characters", () => {
    expect(refusal("1.2", { "cmi.suspend_data": "x".repeat(4096) })).toBeNull();
    expect(refusal("1.2", { "cmi.suspend_data": "x".repeat(4097) })).toMatchObject({
      element: "cmi.suspend_data",
      scormErrorCode: 405,
    });
  });

  it("knows write-only elements", () => {
    expect(isWriteOnly("1.2", "cmi.core.exit")).toBe(true);
    expect(isWriteOnly("1.2", "cmi.interactions.3.result")).toBe(true);
    expect(isWriteOnly("1.2", "cmi.core.lesson_location")).toBe(false);
  });
});

describe("SCORM 2004 data model", () => {
  it("accepts a 4th Edition state with 64,000 characters of suspend data", () => {
    const result = checkCommitValues(
      "2004-4th",
      {
        ...lms2004,
        "cmi.entry": "resume",
        "cmi.total_time": "PT3M",
        "cmi._version": "1.0",
        "cmi.location": "page-2",
        "cmi.completion_status": "completed",
        "cmi.success_status": "passed",
        "cmi.score.scaled": "0.8",
        "cmi.score.raw": "80",
        "cmi.progress_measure": "1",
        "cmi.exit": "suspend",
        "cmi.session_time": "PT1M30S",
        "cmi.suspend_data": "x".repeat(64_000),
        "cmi.interactions.0.id": "urn:q1",
        "cmi.interactions.0.type": "long-fill-in",
        "cmi.interactions.0.timestamp": "2026-11-22T14:30:00Z",
        "cmi.interactions.0.result": "incorrect",
        "cmi.comments_from_learner.0.comment": "{lang=en}Useful",
        "adl.nav.request": "continue",
      },
      lms2004,
    );
    expect(result.ok).toBe(true);
  });

  it("uses 2004's error codes: 401 undefined, 404 read-only, 406 type mismatch, 407 out of range", () => {
    expect(refusal("2004-4th", { "cmi.core.lesson_status": "completed" })?.scormErrorCode).toBe(401);
    expect(refusal("2004-4th", { "cmi.learner_id": "other" }, lms2004)?.scormErrorCode).toBe(404);
    expect(refusal("2004-4th", { "cmi.completion_threshold": "0.5" }, lms2004)?.scormErrorCode).toBe(404);
    expect(refusal("2004-4th", { "cmi._version": "2.0" })?.scormErrorCode).toBe(404);
    expect(refusal("2004-4th", { "cmi.completion_status": "passed" })?.scormErrorCode).toBe(406);
    expect(refusal("2004-4th", { "cmi.success_status": "completed" })?.scormErrorCode).toBe(406);
    expect(refusal("2004-4th", { "cmi.score.scaled": "high" })?.scormErrorCode).toBe(406);
    expect(refusal("2004-4th", { "cmi.session_time": "0000:01:30" })?.scormErrorCode).toBe(406);
    expect(refusal("2004-4th", { "cmi.exit": "time-out-ish" })?.scormErrorCode).toBe(406);
    expect(refusal("2004-4th", { "cmi.score.scaled": "1.5" })?.scormErrorCode).toBe(407);
    expect(refusal("2004-4th", { "cmi.progress_measure": "-0.1" })?.scormErrorCode).toBe(407);
  });

  it("limits suspend_data by edition: 64,000 in the 3rd and 4th, 4,000 in the 2nd", () => {
    expect(refusal("2004-3rd", { "cmi.suspend_data": "x".repeat(64_001) })?.scormErrorCode).toBe(406);
    expect(refusal("2004-2nd", { "cmi.suspend_data": "x".repeat(4_001) })?.scormErrorCode).toBe(406);
    expect(refusal("2004-2nd", { "cmi.suspend_data": "x".repeat(4_000) })).toBeNull();
  });
});

const fresh = {
  completionStatus: "not attempted",
  successStatus: "unknown",
  scoreRaw: null,
  scoreMin: null,
  scoreMax: null,
  scoreScaled: null,
  suspended: false,
};
const noRules = { masteryScore: null, completionThreshold: null, scaledPassingScore: null };

describe("what the LMS decides", () => {
  it("1.2: a status still 'not attempted' at LMSFinish becomes completed", () => {
    const open = deriveScoState("1.2", { "cmi.core.lesson_status": "not attempted" }, noRules, fresh, false);
    expect(open.completionStatus).toBe("not attempted");
    const done = deriveScoState(
      "1.2",
      { "cmi.core.lesson_status": "not attempted", "cmi.core.session_time": "0000:01:30.00" },
      noRules,
      fresh,
      true,
    );
    expect(done).toMatchObject({
      completionStatus: "completed",
      successStatus: "unknown",
      sessionSeconds: 90,
    });
    expect(done.lmsSets["cmi.core.lesson_status"]).toBe("completed");
  });

  it("1.2: a mastery score decides passed or failed from the raw score", () => {
    const rules = { ...noRules, masteryScore: 70 };
    const pass = deriveScoState(
      "1.2",
      { "cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "80" },
      rules,
      fresh,
      false,
    );
    expect(pass).toMatchObject({ completionStatus: "completed", successStatus: "passed", scoreRaw: 80 });
    const fail = deriveScoState(
      "1.2",
      { "cmi.core.lesson_status": "completed", "cmi.core.score.raw": "60" },
      rules,
      fresh,
      false,
    );
    expect(fail).toMatchObject({ successStatus: "failed" });
    expect(isScoDone(fail, rules)).toBe(false);
    expect(isScoDone(pass, rules)).toBe(true);
    const noScore = deriveScoState("1.2", { "cmi.core.lesson_status": "completed" }, rules, fresh, false);
    expect(isScoDone(noScore, rules)).toBe(false);
  });

  it("1.2: exit suspend is remembered until the next exit value", () => {
    const suspended = deriveScoState("1.2", { "cmi.core.exit": "suspend" }, noRules, fresh, true);
    expect(suspended.suspended).toBe(true);
    expect(deriveScoState("1.2", {}, noRules, { ...fresh, suspended: true }, false).suspended).toBe(true);
    expect(
      deriveScoState("1.2", { "cmi.core.exit": "" }, noRules, { ...fresh, suspended: true }, false).suspended,
    ).toBe(false);
  });

  it("2004: completion and success are separate", () => {
    const state = deriveScoState(
      "2004-4th",
      { "cmi.completion_status": "completed", "cmi.success_status": "failed" },
      noRules,
      fresh,
      false,
    );
    expect(state).toMatchObject({ completionStatus: "completed", successStatus: "failed" });
    expect(isScoDone(state, noRules)).toBe(false);
    const unknownSuccess = deriveScoState(
      "2004-4th",
      { "cmi.completion_status": "completed" },
      noRules,
      fresh,
      false,
    );
    expect(isScoDone(unknownSuccess, noRules)).toBe(true);
  });

  it("2004: a completion threshold compares progress_measure, and is unknown without one", () => {
    const rules = { ...noRules, completionThreshold: 0.75 };
    expect(
      deriveScoState(
        "2004-4th",
        { "cmi.completion_status": "incomplete", "cmi.progress_measure": "0.8" },
        rules,
        fresh,
        false,
      ).completionStatus,
    ).toBe("completed");
    expect(
      deriveScoState(
        "2004-4th",
        { "cmi.completion_status": "completed", "cmi.progress_measure": "0.5" },
        rules,
        fresh,
        false,
      ).completionStatus,
    ).toBe("incomplete");
    const none = deriveScoState("2004-4th", { "cmi.completion_status": "completed" }, rules, fresh, false);
    expect(none.completionStatus).toBe("unknown");
    expect(none.lmsSets["cmi.completion_status"]).toBe("unknown");
  });

  it("2004: a scaled passing score compares score.scaled, and is unknown without one", () => {
    const rules = { ...noRules, scaledPassingScore: 0.7 };
    expect(
      deriveScoState(
        "2004-4th",
        { "cmi.success_status": "failed", "cmi.score.scaled": "0.8" },
        rules,
        fresh,
        false,
      ).successStatus,
    ).toBe("passed");
    expect(
      deriveScoState(
        "2004-4th",
        { "cmi.success_status": "passed", "cmi.score.scaled": "0.6" },
        rules,
        fresh,
        false,
      ).successStatus,
    ).toBe("failed");
    expect(
      deriveScoState("2004-4th", { "cmi.success_status": "passed" }, rules, fresh, false).successStatus,
    ).toBe("unknown");
  });

  it("2004: session time is added only when the session finishes", () => {
    expect(
      deriveScoState("2004-4th", { "cmi.session_time": "PT1M30S" }, noRules, fresh, false).sessionSeconds,
    ).toBe(0);
    expect(
      deriveScoState("2004-4th", { "cmi.session_time": "PT1M30S" }, noRules, fresh, true).sessionSeconds,
    ).toBe(90);
  });
});
