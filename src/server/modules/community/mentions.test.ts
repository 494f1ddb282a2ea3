import { describe, expect, it } from "vitest";
import { findMentions, mentionText } from "./mentions.js";

const people = [
  { id: "f1", name: "Femi Adeyemi" },
  { id: "f2", name: "Chloé Brown" },
];

describe("findMentions", () => {
  it("finds each mentioned facilitator once, in any letter case", () => {
    expect(findMentions("@Femi Adeyemi and @femi adeyemi, also @CHLOÉ BROWN.", people).sort()).toEqual([
      "f1",
      "f2",
    ]);
  });

  it("ignores a longer name and text without the @", () => {
    expect(findMentions("@Femi Adeyemis wrote; Femi Adeyemi agreed", people)).toEqual([]);
  });

  it("finds a mention after a longer look-alike in the same body", () => {
    expect(findMentions("@Femi Adeyemis and @Femi Adeyemi", people)).toEqual(["f1"]);
  });

  it("writes a mention as @Given Family", () => {
    expect(mentionText("Femi Adeyemi")).toBe("@Femi Adeyemi");
  });
});
