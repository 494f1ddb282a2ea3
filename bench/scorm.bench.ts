/**
 * SCORM commit benchmark: `POST …/scorm/attempts/:attemptId/commits` (20 elements and 4 KB of suspend data, SCORM
 * 1.2; and a 64 KB SCORM 2004 variant) by signed-in learners at 50 concurrent requests, against the same UPDATE sent
 * straight through the driver (database.preparedQuery) at the same concurrency, measured in the same run. Every
 * request carries the next sequence number for its own attempt, so every commit is applied (never a cheap "stale").
 * Targets on PostgreSQL: app ÷ driver at least 0.5 and app p99 at most 50 ms. A bare Fastify POST route taking the
 * same body is measured too, to show what HTTP and the in-process client cost on their own.
 *
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) for a throwaway PostgreSQL database, otherwise PGlite in memory;
 * BENCH_DURATION seconds per measurement (default 5); BENCH_ROUNDS alternating app/driver rounds (default 3).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import Fastify from "fastify";
import { buildApp } from "../src/server/app.js";
import { courseSteps, scormPackages, scormScos } from "../src/server/db/schema/index.js";
import { seedCatalogue } from "../src/server/modules/catalogue/catalogue.seed.js";
import { APPLY_COMMITS_SQL } from "../src/server/modules/scorm/runtime.repository.js";
import { loadConfig } from "../src/server/platform/config.js";
import { hashToken } from "../src/server/platform/crypto.js";
import { type Database, openDatabase, runMigrations } from "../src/server/platform/db.js";
import { seedDirectory } from "../src/server/seed.js";
import type { ScormLaunch, ScormVersion } from "../src/shared/scorm.js";
import { buildEnrolment, signIn } from "../tests/support/factories.js";
import type { TestContext } from "../tests/support/test-app.js";
import { createThrowawayDatabase } from "../tests/support/throwaway-database.js";
import type { LoadJob, LoadResult, LoadSlot } from "./support/post-load.worker.js";
import { values12, values2004 } from "./support/scorm-values.js";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 50);
const SECONDS = Number(process.env.BENCH_DURATION || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "results");

interface Measured {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
}

/** Runs `CONCURRENCY` loops of `work(slot)` for SECONDS; each call must resolve for the run to count. */
async function measure(label: string, work: (slot: number) => Promise<void>): Promise<Measured> {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, slot) => {
      while (performance.now() < end) {
        const t = performance.now();
        await work(slot);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    label,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    count: latencies.length,
  };
}

/** Runs HTTP load on a worker thread (./support/post-load.worker.ts) and returns its figures. */
function measureInWorker(label: string, job: LoadJob): Promise<Measured & { sequences: number[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./support/ts-worker.mjs", import.meta.url), {
      workerData: job,
      argv: [new URL("./support/post-load.worker.ts", import.meta.url).href],
    });
    worker.once("message", (result: LoadResult) => {
      if (result.error) reject(new Error(`${label}: ${result.error}`));
      else resolve({ label, ...result });
    });
    worker.once("error", reject);
  });
}

