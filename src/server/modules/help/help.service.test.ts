import { describe, expect, it } from "vitest";
import { MATCH_END, MATCH_START } from "./help.repository.js";
import { anyOfWords, toSnippet } from "./help.service.js";

const mark = (word: string) => `${MATCH_START}${word}${MATCH_END}`;

describe("toSnippet", () => {
  it("keeps link text, drops link targets, emphasis, headings and list marks, and marks the matches", () => {
    const headline = `## Where\n\nYour **${mark("ESR")} number** is on your [${mark("payslip")}](https://example.org/p).\n\n- Type it\n1. Save`;
    expect(toSnippet(headline, "summary")).toEqual([
      { text: "Where Your ", match: false },
      { text: "ESR", match: true },
      { text: " number is on your ", match: false },
      { text: "payslip", match: true },
      { text: ". Type it Save", match: false },
    ]);
  });

  it("copes with a fragment that starts inside a link", () => {
    expect(toSnippet(`payslip](/account) and ${mark("more")}`, "s")).toEqual([
      { text: "payslip and ", match: false },
      { text: "more", match: true },
    ]);
  });

  it("keeps underscores inside words but drops emphasis underscores", () => {
    expect(toSnippet(`_${mark("snake_case")}_ here`, "s")).toEqual([
      { text: "snake_case", match: true },
      { text: " here", match: false },
    ]);
  });

  it("gives the summary when nothing in the body matched", () => {
    expect(toSnippet("Nothing marked here", "The summary")).toEqual([{ text: "The summary", match: false }]);
  });
});

describe("anyOfWords", () => {
  it("joins words with or, dropping quotes and minus signs", () => {
    expect(anyOfWords('access "expires -soon')).toBe("access or expires or soon");
    expect(anyOfWords("  esr   or payslip ")).toBe("esr or payslip");
  });

  it("is null for one word", () => {
    expect(anyOfWords("payslip")).toBeNull();
    expect(anyOfWords('"payslip"')).toBeNull();
  });
});
