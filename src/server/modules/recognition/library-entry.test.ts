import { describe, expect, it } from "vitest";
import { aimSummary, consentingAuthors, searchTextOf, stripTeam } from "./library-entry.js";

const members = [
  { givenName: "Ada", familyName: "Named", email: "ada@example.test", nameInLibrary: true },
  { givenName: "Quinn", familyName: "Private", email: "quinn@example.test", nameInLibrary: false },
];

describe("what the library publishes", () => {
  it("empties the team list, drops personal keys and replaces team members' names and emails in text", () => {
    const doc = {
      project: { title: "Falls", teamName: "Ward 7" },
      team: [{ name: "Quinn Private", role: "member", responsibility: "" }],
      sections: { methods: "Quinn  Private and ada@example.test ran the tests.", aim: "Fewer falls" },
      charts: [{ createdBy: "someone", title: "Falls" }],
    };
    const out = stripTeam(doc, members);
    const text = JSON.stringify(out);
    expect(text).not.toContain("Quinn");
    expect(text).not.toContain("ada@example.test");
    expect(text).not.toContain("createdBy");
    expect(out).toMatchObject({ team: [], project: { teamName: "Ward 7" } });
    expect((out as { sections: { methods: string } }).sections.methods).toBe(
      "a team member and a team member ran the tests.",
    );
  });

  it("names only consenting authors", () => {
    expect(consentingAuthors(members)).toEqual(["Ada Named"]);
  });

  it("searches the title and the sections", () => {
    expect(searchTextOf("Falls", { sections: { a: "one", b: "two" }, charts: [{ title: "ignored" }] })).toBe(
      "Falls\none\ntwo",
    );
  });

  it("summarises the aim in one line", () => {
    expect(aimSummary({ what: "Reduce falls", howMuch: "by 30%", byWhen: "2027-03-31" })).toBe(
      "Reduce falls by 30% by 31 March 2027",
    );
  });
});