async function main(): Promise<void> {
  const cleanups: Array<() => Promise<void> | void> = [];
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
    await seedDirectory(database.db);
    await seedCatalogue(database.db);
    const app = await buildApp({ config, database });
    await app.listen({ host: "127.0.0.1", port: 0 });
    cleanups.push(() => app.close());
    const address = app.server.address();
    if (!address || typeof address === "string") throw new Error("no address");
    const base = `http://127.0.0.1:${address.port}`;
    const ctx: TestContext = { app, config, database, close: async () => {} };
    // A bare Fastify route taking the same body, to show what HTTP alone costs on this machine with this client.
    const bare = Fastify({ bodyLimit: 1024 * 1024 });
    bare.post("/bare", async () => ({ applied: true, lastSequence: 1 }));
    await bare.listen({ host: "127.0.0.1", port: 0 });
    cleanups.push(() => bare.close());
    const bareAddress = bare.server.address();
    if (!bareAddress || typeof bareAddress === "string") throw new Error("no bare address");
    const bareUrl = `http://127.0.0.1:${bareAddress.port}/bare`;

    const courses = (await database.rawQuery(
      `select c.id, (select m.id from course_modules m where m.course_id = c.id order by m.position limit 1) as module_id
         from courses c where c.status = 'published' and exists (select 1 from course_modules m where m.course_id = c.id)
        order by c.position limit 2`,
    )) as Array<{ id: string; module_id: string }>;

    /** A scorm step on a course, and CONCURRENCY learners who have launched it (one attempt each). */
    async function prepare(version: ScormVersion, course: { id: string; module_id: string }) {
      const [pkg] = await database.db
        .insert(scormPackages)
        .values({
          lineageId: randomUUID(),
          version: 1,
          scormVersion: version,
          title: "Benchmark",
          organisationTitle: "Benchmark",
          items: [],
          rawManifest: {},
          warnings: [],
          fileCount: 1,
          sizeBytes: 1,
        })
        .returning();
      if (!pkg) throw new Error("no package");
      const [sco] = await database.db
        .insert(scormScos)
        .values({
          packageId: pkg.id,
          identifier: "item-1",
          position: 1,
          title: "Part 1",
          launchHref: "index.html",
        })
        .returning();
      const [step] = await database.db
        .insert(courseSteps)
        .values({
          moduleId: course.module_id,
          position: 1,
          kind: "scorm",
          title: "E-learning",
          scormPackageId: pkg.id,
        })
        .returning();
      if (!sco || !step) throw new Error("no sco or step");
      const learners = [];
      for (let i = 0; i < CONCURRENCY; i += 1) {
        const enrolment = await buildEnrolment(ctx, {
          courseId: course.id,
          user: { givenName: "Benchmark", familyName: "Learner" },
        });
        if (!enrolment.user) throw new Error("no learner");
        const cookie = await signIn(ctx, enrolment.user);
        const response = await fetch(
          `${base}/api/learning/enrolments/${enrolment.id}/steps/${step.id}/scorm`,
          {
            headers: { cookie },
          },
        );
        if (response.status !== 200) throw new Error(`launch answered ${response.status}`);
        const launch = (await response.json()) as ScormLaunch;
        const [row] = (await database.rawQuery(
          "select id from scorm_attempts where attempt_id = $1 and sco_id = $2",
          [launch.attempt.id, sco.id],
        )) as Array<{ id: string }>;
        learners.push({
          cookie,
          userId: enrolment.userId,
          url: `${base}/api/learning/enrolments/${enrolment.id}/steps/${step.id}/scorm/attempts/${launch.attempt.id}/commits`,
          rowId: row?.id ?? "",
          enrolmentId: enrolment.id,
          tokenHash: hashToken(cookie.slice(cookie.indexOf("=") + 1), config.sessionSecret),
          sequence: 0,
        });
      }
      return { scoId: sco.id, learners };
    }

    async function compare(name: string, version: ScormVersion, course: { id: string; module_id: string }) {
      const values = version === "1.2" ? values12 : values2004;
      const { scoId, learners } = await prepare(version, course);
      const sample = JSON.stringify({ scoId, sequence: 1, values: values(1, "x"), finished: false });
      const slots = (url: (learner: (typeof learners)[number]) => string, withCookie: boolean): LoadSlot[] =>
        learners.map((learner) => ({
          url: url(learner),
          cookie: withCookie ? learner.cookie : null,
          userId: learner.userId,
          sequence: learner.sequence,
        }));
      const loadVersion = version === "1.2" ? "1.2" : "2004";
      const now = new Date().toISOString();
      const measureApp = async (seconds = SECONDS) => {
        const app = await measureInWorker("app", {
          seconds,
          scoId,
          version: loadVersion,
          expectApplied: true,
          slots: slots((learner) => learner.url, true),
        });
        app.sequences.forEach((sequence, i) => {
          const learner = learners[i];
          if (learner) learner.sequence = sequence;
        });
        return app;
      };
      const measureDriver = () =>
        measure("driver", async (slot) => {
          const learner = learners[slot];
          if (!learner) throw new Error("no learner");
          learner.sequence += 1;
          // The app's own statement, one commit per call, straight through the driver.
          const rows = await database.preparedQuery<{ last_sequence: number }>(
            "bench_scorm_commit",
            APPLY_COMMITS_SQL,
            [
              JSON.stringify([
                {
                  row_id: learner.rowId,
                  expected: learner.sequence - 1,
                  enrolment_id: learner.enrolmentId,
                  token_hash: learner.tokenHash,
                  user_id: learner.userId,
                  idle_seconds: config.sessionIdleMs / 1000,
                  cmi_values: values(learner.sequence, learner.userId),
                  sequence: learner.sequence,
                  completion_status: "incomplete",
                  success_status: "unknown",
                  score_raw: 50,
                  score_min: 0,
                  score_max: 100,
                  score_scaled: null,
                  session_seconds: 0,
                  suspended: true,
                  finished_at: null,
                  now,
                },
              ]),
            ],
          );
          if (rows.length !== 1) throw new Error("the baseline update applied nothing");
        });
      // App and driver alternate, round by round, so a neighbour's load on this shared machine weighs on both alike;
      // each round gives a ratio, and the median round is the verdict.
      const rounds: Array<{ app: Measured; driver: Measured; ratio: number }> = [];
      await measureApp(2); // warm-up: JIT, prepared statements, pool connections; not counted
      for (let round = 0; round < ROUNDS; round += 1) {
        const app = await measureApp();
        const driver = await measureDriver();
        rounds.push({ app, driver, ratio: app.perSecond / driver.perSecond });
      }
      const bareHttp = await measureInWorker("bare", {
        seconds: SECONDS,
        scoId,
        version: loadVersion,
        expectApplied: false,
        slots: slots(() => bareUrl, false),
      });
      const byRatio = [...rounds].sort((a, b) => a.ratio - b.ratio);
      const medianRound = byRatio[Math.floor(byRatio.length / 2)];
      if (!medianRound) throw new Error("no rounds");
      const { app, driver, ratio } = medianRound;
      const p99s = rounds.map((r) => r.app.p99).sort((a, b) => a - b);
      const medianP99 = p99s[Math.floor(p99s.length / 2)] ?? 0;
      console.log(
        `\n${name}: ${Buffer.byteLength(sample)} byte commits, ${CONCURRENCY} concurrent, ${ROUNDS} rounds of ${SECONDS} s each`,
      );
      rounds.forEach((r, i) => {
        for (const m of [r.driver, r.app])
          console.log(
            `  round ${i + 1} ${m.label.padEnd(7)} ${m.perSecond.toFixed(0).padStart(7)} commits/s  p50 ${m.p50.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  (${m.count})`,
          );
        console.log(`  round ${i + 1} ratio ${r.ratio.toFixed(2)}`);
      });
      console.log(
        `  bare    ${bareHttp.perSecond.toFixed(0).padStart(7)} commits/s  p50 ${bareHttp.p50.toFixed(1)} ms  p99 ${bareHttp.p99.toFixed(1)} ms  (${bareHttp.count})`,
      );
      const verdict =
        database.kind === "postgres"
          ? `${ratio >= 0.5 ? "meets" : "BELOW"} the ratio target; p99 ${medianP99 <= 50 ? "meets" : "ABOVE"} 50 ms`
          : "targets apply on PostgreSQL only";
      console.log(
        `  median ratio app ÷ driver: ${ratio.toFixed(2)}; median app p99 ${medianP99.toFixed(1)} ms (target ≥ 0.50, p99 ≤ 50 ms; ${verdict})`,
      );
      console.log(`  ratio app ÷ bare HTTP route: ${(app.perSecond / bareHttp.perSecond).toFixed(2)}`);
      return {
        name,
        bytes: Buffer.byteLength(sample),
        app,
        driver,
        bare: bareHttp,
        ratio,
        medianP99,
        rounds,
      };
    }

    console.log(
      `SCORM commit benchmark on ${database.kind === "postgres" ? `PostgreSQL (pool ${config.databasePoolSize})` : "PGlite in memory"}; ${os.cpus().length} CPUs, Node ${process.version}, load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      "  app: HTTP POST through the real app (session, checks, CMI validation, one UPDATE), load from a worker thread",
    );
    console.log("  driver: the same UPDATE through database.preparedQuery, no HTTP, no checks");
    const [c1, c2] = courses;
    if (!c1 || !c2) throw new Error("need two courses");
    const results = [await compare("SCORM 1.2, 20 elements + 4 KB suspend_data", "1.2", c1)];
    results.push(await compare("SCORM 2004 4th, 64 KB suspend_data", "2004-4th", c2));
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `scorm-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ benchmark: "scorm", database: database.kind, concurrency: CONCURRENCY, seconds: SECONDS, results }, null, 2)}\n`,
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
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("benchmark failed:", error);
    process.exit(1);
  },
);
