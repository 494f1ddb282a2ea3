import { describe, expect, it } from "vitest";
import { moduleAnnotations } from "./team-measures-annotations.js";

describe("moduleAnnotations", () => {
  it("marks each start and completion in date order, with the module's title", () => {
    expect(
      moduleAnnotations([
        { title: "Well Organised Working Environment", startedOn: "2026-03-09", completedOn: "2026-04-20" },
        { title: "Knowing How We Are Doing", startedOn: "2026-04-06", completedOn: null },
        { title: "Patient Status at a Glance", startedOn: null, completedOn: null },
      ]),
    ).toEqual([
      { date: "2026-03-09", label: "Started Well Organised Working Environment", kind: "note" },
      { date: "2026-04-06", label: "Started Knowing How We Are Doing", kind: "note" },
      { date: "2026-04-20", label: "Completed Well Organised Working Environment", kind: "note" },
    ]);
  });

  it("keeps house order for marks on the same day", () => {
    expect(
      moduleAnnotations([
        { title: "A", startedOn: "2026-01-05", completedOn: "2026-02-16" },
        { title: "B", startedOn: "2026-02-16", completedOn: null },
      ]).map((a) => a.label),
    ).toEqual(["Started A", "Completed A", "Started B"]);
  });

  it("gives nothing for a team that has started no module", () => {
    expect(moduleAnnotations([])).toEqual([]);
  });
});
