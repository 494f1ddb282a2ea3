/**
 * What every HTTP benchmark shares: a throwaway database, the app's production config, servers on ephemeral ports,
 * a bare Fastify baseline of the same body size, query counting, autocannon rounds alternating bare → app, the
 * printed ratio and a JSON report in bench/results/. Each benchmark supplies only its route and its data.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import Fastify, { type FastifyInstance } from "fastify";
import pg from "pg";
import { buildApp } from "../../src/server/app.js";
import { type AppConfig, loadConfig } from "../../src/server/platform/config.js";
import { type Database, openDatabase, runMigrations } from "../../src/server/platform/db.js";
import { createLoggerOptions } from "../../src/server/platform/logger.js";
import { seedDirectory } from "../../src/server/seed.js";
import type { TestContext } from "../../tests/support/test-app.js";
import { createThrowawayDatabase } from "../../tests/support/throwaway-database.js";

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const PROBE_REQUESTS = 200;
const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../results");

/** A whole number of seconds or rounds from the environment, or the default. */
function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number (got "${raw}")`);
  return value;
}

/** Cleanup steps, run once in reverse order whether the run ends well, badly, or by Ctrl-C. */
const cleanups: Array<{ label: string; run: () => Promise<void> | void }> = [];
let cleanedUp = false;
async function cleanUp(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const step of cleanups.reverse()) {
    try {
      await step.run();
    } catch (error) {
      console.error(`cleanup "${step.label}" failed:`, error);
    }
  }
}
process.once("SIGINT", () => {
  console.error("\ninterrupted: cleaning up");
  void cleanUp().then(() => process.exit(130));
});

/** Where the run's database lives and how to describe it without credentials. */
interface BenchDatabase {
  kind: "postgres" | "pglite";
  databaseUrl: string | null;
  description: string;
}

/** A new, empty PostgreSQL database named for this run, created from a base URL; registered for dropping at the end. */
async function createBenchDatabase(baseUrl: string): Promise<BenchDatabase> {
  const throwaway = await createThrowawayDatabase(baseUrl, "qia_bench");
  cleanups.push({ label: `drop database ${throwaway.name}`, run: throwaway.drop });
  return {
    kind: "postgres",
    databaseUrl: throwaway.url,
    description: `PostgreSQL, throwaway database ${throwaway.name} on ${new URL(throwaway.url).host}`,
  };
}

/** The app's config as production would have it, with logging off and a fresh secret. */
function productionConfig(databaseUrl: string | null): AppConfig {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qia-bench-"));
  cleanups.push({ label: `remove ${dataDir}`, run: () => rmSync(dataDir, { recursive: true, force: true }) });
  return loadConfig({
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
}

/** Starts a server on 127.0.0.1 on a port the OS picks; returns its base URL and registers its closing. */
async function listen(app: FastifyInstance, label: string): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  cleanups.push({ label: `close ${label}`, run: () => app.close() });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error(`${label} has no TCP address`);
  return `http://127.0.0.1:${address.port}`;
}

/** A JSON object whose serialised form is exactly `bytes` long (the bare route's body). */
function bodyOfSize(bytes: number): Record<string, string> {
  const shell = { id: "00000000-0000-4000-8000-000000000000", message: "bare fastify baseline", padding: "" };
  const missing = bytes - JSON.stringify(shell).length;
  return { ...shell, padding: "x".repeat(Math.max(0, missing)) };
}

/** Counts driver-level queries while `work` runs (PostgreSQL: pg.Client#query; PGlite: PGlite#query). */
async function countQueries(kind: BenchDatabase["kind"], work: () => Promise<void>): Promise<number> {
  // Both prototypes are patched for the probe only and restored after; `query` takes varied overloads, hence the casts.
  const target = (kind === "postgres" ? pg.Client.prototype : PGlite.prototype) as unknown as {
    query: (...args: unknown[]) => unknown;
  };
  const original = target.query;
  let calls = 0;
  target.query = function countedQuery(this: unknown, ...args: unknown[]) {
    calls += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    target.query = original;
  }
  return calls;
}

/** One autocannon run against a URL, on a worker thread so the load generator does not share the servers' event loop. */
async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, workers: 1 });
}

