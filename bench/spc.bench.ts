/**
 * SPC benchmark: analysing 1,000 series of 100 points through the public API (`POST /api/spc/analyse` by app.inject
 * in process: routing, the per-IP rate limit's one upsert, zod validation of body and response, JSON both ways)
 * against calling analyseSpc directly on the same series, in the same run, alternating rounds; prints both
 * throughputs and the ratio direct ÷ API. Then times the engine alone on 10,000 points (median of several runs)
 * against its 50 ms budget; the run fails when the median is over it.
 *
 * Every API request comes from its own IP address, so the real limit (60 a minute per address) stays as it is and is
 * still exercised on every request. BENCH_DATABASE_URL (or TEST_DATABASE_URL) for a throwaway PostgreSQL database,
 * otherwise PGlite in memory; BENCH_ROUNDS pairs of rounds (default 3); BENCH_RUNS engine runs (default 25).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/platform/config.js";
import { type Database, openDatabase, runMigrations } from "../src/server/platform/db.js";
import { analyseSpc } from "../src/shared/spc/engine.js";
import type { ImprovementDirection, SpcInput, SpcResult } from "../src/shared/spc/types.js";
import { createThrowawayDatabase } from "../tests/support/throwaway-database.js";
import { percentile } from "./support/latency.js";

const SERIES = 1000;
const POINTS = 100;
const ENGINE_POINTS = 10_000;
const ENGINE_BUDGET_MS = 50;
const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "results");

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a whole number above 0 (got "${raw}")`);
  return value;
}
const ROUNDS = envCount("BENCH_ROUNDS", 3);
const ENGINE_RUNS = envCount("BENCH_RUNS", 25);

/** A small deterministic generator (mulberry32), so every run analyses the same series. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weekly dates from 2020-01-06. */
function weeklyDates(count: number): string[] {
  const start = Date.UTC(2020, 0, 6);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Noisy series around a level, half of them with a step change two-thirds of the way (so the rules have work). */
function makeSeries(count: number, points: number): SpcInput[] {
  const next = random(20260105);
  const dates = weeklyDates(points);
  const directions: ImprovementDirection[] = ["increase", "decrease", "neither"];
  return Array.from({ length: count }, (_, s) => {
    const level = 20 + next() * 80;
    const step = s % 2 === 0 ? level * 0.3 : 0;
    const values = Array.from(
      { length: points },
      (_, i) =>
        Math.round((level + (i > (points * 2) / 3 ? step : 0) + (next() - 0.5) * level * 0.4) * 100) / 100,
    );
    return {
      values,
      dates,
      improvementDirection: directions[s % 3] ?? "increase",
      target: Math.round(level),
      ...(s % 4 === 0 ? { baselineEnd: 19 } : {}),
      ...(s % 5 === 0 ? { rebaseAt: [Math.floor((points * 2) / 3) + 1] } : {}),
    };
  });
}

/** A distinct IPv4 address for the n-th request. */
function addressFor(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<void> | void> = [];
  let failed = false;
  try {
    const baseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
    const throwaway = baseUrl ? await createThrowawayDatabase(baseUrl, "qia_bench") : null;
    if (throwaway) cleanups.push(throwaway.drop);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "qia-bench-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const config = loadConfig({
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      DATA_DIR: dataDir,
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "silent",
      SEED_DEMO: "false",
      ...(throwaway ? { DATABASE_URL: throwaway.url } : {}),
    });
    const database: Database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: "memory://",
      poolSize: config.databasePoolSize,
    });
    cleanups.push(() => database.close());
    await runMigrations(database, config.databaseUrl);
    const app = await buildApp({ config, database });
    cleanups.push(() => app.close());
    await app.ready();

    const series = makeSeries(SERIES, POINTS);
    const payloads = series.map((input) => JSON.stringify(input));
    let requestNumber = 0;

    /** Every series through the API, one after another; checks each answer against the engine's. */
    const viaApi = async (check: boolean): Promise<number> => {
      const started = performance.now();
      for (let s = 0; s < SERIES; s += 1) {
        requestNumber += 1;
        const response = await app.inject({
          method: "POST",
          url: "/api/spc/analyse",
          headers: { "content-type": "application/json" },
          payload: payloads[s],
          remoteAddress: addressFor(requestNumber),
        });
        if (response.statusCode !== 200) {
          throw new Error(`series ${s}: ${response.statusCode} ${response.body.slice(0, 300)}`);
        }
        if (check) {
          const answer = response.json() as SpcResult;
          const input = series[s];
          const direct = input ? analyseSpc(input) : null;
          if (JSON.stringify(answer) !== JSON.stringify(direct))
            throw new Error(`series ${s}: the API and engine differ`);
        }
      }
      return performance.now() - started;
    };
    let sink = 0;
    /** Every series through the engine directly. */
    const direct = (): number => {
      const started = performance.now();
      for (const input of series) sink += analyseSpc(input).points.length;
      return performance.now() - started;
    };

    // Warm-up (and a full check that the API answers exactly what the engine computes).
    await viaApi(true);
    direct();
    direct();

    const rounds: Array<{ apiMs: number; directMs: number }> = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const directMs = direct();
      const apiMs = await viaApi(false);
      rounds.push({ apiMs, directMs });
    }
    const apiPerSecond = (SERIES * 1000) / median(rounds.map((r) => r.apiMs));
    const directPerSecond = (SERIES * 1000) / median(rounds.map((r) => r.directMs));
    const flagged = series.reduce(
      (n, input) => n + analyseSpc(input).points.filter((p) => p.specialCause !== null).length,
      0,
    );

    // The engine alone on 10,000 points.
    const big = makeSeries(1, ENGINE_POINTS)[0];
    if (!big) throw new Error("no series");
    const bigInput: SpcInput = { ...big, dates: weeklyDates(ENGINE_POINTS), rebaseAt: [2500, 5000, 7500] };
    for (let i = 0; i < 5; i += 1) sink += analyseSpc(bigInput).points.length;
    const engineTimes: number[] = [];
    for (let i = 0; i < ENGINE_RUNS; i += 1) {
      const started = performance.now();
      sink += analyseSpc(bigInput).points.length;
      engineTimes.push(performance.now() - started);
    }
    const sorted = [...engineTimes].sort((a, b) => a - b);
    const engineMedian = percentile(sorted, 50);
    const engineMax = sorted[sorted.length - 1] ?? 0;
    const underBudget = engineMedian < ENGINE_BUDGET_MS;
    failed = !underBudget;

    const where = database.kind === "postgres" ? "PostgreSQL (throwaway database)" : "PGlite in memory";
    console.log(
      `SPC benchmark on ${where}; ${os.cpus().length} CPUs, Node ${process.version}, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `  data: ${SERIES.toLocaleString("en-GB")} series of ${POINTS} weekly points (half with a step change; ${flagged.toLocaleString("en-GB")} points flagged in all), ${ROUNDS} alternating rounds, medians`,
    );
    console.log(
      "  api:    POST /api/spc/analyse by app.inject, one request after another, each from its own IP address",
    );
    console.log("          (rate-limit upsert, zod body and response validation, JSON both ways)");
    console.log("  direct: analyseSpc on the same inputs in the same process");
    console.log(
      `  api     ${apiPerSecond.toFixed(0).padStart(8)} series/s  (${(1000 / apiPerSecond).toFixed(2)} ms each)`,
    );
    console.log(
      `  direct  ${directPerSecond.toFixed(0).padStart(8)} series/s  (${(1000 / directPerSecond).toFixed(3)} ms each)`,
    );
    console.log(
      `  ratio direct ÷ api: ${(directPerSecond / apiPerSecond).toFixed(1)}× (api ÷ direct ${(apiPerSecond / directPerSecond).toFixed(3)})`,
    );
    console.log(
      `  engine on ${ENGINE_POINTS.toLocaleString("en-GB")} points (3 rebases): median ${engineMedian.toFixed(2)} ms, max ${engineMax.toFixed(2)} ms over ${ENGINE_RUNS} runs → ${underBudget ? "PASS" : "FAIL"} (budget ${ENGINE_BUDGET_MS} ms)`,
    );

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `spc-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          benchmark: "spc",
          database: database.kind,
          series: SERIES,
          points: POINTS,
          rounds,
          apiPerSecond,
          directPerSecond,
          ratioDirectToApi: directPerSecond / apiPerSecond,
          engine: {
            points: ENGINE_POINTS,
            runs: engineTimes,
            medianMs: engineMedian,
            budgetMs: ENGINE_BUDGET_MS,
          },
          sink,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`\n  results written to ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error("cleanup failed:", error);
      }
    }
  }
  if (failed) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
