import { describe, expect, it } from "vitest";
import { decideModeration } from "./moderation.rules.js";

describe("decideModeration", () => {
  it("hides a visible comment and restores a hidden one", () => {
    expect(decideModeration("visible", "hide", 1)).toEqual({ ok: true, nextState: "hidden" });
    expect(decideModeration("hidden", "restore", 0)).toEqual({ ok: true, nextState: "visible" });
  });

  it("removes visible and hidden comments for good", () => {
    expect(decideModeration("visible", "remove", 2)).toEqual({ ok: true, nextState: "removed" });
    expect(decideModeration("hidden", "remove", 0)).toEqual({ ok: true, nextState: "removed" });
  });

  it("refuses acting twice", () => {
    expect(decideModeration("hidden", "hide", 0)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already hidden/),
    });
    expect(decideModeration("visible", "restore", 0)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already visible/),
    });
    expect(decideModeration("removed", "remove", 0)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already been removed/),
    });
  });

  it("treats removal as final", () => {
    expect(decideModeration("removed", "restore", 0)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/final/),
    });
    expect(decideModeration("removed", "hide", 0)).toMatchObject({ ok: false });
  });

  it("leaves a comment its author deleted alone but lets its reports be dismissed", () => {
    for (const action of ["hide", "restore", "remove"] as const) {
      expect(decideModeration("deleted", action, 1)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/deleted/),
      });
    }
    expect(decideModeration("deleted", "dismiss", 1)).toEqual({ ok: true, nextState: "deleted" });
  });

  it("dismisses only when there are open reports, leaving the state as it is", () => {
    expect(decideModeration("visible", "dismiss", 3)).toEqual({ ok: true, nextState: "visible" });
    expect(decideModeration("hidden", "dismiss", 0)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no open reports/),
    });
  });
});