/** Fails loudly if anything but 200 came back: a flood of 401s would fake a good ratio. */
function assertAllOk(label: string, result: autocannon.Result): void {
  const other = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => code !== "200");
  if (
    result.non2xx > 0 ||
    result.errors > 0 ||
    result.timeouts > 0 ||
    other.length > 0 ||
    result.requests.total === 0
  ) {
    throw new Error(
      `${label}: not every response was 200 (requests ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors}, ` +
        `timeouts ${result.timeouts}, status codes ${JSON.stringify(result.statusCodeStats ?? {})})`,
    );
  }
}

/** What one measured round recorded. */
interface Round {
  target: "bare" | "app";
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

function summarise(target: Round["target"], result: autocannon.Result): Round {
  return {
    target,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}

/** The 1, 5 and 15 minute load averages: other work on the machine skews every figure here. */
const loadAverage = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/** What a benchmark supplies: its route, its target, and the data and session it needs. */
export interface BenchmarkSpec {
  /** Short name for the results file: bench/results/<name>-<time>.json. */
  name: string;
  /** The measured request, as printed: "GET /api/me". */
  title: string;
  /** The app route requested under load. */
  route: string;
  /** Minimum app ÷ bare ratio on PostgreSQL. */
  target: number;
  /** Loads the data the route needs into the migrated database and signs in; returns the cookie and a body check. */
  prepare: (ctx: TestContext) => Promise<{ cookie: string; check: (body: string) => void; notes?: string[] }>;
}

async function run(spec: BenchmarkSpec): Promise<void> {
  const seconds = envNumber("BENCH_DURATION", 10);
  const rounds = Math.round(envNumber("BENCH_ROUNDS", 2));
  const baseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;

  const where: BenchDatabase = baseUrl
    ? await createBenchDatabase(baseUrl)
    : { kind: "pglite", databaseUrl: null, description: "PGlite in memory" };
  const config = productionConfig(where.databaseUrl);
  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: "memory://",
    poolSize: config.databasePoolSize,
  });
  cleanups.push({ label: "close the database", run: () => database.close() });
  await runMigrations(database, config.databaseUrl);
  await seedDirectory(database.db);

  const app = await buildApp({ config, database });
  await app.ready();
  const ctx: TestContext = { app, config, database, close: async () => {} };
  const prepared = await spec.prepare(ctx);
  const cookie = prepared.cookie;
  const appUrl = `${await listen(app, "the app")}${spec.route}`;

  // One real request over HTTP: it must be 200 and pass the benchmark's check, or the whole run is meaningless.
  const check = await fetch(appUrl, { headers: { cookie } });
  const meBody = await check.text();
  if (check.status !== 200) throw new Error(`${spec.title} answered ${check.status}: ${meBody}`);
  prepared.check(meBody);
  const meBytes = Buffer.byteLength(meBody);

  const bareBody = bodyOfSize(meBytes);
  const bare = Fastify({ logger: createLoggerOptions(config) });
  bare.get("/bare", async () => bareBody);
  const bareUrl = `${await listen(bare, "the bare server")}/bare`;
  const bareBytes = Buffer.byteLength(await (await fetch(bareUrl)).text());

  // Sequential requests with query counting: also a first warm-up of the app.
  const queries = await countQueries(where.kind, async () => {
    for (let i = 0; i < PROBE_REQUESTS; i += 1) {
      const response = await fetch(appUrl, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`probe: ${spec.title} answered ${response.status}`);
    }
  });
  const queriesPerRequest = queries / PROBE_REQUESTS;

  console.log(`HTTP benchmark: ${spec.title} (signed in) vs a bare Fastify route`);
  for (const note of prepared.notes ?? []) console.log(`  ${note}`);
  console.log(
    `  database:     ${where.description}${where.kind === "postgres" ? ` (pool ${config.databasePoolSize})` : ""}`,
  );
  console.log(
    `  app config:   NODE_ENV=production, LOG_LEVEL=silent, SEED_DEMO=false, SCRYPT_COST=${config.scryptCost}`,
  );
  console.log(
    "  logging:      off on both servers (the same pino options at level silent), so neither pays for log output",
  );
  console.log(`  bodies:       ${spec.route} ${meBytes} bytes, /bare ${bareBytes} bytes`);
  console.log(
    `  queries:      ${queriesPerRequest.toFixed(2)} driver queries per request (${PROBE_REQUESTS} sequential requests)`,
  );
  console.log(
    `  load:         autocannon, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up each, then ${rounds} × (bare ${seconds} s → app ${seconds} s)`,
  );
  console.log(
    `  machine:      ${os.cpus().length} CPUs, Node ${process.version}, load average ${loadAverage()}; load generator on a worker thread\n`,
  );

