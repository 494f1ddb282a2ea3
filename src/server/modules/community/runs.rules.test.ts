import { describe, expect, it } from "vitest";
import { runDateOrderProblems } from "../../../shared/runs.js";
import { chooseCurrentRun, instantFromUk, ukFromInstant } from "./runs.rules.js";

const at = (iso: string) => new Date(iso);

describe("UK wall-clock times", () => {
  it("reads GMT and BST on the right days and writes them back", () => {
    expect(instantFromUk("2027-01-10T09:00").toISOString()).toBe("2027-01-10T09:00:00.000Z");
    expect(instantFromUk("2027-07-10T09:00").toISOString()).toBe("2027-07-10T08:00:00.000Z");
    expect(ukFromInstant(at("2027-07-10T08:00:00Z"))).toBe("2027-07-10T09:00");
  });
});

describe("runDateOrderProblems", () => {
  const ok = {
    opensAt: "2027-03-01T09:00",
    liveStartsAt: "2027-03-03T09:00",
    liveEndsAt: "2027-03-10T17:00",
    commentsCloseAt: "2027-03-24T17:00",
    catchUpUntil: "2027-05-01T17:00",
  };
  it("accepts ordered dates, and equal neighbours where allowed", () => {
    expect(runDateOrderProblems(ok)).toEqual({});
    expect(
      runDateOrderProblems({
        ...ok,
        liveStartsAt: ok.opensAt,
        commentsCloseAt: ok.liveEndsAt,
        catchUpUntil: ok.liveEndsAt,
      }),
    ).toEqual({});
  });
  it("blames the later date of each pair out of order", () => {
    expect(runDateOrderProblems({ ...ok, liveEndsAt: ok.liveStartsAt })).toEqual({
      liveEndsAt: "The live week must end after it starts",
    });
    expect(Object.keys(runDateOrderProblems({ ...ok, liveStartsAt: "2027-02-01T09:00" }))).toEqual([
      "liveStartsAt",
    ]);
    expect(Object.keys(runDateOrderProblems({ ...ok, catchUpUntil: "2027-03-01T09:00" }))).toEqual([
      "catchUpUntil",
    ]);
  });
});

describe("chooseCurrentRun", () => {
  const run = (id: string, opens: string, closes: string) => ({
    id,
    opensAt: at(opens),
    commentsCloseAt: at(closes),
  });
  const now = at("2027-03-05T12:00:00Z");
  it("takes the most recently opened of the runs open for comments", () => {
    const runs = [
      run("old", "2027-02-01T00:00:00Z", "2027-03-20T00:00:00Z"),
      run("newer", "2027-03-01T00:00:00Z", "2027-03-30T00:00:00Z"),
      run("closed", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"),
      run("next", "2027-04-01T00:00:00Z", "2027-04-30T00:00:00Z"),
    ];
    expect(chooseCurrentRun(runs, now)?.id).toBe("newer");
  });
  it("falls back to the next to open, then to none", () => {
    const runs = [
      run("later", "2027-05-01T00:00:00Z", "2027-05-30T00:00:00Z"),
      run("sooner", "2027-04-01T00:00:00Z", "2027-04-30T00:00:00Z"),
      run("closed", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"),
    ];
    expect(chooseCurrentRun(runs, now)?.id).toBe("sooner");
    expect(chooseCurrentRun([runs[2] as (typeof runs)[number]], now)).toBeNull();
  });
});
