import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpcResult } from "../../src/shared/spc/types.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let ipCounter = 0;

beforeAll(async () => {
  ctx = await createTestApp();
});

afterAll(async () => {
  await ctx?.close();
});

/** Posts to the analyse endpoint signed out, from its own IP address unless one is given (the limit is per IP). */
function analyse(body: unknown, options: { ip?: string; raw?: string } = {}) {
  ipCounter += 1;
  return ctx.app.inject({
    method: "POST",
    url: "/api/spc/analyse",
    headers: { "content-type": "application/json" },
    payload: options.raw ?? JSON.stringify(body),
    remoteAddress: options.ip ?? `10.7.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
  });
}

function weeks(count: number): string[] {
  const start = Date.UTC(2026, 0, 5);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

/** The field names of an error answer's details. */
function fields(response: { json(): unknown }): string[] {
  const body = response.json() as { details?: { field?: string }[] };
  return (body.details ?? []).map((d) => d.field ?? "");
}

describe("POST /api/spc/analyse", () => {
  it("analyses a worked example without signing in", async () => {
    // Baseline 4, 2 alternating (indices 0–9): mean 3, mean(MR) 2, limits 3 ± 5.32, two-sigma lines 3 ± 3.546.
    // 20 lies above the upper limit (8.32): outside_limits, an improvement when higher is better. The target 5 lies
    // between the limits: possibly met.
    const values = [4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 20];
    const response = await analyse({
      values,
      dates: weeks(11),
      improvementDirection: "increase",
      baselineEnd: 9,
      target: 5,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const result = response.json() as SpcResult;
    expect(result.points).toHaveLength(11);
    const last = result.points[10];
    expect(last).toMatchObject({
      index: 10,
      date: "2026-03-16",
      value: 20,
      mean: 3,
      median: 3,
      movingRange: 18,
      segment: 0,
      specialCause: "improvement",
      rules: ["outside_limits"],
    });
    expect(last?.upperProcessLimit).toBeCloseTo(8.32, 10);
    expect(last?.lowerProcessLimit).toBeCloseTo(-2.32, 10);
    expect(last?.upperTwoSigma).toBeCloseTo(6.546, 10);
    expect(last?.lowerTwoSigma).toBeCloseTo(-0.546, 10);
    expect(result.points[0]?.movingRange).toBeNull();
    expect(result.points.slice(0, 10).every((p) => p.specialCause === null && p.rules.length === 0)).toBe(
      true,
    );
    expect(result.summary).toMatchObject({
      variation: "improvement_high",
      assurance: "possibly_met",
      rules: {
        shiftLength: 6,
        trendLength: 6,
        excludeMovingRangeOutliers: false,
        twoOfThreeCountsBeyondLimits: true,
      },
      improvementDirection: "increase",
      target: 5,
      pointCount: 11,
      segmentStarts: [0],
      baselineEnd: 9,
      enoughDataForLimits: false,
      variationText: "Special cause variation: improvement (high).",
    });
  });

  it("uses the rule settings given and records them", async () => {
    // 5, 4, 5, 4, 5, 4 after the baseline: six above the mean — a shift at length 6, none at length 7.
    const values = [4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 5, 4, 5, 4, 5, 4];
    const six = (
      await analyse({ values, improvementDirection: "decrease", baselineEnd: 9 })
    ).json() as SpcResult;
    expect(six.points[15]).toMatchObject({ rules: ["shift"], specialCause: "concern" });
    const seven = await analyse({
      values,
      improvementDirection: "decrease",
      baselineEnd: 9,
      rules: { shiftLength: 7 },
    });
    expect(seven.statusCode).toBe(200);
    const result = seven.json() as SpcResult;
    expect(result.points[15]?.rules).toEqual([]);
    expect(result.summary.rules.shiftLength).toBe(7);
  });

  it("rebases at the indices given", async () => {
    const response = await analyse({
      values: [1, 2, 1, 2, 11, 12, 11, 12],
      improvementDirection: "neither",
      rebaseAt: [4],
    });
    const result = response.json() as SpcResult;
    expect(result.summary.segmentStarts).toEqual([0, 4]);
    expect(result.points.map((p) => p.mean)).toEqual([1.5, 1.5, 1.5, 1.5, 11.5, 11.5, 11.5, 11.5]);
  });

  it("accepts 10,000 points with dates", async () => {
    const start = Date.UTC(1990, 0, 1);
    const dates = Array.from({ length: 10_000 }, (_, i) =>
      new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    );
    const values = Array.from({ length: 10_000 }, (_, i) => 1000 + ((i * 7919) % 997) / 3);
    const response = await analyse({ values, dates, improvementDirection: "increase" });
    expect(response.statusCode).toBe(200);
    expect((response.json() as SpcResult).points).toHaveLength(10_000);
  });

  describe("refuses shapes and types with 400, naming the field", () => {
    it.each([
      [
        "a string value",
        { values: [1, "2", 3], improvementDirection: "increase" },
        "values.1",
        "values[1] is not a finite number",
      ],
      [
        "a null value",
        { values: [1, 2, null], improvementDirection: "increase" },
        "values.2",
        "values[2] is not a finite number",
      ],
      [
        'the string "Infinity"',
        { values: ["Infinity"], improvementDirection: "increase" },
        "values.0",
        "values[0]",
      ],
      ["values that are not a list", { values: "1,2,3", improvementDirection: "increase" }, "values", ""],
      ["no direction", { values: [1, 2] }, "improvementDirection", ""],
      ["an unknown direction", { values: [1, 2], improvementDirection: "up" }, "improvementDirection", ""],
      [
        "an unknown field",
        { values: [1, 2], improvementDirection: "increase", colour: "red" },
        "colour",
        "Remove",
      ],
      [
        "an unknown rule",
        { values: [1, 2], improvementDirection: "increase", rules: { runLength: 7 } },
        "rules.runLength",
        "Remove",
      ],
      [
        "a rule flag that is not true or false",
        { values: [1], improvementDirection: "increase", rules: { excludeMovingRangeOutliers: "yes" } },
        "rules.excludeMovingRangeOutliers",
        "",
      ],
      [
        "a target that is not a number",
        { values: [1], improvementDirection: "increase", target: "5" },
        "target",
        "target is not a finite number",
      ],
      [
        "a date that is not a string",
        { values: [1], improvementDirection: "increase", dates: [20260105] },
        "dates.0",
        "",
      ],
    ])("%s", async (_name, body, field, message) => {
      const response = await analyse(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: "validation_failed" });
      expect(fields(response)).toContain(field);
      expect(JSON.stringify(response.json())).toContain(message);
    });

    it("a number too large for a double (1e400 reads as Infinity)", async () => {
      const response = await analyse(null, { raw: '{"values":[1,1e400],"improvementDirection":"increase"}' });
      expect(response.statusCode).toBe(400);
      expect(fields(response)).toEqual(["values.1"]);
    });

    it("a bare Infinity, which is not JSON", async () => {
      const response = await analyse(null, {
        raw: '{"values":[1,Infinity],"improvementDirection":"increase"}',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: "malformed_json" });
    });
  });

  describe("refuses a series it cannot analyse with 422, naming every field", () => {
    const ok = { values: [1, 2, 3], improvementDirection: "increase" };
    it.each([
      ["an empty series", { ...ok, values: [] }, ["values"]],
      ["more than 10,000 points", { ...ok, values: Array(10_001).fill(1) }, ["values"]],
      ["dates of the wrong length", { ...ok, dates: ["2026-01-05"] }, ["dates"]],
      ["a date that is not ISO", { ...ok, dates: ["2026-01-05", "12/01/2026", "2026-01-19"] }, ["dates.1"]],
      ["a repeated date", { ...ok, dates: ["2026-01-05", "2026-01-05", "2026-01-19"] }, ["dates.1"]],
      ["dates out of order", { ...ok, dates: ["2026-01-12", "2026-01-05", "2026-01-19"] }, ["dates.1"]],
      [
        "rule lengths outside 5–10",
        { ...ok, rules: { shiftLength: 4, trendLength: 11 } },
        ["rules.shiftLength", "rules.trendLength"],
      ],
      ["a baselineEnd past the end", { ...ok, baselineEnd: 5 }, ["baselineEnd"]],
      ["a fractional baselineEnd", { ...ok, baselineEnd: 1.5 }, ["baselineEnd"]],
      [
        "rebaseAt at 0, repeated and past the end",
        { ...ok, rebaseAt: [0, 1, 1, 9] },
        ["rebaseAt.0", "rebaseAt.2", "rebaseAt.3"],
      ],
    ])("%s", async (_name, body, expected) => {
      const response = await analyse(body);
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ error: "validation_failed" });
      expect(fields(response)).toEqual(expected);
    });

    it("says why dates out of order are refused", async () => {
      const response = await analyse({ ...ok, dates: ["2026-01-12", "2026-01-05", "2026-01-19"] });
      expect((response.json() as { message: string }).message).toContain("values are positional");
    });

    it("sums up several problems in the message", async () => {
      const response = await analyse({ ...ok, values: [], rules: { shiftLength: 2 } });
      expect((response.json() as { message: string }).message).toMatch(/there are 2 problems/);
    });
  });

  it("answers a body of many wrong-typed entries briefly, listing the first 50", async () => {
    const raw = `{"improvementDirection":"increase","values":[${Array(10_000).fill('"a"').join(",")}]}`;
    const started = performance.now();
    const response = await analyse(null, { raw });
    expect(response.statusCode).toBe(400);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.body.length).toBeLessThan(10_000);
    const body = response.json() as { message: string; details: { field: string; message: string }[] };
    expect(body.details).toHaveLength(51);
    expect(body.details[0]).toEqual({
      field: "values.0",
      message: "values[0] is not a finite number: send JSON numbers (not strings, null or Infinity)",
    });
    expect(body.details[50]?.message).toContain("9,950 more");
    // 200,000 of them are over the limit: refused on their count alone.
    const huge = await analyse(null, {
      raw: `{"improvementDirection":"increase","values":[${Array(200_000).fill('"a"').join(",")}]}`,
    });
    expect(huge.statusCode).toBe(422);
    expect(huge.body.length).toBeLessThan(1000);
  });

  it("refuses a body of many unknown fields in one error", async () => {
    const body: Record<string, unknown> = { values: [1], improvementDirection: "increase" };
    for (let i = 0; i < 5000; i += 1) body[`field${i}`] = i;
    const response = await analyse(body);
    expect(response.statusCode).toBe(400);
    expect(response.body.length).toBeLessThan(1000);
    expect((response.json() as { message: string }).message).toContain("5,002 fields");
  });

  it("refuses over 10,000 dates or rebase indices with 422 before reading them", async () => {
    const dates = await analyse({
      values: [1],
      improvementDirection: "increase",
      dates: Array(10_001).fill("x"),
    });
    expect(dates.statusCode).toBe(422);
    expect(fields(dates)).toEqual(["dates"]);
    const rebases = await analyse({
      values: [1],
      improvementDirection: "increase",
      rebaseAt: Array(10_001).fill(1),
    });
    expect(rebases.statusCode).toBe(422);
    expect(fields(rebases)).toEqual(["rebaseAt"]);
  });

  it("answers 413 with what fits for a body over 1 MB", async () => {
    const response = await analyse({
      values: Array(300_000).fill(1234.5678),
      improvementDirection: "increase",
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: "payload_too_large" });
    expect((response.json() as { message: string }).message).toContain("10,000 values");
  });

  it("allows 60 requests a minute per IP address, then answers 429 with Retry-After", async () => {
    const body = { values: [1, 2, 3], improvementDirection: "increase" };
    for (let i = 0; i < 60; i += 1) {
      const response = await analyse(body, { ip: "10.9.9.9" });
      expect(response.statusCode).toBe(200);
    }
    const limited = await analyse(body, { ip: "10.9.9.9" });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: "rate_limited" });
    const retryAfter = Number(limited.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Bad requests count too, and another address is not affected.
    expect((await analyse({ values: [] }, { ip: "10.9.9.9" })).statusCode).toBe(429);
    expect((await analyse(body, { ip: "10.9.9.10" })).statusCode).toBe(200);
  });

  it("is listed in the OpenAPI document with its schemas", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const spec = response.json() as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    const operation = spec.paths["/api/spc/analyse"]?.post;
    expect(operation).toBeDefined();
    expect(operation?.requestBody).toBeDefined();
    expect(Object.keys(operation?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "413", "422", "429"]),
    );
    expect(JSON.stringify(operation)).toContain("positional");
  });
});