  const targets = { bare: { url: bareUrl, headers: {} }, app: { url: appUrl, headers: { cookie } } } as const;
  for (const name of ["bare", "app"] as const) {
    assertAllOk(`warm-up ${name}`, await load(targets[name].url, targets[name].headers, WARMUP_SECONDS));
  }
  const results: Round[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    for (const name of ["bare", "app"] as const) {
      const result = await load(targets[name].url, targets[name].headers, seconds);
      assertAllOk(`round ${round} ${name}`, result);
      const summary = summarise(name, result);
      results.push(summary);
      console.log(
        `  round ${round} ${name.padEnd(4)} ${summary.reqPerSec.toFixed(0).padStart(7)} req/s  p50 ${summary.p50Ms} ms  p99 ${summary.p99Ms} ms  (${summary.requests} requests, all 200)`,
      );
    }
  }

  const of = (name: Round["target"]) => results.filter((r) => r.target === name);
  const bareMean = {
    reqPerSec: mean(of("bare").map((r) => r.reqPerSec)),
    p50Ms: mean(of("bare").map((r) => r.p50Ms)),
    p99Ms: mean(of("bare").map((r) => r.p99Ms)),
  };
  const appMean = {
    reqPerSec: mean(of("app").map((r) => r.reqPerSec)),
    p50Ms: mean(of("app").map((r) => r.p50Ms)),
    p99Ms: mean(of("app").map((r) => r.p99Ms)),
  };
  const ratio = appMean.reqPerSec / bareMean.reqPerSec;
  const roundRatios = of("app").map((r, i) => r.reqPerSec / (of("bare")[i]?.reqPerSec ?? Number.NaN));

  console.log(`\n  mean of ${rounds} rounds        req/s     p50 ms   p99 ms`);
  console.log(
    `  bare  GET /bare      ${bareMean.reqPerSec.toFixed(0).padStart(8)}  ${bareMean.p50Ms.toFixed(1).padStart(8)} ${bareMean.p99Ms.toFixed(1).padStart(8)}`,
  );
  console.log(
    `  app   ${spec.title.padEnd(14)} ${appMean.reqPerSec.toFixed(0).padStart(8)}  ${appMean.p50Ms.toFixed(1).padStart(8)} ${appMean.p99Ms.toFixed(1).padStart(8)}`,
  );
  console.log(`\n  per-round ratios: ${roundRatios.map((r) => r.toFixed(2)).join(", ")}`);
  const verdict =
    where.kind === "postgres"
      ? ratio >= spec.target
        ? "meets the target"
        : "BELOW the target"
      : "target applies on PostgreSQL only";
  console.log(`  ratio: ${ratio.toFixed(2)} (target ≥ ${spec.target.toFixed(2)} on PostgreSQL; ${verdict})`);

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${spec.name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const report = {
    benchmark: spec.name,
    route: spec.route,
    at: new Date().toISOString(),
    database: where.kind,
    databaseDescription: where.description,
    poolSize: config.databasePoolSize,
    node: process.version,
    cpus: os.cpus().length,
    loadAverageAtEnd: os.loadavg(),
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_SECONDS,
    durationSeconds: seconds,
    rounds,
    bodyBytes: { app: meBytes, bare: bareBytes },
    queriesPerRequest,
    results,
    mean: { bare: bareMean, app: appMean },
    roundRatios,
    ratio,
    target: spec.target,
    meetsTarget: where.kind === "postgres" ? ratio >= spec.target : null,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`  results written to ${path.relative(process.cwd(), file)}`);
}

/** Runs the benchmark, cleans up whatever happens, and exits 0 or 1. */
export async function runHttpBenchmark(spec: BenchmarkSpec): Promise<never> {
  let failed = false;
  try {
    await run(spec);
  } catch (error) {
    failed = true;
    console.error("\nbenchmark failed:", error);
  } finally {
    await cleanUp();
  }
  process.exit(failed ? 1 : 0);
}
