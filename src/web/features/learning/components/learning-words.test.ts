import { describe, expect, it } from "vitest";
import {
  accessSentence,
  accessShortWords,
  fileSizeWords,
  fileTypeWords,
  stepFactsWords,
  stepKindWords,
  stepsCompleteWords,
} from "./learning-words";

describe("learning words", () => {
  it("says how far through a course the learner is", () => {
    expect(stepsCompleteWords(3, 12, 25)).toBe("3 of 12 steps complete (25%)");
    expect(stepsCompleteWords(0, 1, 0)).toBe("0 of 1 step complete (0%)");
  });

  it("says when access ends, ended or starts again", () => {
    const dates = { startsAt: "2026-09-01T09:00:00Z", expiresAt: "2027-05-24T10:00:00Z" };
    expect(accessSentence({ ...dates, state: "active" })).toBe("Your access ends on 24 May 2027");
    expect(accessSentence({ ...dates, state: "expired" })).toBe("Your access ended on 24 May 2027");
    expect(accessSentence({ ...dates, state: "deferred" })).toBe(
      "Your course starts again on 1 September 2026",
    );
    expect(accessShortWords({ ...dates, state: "active" })).toBe("Access ends 24 May 2027");
    expect(accessShortWords({ ...dates, state: "expired" })).toBe("Access ended 24 May 2027");
    expect(accessShortWords({ ...dates, state: "deferred" })).toBe("Starts again 1 September 2026");
  });

  it("names steps, including kinds added later", () => {
    expect(stepKindWords("quiz", true)).toBe("Final quiz");
    expect(stepKindWords("scorm")).toBe("Interactive activity");
    expect(stepKindWords("discussion")).toBe("Activity");
    expect(stepFactsWords({ kind: "article", minutes: 1, required: false })).toBe(
      "Article, 1 minute, optional",
    );
  });

  it("describes files by type and size", () => {
    expect(fileSizeWords(900)).toBe("900 bytes");
    expect(fileSizeWords(122_880)).toBe("120 KB");
    expect(fileSizeWords(1_258_291)).toBe("1.2 MB");
    expect(fileSizeWords(52_428_800)).toBe("50 MB");
    expect(fileTypeWords("application/pdf", "pdsa.pdf")).toBe("PDF");
    expect(
      fileTypeWords("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx"),
    ).toBe("Word document");
    expect(fileTypeWords("application/octet-stream", "chart.xyz")).toBe("XYZ");
    expect(fileTypeWords("application/octet-stream", "noextension")).toBe("file");
  });
});
