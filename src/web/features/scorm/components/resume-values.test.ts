import { describe, expect, it } from "vitest";
import { resumeValuesFrom, withoutUnsetValues } from "./resume-values";

describe("withoutUnsetValues", () => {
  it("leaves out empty elements that never held a value, but sends a real clearing", () => {
    const everSet = new Set(["cmi.core.lesson_location"]);
    const first = withoutUnsetValues(
      { "cmi.core.lesson_location": "", "cmi.student_preference.audio": "", "cmi.suspend_data": "a=1" },
      everSet,
    );
    expect(first).toEqual({ "cmi.core.lesson_location": "", "cmi.suspend_data": "a=1" });
    const second = withoutUnsetValues(
      { "cmi.suspend_data": "", "cmi.student_preference.audio": "" },
      everSet,
    );
    expect(second).toEqual({ "cmi.suspend_data": "" });
  });
});

describe("resumeValuesFrom", () => {
  it("resumes after a suspend and clears the session's own exit and time", () => {
    const values = resumeValuesFrom(
      "1.2",
      { "cmi.core.entry": "ab-initio", "cmi.core.student_id": "u1" },
      {
        "cmi.core.exit": "suspend",
        "cmi.core.session_time": "00:01:30",
        "cmi.core.lesson_location": "page-2",
      },
    );
    expect(values).toEqual({
      "cmi.core.entry": "resume",
      "cmi.core.student_id": "u1",
      "cmi.core.lesson_location": "page-2",
    });
  });

  it("starts with an empty entry after a normal exit (2004)", () => {
    expect(resumeValuesFrom("2004-4th", {}, { "cmi.exit": "normal", "cmi.location": "p3" })).toEqual({
      "cmi.entry": "",
      "cmi.location": "p3",
    });
  });
});
