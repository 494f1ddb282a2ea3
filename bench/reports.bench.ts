/**
 * Reports benchmark, on a database seeded by `npm run seed:large`: for its 10,000-learner trust, with a signed-in
 * learner administrator of it, the learner-progress report's first page (filtered and sorted) and the funnel, each
 * timed through the real app (p50/p95 over BENCH_RUNS sequential requests) against `select count(*) from
 * step_progress` sent straight through the driver in the same run; then a CSV export of every row (about 100,000)
 * streamed over HTTP while the process's memory is sampled.
 *
 * Targets: report p95 ≤ 300 ms, funnel p95 ≤ 500 ms, each ≤ 5× the count scan's p95, CSV memory growth < 100 MB.
 *
 * Database: BENCH_DATABASE_URL (PostgreSQL), else PGlite in DATA_DIR (default ./data), where seed:large writes
 * without DATABASE_URL. The run adds (or refreshes) one account, bench.learner-admin@seed-large.test.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/server/app.js";
import { loadConfig } from "../src/server/platform/config.js";
import { hashPassword } from "../src/server/platform/crypto.js";
import { openDatabase, runMigrations } from "../src/server/platform/db.js";
import { type LatencySummary, measureLatency, withMemorySampling } from "./support/latency.js";

const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "results");
const BENCH_EMAIL = "bench.learner-admin@seed-large.test";
const TARGETS = { reportP95Ms: 300, funnelP95Ms: 500, ratioToCount: 5, csvGrowthBytes: 100 * 1024 * 1024 };
const REPORT_QUERY = "status=in_progress&sort=lastActive&direction=desc&page=1&pageSize=25";
const MB = 1024 * 1024;

function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a whole number above 0 (got "${raw}")`);
  return value;
}

const runs = envCount("BENCH_RUNS", 30);
const databaseUrl = process.env.BENCH_DATABASE_URL || null;
const dataDir = databaseUrl
  ? mkdtempSync(path.join(os.tmpdir(), "qia-bench-reports-"))
  : path.resolve(process.env.DATA_DIR ?? "data");
const where = databaseUrl
  ? `PostgreSQL ${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`
  : `PGlite in ${dataDir}`;
const howToBench = databaseUrl
  ? `BENCH_DATABASE_URL=${databaseUrl} npm run bench:reports`
  : `DATA_DIR=${dataDir} npm run bench:reports`;
const howToSeed = databaseUrl
  ? `DATABASE_URL=${databaseUrl} npm run seed:large`
  : `DATA_DIR=${dataDir} npm run seed:large`;

const config = loadConfig({
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  PORT: "0",
  DATA_DIR: dataDir,
  SESSION_SECRET: randomBytes(32).toString("base64url"),
  LOG_LEVEL: "silent",
  SEED_DEMO: "false",
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const database = await openDatabase({ databaseUrl, dataDir, poolSize: config.databasePoolSize });

/** The seeded site's size and its benchmark trust, or null when seed:large has not finished here. */
async function seededSite(): Promise<{ learners: number; trustId: string; trustName: string } | null> {
  const [table] = (await database.rawQuery(
    "select to_regclass('seed_large_settings') is not null as present",
  )) as Array<{ present: boolean }>;
  if (!table?.present) return null;
  const [state] = (await database.rawQuery(
    `select s.learners, s.batch_size as "batchSize",
       (select count(*)::int from seed_large_progress where stage = 'learners') as batches,
       o.id as "trustId", o.name as "trustName"
     from seed_large_settings s
     join seed_large_organisations t on t.kind = 'trust' and t.idx = 0
     join organisations o on o.id = t.id`,
  )) as Array<{ learners: number; batchSize: number; batches: number; trustId: string; trustName: string }>;
  if (!state || state.batches < Math.ceil(state.learners / state.batchSize)) return null;
  return { learners: state.learners, trustId: state.trustId, trustName: state.trustName };
}

/** A learner administrator of the trust with a fresh random password (created on the first run). */
async function benchAdministrator(trustId: string): Promise<{ email: string; password: string }> {
  const password = randomBytes(18).toString("base64url");
  const hash = await hashPassword(password, config.scryptCost);
  const [user] = (await database.rawQuery(
    `insert into users (email, email_verified_at, password_hash, given_name, family_name, certificate_name, sector,
       organisation_id, job_role)
     values ($1, now(), $2, 'Benchmark', 'Administrator', 'Benchmark Administrator', 'nhs_england', $3,
       'Learning and development manager')
     on conflict (email) do update set password_hash = excluded.password_hash, status = 'active',
       organisation_id = excluded.organisation_id
     returning id`,
    [BENCH_EMAIL, hash, trustId],
  )) as Array<{ id: string }>;
  if (!user) throw new Error("could not create the benchmark administrator");
  await database.rawQuery(
    `insert into user_roles (user_id, role, organisation_id, expires_at)
     values ($1, 'learner', null, null), ($1, 'learner_admin', $2, now() + interval '1 year')
     on conflict (user_id, role, organisation_id) do update set expires_at = excluded.expires_at`,
    [user.id, trustId],
  );
  return { email: BENCH_EMAIL, password };
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

function verdict(pass: boolean): "PASS" | "FAIL" {
  return pass ? "PASS" : "FAIL";
}

const app = await buildApp({ config, database });
let failed = false;
try {
  await runMigrations(database, databaseUrl);
  const site = await seededSite();
  if (!site) {
    console.error(
      `No finished seed:large site in ${where}. Seed it first (6–9 minutes for 100,000 learners on PostgreSQL):`,
    );
    console.error(`  ${howToSeed}`);
    console.error(`then run this again: ${howToBench}`);
    process.exitCode = 2;
  } else {
    await app.ready();
    const admin = await benchAdministrator(site.trustId);
    const signIn = await app.inject({ method: "POST", url: "/api/auth/sign-in", payload: admin });
    if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
    const sessionCookie = signIn.cookies.find((c) => c.name.endsWith("qia_session"));
    if (!sessionCookie) throw new Error("sign-in set no session cookie");
    const cookie = `${sessionCookie.name}=${sessionCookie.value}`;
    const org = `organisationId=${site.trustId}`;

    const [trustSize] = (await database.rawQuery(
      `select count(distinct u.id)::int as learners, count(e.id)::int as enrolments
       from users u join enrolments e on e.user_id = u.id where u.organisation_id = $1`,
      [site.trustId],
    )) as Array<{ learners: number; enrolments: number }>;
    const [stepRows] = (await database.rawQuery("select count(*)::int as n from step_progress")) as Array<{
      n: number;
    }>;
    console.log(`Reports benchmark on ${where}`);
    console.log(
      `  site: ${site.learners.toLocaleString("en-GB")} learners, ${(stepRows?.n ?? 0).toLocaleString("en-GB")} step-progress rows`,
    );
    console.log(
      `  organisation: ${site.trustName} (${trustSize?.learners.toLocaleString("en-GB")} learners, ${trustSize?.enrolments.toLocaleString("en-GB")} enrolments)`,
    );
    console.log(`  ${runs} sequential runs each after 3 warm-up runs; signed in as ${BENCH_EMAIL}\n`);

    /** GET through the app; anything but 200 stops the run (a fast 403 would fake a good time). */
    const get = async (url: string, check: (body: unknown) => void) => {
      const response = await app.inject({ method: "GET", url, headers: { cookie } });
      if (response.statusCode !== 200)
        throw new Error(`GET ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      check(response.json());
    };

    const countScan = await measureLatency(
      async () => {
        await database.rawQuery("select count(*) from step_progress");
      },
      { runs },
    );
    const reportUrl = `/api/reports/learner-progress?${org}&${REPORT_QUERY}`;
    let reportTotal = 0;
    const report = await measureLatency(
      () =>
        get(reportUrl, (body) => {
          const page = body as { rows: unknown[]; total: number };
          if (!Array.isArray(page.rows) || page.rows.length === 0)
            throw new Error("the report page is empty");
          reportTotal = page.total;
        }),
      { runs },
    );
    const funnelUrl = `/api/reports/funnel?${org}`;
    let funnelCourses = 0;
    const funnel = await measureLatency(
      () =>
        get(funnelUrl, (body) => {
          const courses = (body as { courses: unknown[] }).courses;
          if (!Array.isArray(courses) || courses.length === 0) throw new Error("the funnel has no courses");
          funnelCourses = courses.length;
        }),
      { runs },
    );

    // The export streams over a real socket, read chunk by chunk, so nothing but the server holds the file.
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === "string") throw new Error("the app has no TCP address");
    const csvUrl = `http://127.0.0.1:${address.port}/api/reports/learner-progress?${org}&format=csv`;
    const started = performance.now();
    let firstByteMs = 0;
    const { result: csv, memory } = await withMemorySampling(async (sample) => {
      const response = await fetch(csvUrl, { headers: { cookie } });
      if (response.status !== 200 || !response.body)
        throw new Error(`CSV export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      let bytes = 0;
      let lines = 0;
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.value.byteLength;
        sample();
        for (const byte of chunk.value) if (byte === 10) lines += 1;
      }
      return { bytes, rows: lines - 1, contentType: response.headers.get("content-type") };
    });
    const csvMs = performance.now() - started;

    const reportRatio = report.p95Ms / countScan.p95Ms;
    const funnelRatio = funnel.p95Ms / countScan.p95Ms;
    const checks = {
      reportP95: report.p95Ms <= TARGETS.reportP95Ms,
      reportRatio: reportRatio <= TARGETS.ratioToCount,
      funnelP95: funnel.p95Ms <= TARGETS.funnelP95Ms,
      funnelRatio: funnelRatio <= TARGETS.ratioToCount,
      csvMemory:
        memory.rssGrowthBytes < TARGETS.csvGrowthBytes && memory.heapGrowthBytes < TARGETS.csvGrowthBytes,
    };
    const line = (label: string, s: LatencySummary, ratio: string, target: string, result: string) =>
      console.log(
        `  ${pad(label, 40)} ${s.p50Ms.toFixed(1).padStart(8)} ${s.p95Ms.toFixed(1).padStart(8)} ${ratio.padStart(8)}  ${pad(target, 28)} ${result}`,
      );
    console.log(`  ${pad("", 40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"× count".padStart(8)}`);
    line("select count(*) from step_progress", countScan, "1.00", "baseline (driver, no app)", "");
    line(
      `learner progress, page 1 (${reportTotal.toLocaleString("en-GB")} match)`,
      report,
      reportRatio.toFixed(2),
      "p95 ≤ 300 ms and ≤ 5× count",
      `${verdict(checks.reportP95)} / ${verdict(checks.reportRatio)}`,
    );
    line(
      `funnel (${funnelCourses} courses)`,
      funnel,
      funnelRatio.toFixed(2),
      "p95 ≤ 500 ms and ≤ 5× count",
      `${verdict(checks.funnelP95)} / ${verdict(checks.funnelRatio)}`,
    );
    console.log(
      `\n  CSV export: ${csv.rows.toLocaleString("en-GB")} rows, ${(csv.bytes / MB).toFixed(1)} MB in ${(csvMs / 1000).toFixed(2)} s ` +
        `(first byte after ${firstByteMs.toFixed(0)} ms); memory growth RSS ${(memory.rssGrowthBytes / MB).toFixed(1)} MB, ` +
        `heap ${(memory.heapGrowthBytes / MB).toFixed(1)} MB (target < 100 MB): ${verdict(checks.csvMemory)}`,
    );
    failed = Object.values(checks).includes(false);
    console.log(`\n  overall: ${failed ? "FAIL" : "PASS"}`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `reports-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    const results = {
      benchmark: "reports",
      at: new Date().toISOString(),
      database: database.kind,
      databaseDescription: where,
      node: process.version,
      cpus: os.cpus().length,
      loadAverageAtEnd: os.loadavg(),
      site: { ...site, stepProgressRows: stepRows?.n, trust: trustSize },
      runs,
      countScan,
      report: { url: reportUrl, total: reportTotal, ...report, ratioToCount: reportRatio },
      funnel: { url: funnelUrl, courses: funnelCourses, ...funnel, ratioToCount: funnelRatio },
      csv: { ...csv, milliseconds: Math.round(csvMs), firstByteMs: Math.round(firstByteMs), memory },
      targets: TARGETS,
      checks,
      pass: !failed,
    };
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`  results written to ${path.relative(process.cwd(), file)}`);
  }
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await app.close();
  await database.close();
  if (databaseUrl) rmSync(dataDir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
