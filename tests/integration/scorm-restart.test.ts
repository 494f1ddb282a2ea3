/**
 * Acknowledged SCORM commits survive the server being killed: the real server runs as a child process
 * (`node --import tsx src/server/main.ts`), commits go over HTTP, the process is killed with SIGKILL between commits
 * and started again over the same data, and every commit it acknowledged is there. PGlite in a temporary DATA_DIR by
 * default; a throwaway PostgreSQL database when TEST_DATABASE_URL is set.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseSteps, scormPackages, scormScos } from "../../src/server/db/schema/index.js";
import { seedCatalogue } from "../../src/server/modules/catalogue/catalogue.seed.js";
import { openDatabase, runMigrations } from "../../src/server/platform/db.js";
import { seedDirectory } from "../../src/server/seed.js";
import type { ScormLaunch } from "../../src/shared/scorm.js";
import { buildEnrolment } from "../support/factories.js";
import type { TestContext } from "../support/test-app.js";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCRYPT_COST = "1024";

let dataDir: string;
let throwaway: ThrowawayDatabase | null = null;
let databaseUrl: string | null = null;
let child: ChildProcess | null = null;
let output = "";

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the real server and waits until /readyz answers 200 (or the process dies). */
async function startServer(port: number): Promise<string> {
  output = "";
  const proc = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: dataDir,
      SESSION_SECRET: "restart-test-secret-that-is-at-least-32-characters",
      SEED_DEMO: "false",
      LOG_LEVEL: "silent",
      SCRYPT_COST,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  proc.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  child = proc;
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}: ${output}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.status === 200) return base;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not become ready: ${output}`);
}

/** Kills the server at once (no shutdown hooks run) and waits for it to be gone. */
async function killServer(): Promise<void> {
  const proc = child;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise((resolve) => proc.once("exit", resolve));
  proc.kill("SIGKILL");
  await gone;
  child = null;
}

let learner: { email: string; password: string; enrolmentId: string };
let stepId: string;
let scoId: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "qia-restart-"));
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (baseUrl) {
    throwaway = await createThrowawayDatabase(baseUrl, "qia_restart");
    databaseUrl = throwaway.url;
  }
  // Data goes in before the server starts (PGlite's directory is one process's at a time).
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 2 });
  try {
    await runMigrations(database, databaseUrl);
    await seedDirectory(database.db);
    await seedCatalogue(database.db);
    const [course] = (await database.rawQuery(
      `select c.id, (select m.id from course_modules m where m.course_id = c.id order by m.position limit 1) as module_id
         from courses c where c.status = 'published' and exists (select 1 from course_modules m where m.course_id = c.id)
        order by c.position limit 1`,
    )) as Array<{ id: string; module_id: string }>;
    if (!course) throw new Error("no course");
    const [pkg] = await database.db
      .insert(scormPackages)
      .values({
        lineageId: randomUUID(),
        version: 1,
        scormVersion: "1.2",
        title: "Measuring",
        organisationTitle: "Measuring",
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
        launchHref: "sco-1/index.html",
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
    scoId = sco.id;
    stepId = step.id;
    // The factories need only the database and the hash cost from a test context.
    const factoryContext = {
      database,
      config: { scryptCost: Number(SCRYPT_COST) },
    } as unknown as TestContext;
    const enrolment = await buildEnrolment(factoryContext, { courseId: course.id });
    if (!enrolment.user) throw new Error("no learner");
    learner = { email: enrolment.user.email, password: enrolment.user.password, enrolmentId: enrolment.id };
  } finally {
    await database.close();
  }
}, 120_000);

afterAll(async () => {
  await killServer();
  await throwaway?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: learner.email, password: learner.password }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("qia_session="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0] ?? "";
}

async function launch(base: string, cookie: string): Promise<ScormLaunch> {
  const response = await fetch(
    `${base}/api/learning/enrolments/${learner.enrolmentId}/steps/${stepId}/scorm`,
    {
      headers: { cookie },
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as ScormLaunch;
}

describe("SCORM commits across a killed server", () => {
  it("keeps every acknowledged commit after SIGKILL and restart", async () => {
    const port = await freePort();
    let base = await startServer(port);
    let cookie = await signIn(base);
    const first = await launch(base, cookie);
    const attemptId = first.attempt.id;
    const acknowledged: Array<{ sequence: number; location: string }> = [];
    let sequence = 0;
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 5; i += 1) {
        sequence += 1;
        const location = `page-${sequence}`;
        const response = await fetch(
          `${base}/api/learning/enrolments/${learner.enrolmentId}/steps/${stepId}/scorm/attempts/${attemptId}/commits`,
          {
            method: "POST",
            headers: { cookie, "content-type": "text/plain;charset=UTF-8" },
            body: JSON.stringify({
              scoId,
              sequence,
              values: {
                "cmi.core.lesson_location": location,
                "cmi.suspend_data": `visited=${sequence}`,
                "cmi.core.lesson_status": "incomplete",
                "cmi.core.exit": "suspend",
                "cmi.core.session_time": "0000:01:00.00",
              },
              finished: i === 4,
            }),
          },
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ applied: true, lastSequence: sequence });
        acknowledged.push({ sequence, location });
      }
      await killServer();
      base = await startServer(port);
      cookie = await signIn(base);
      const resumed = await launch(base, cookie);
      const last = acknowledged.at(-1);
      expect(resumed.attempt.id).toBe(attemptId);
      expect(resumed.scos[0]?.lastSequence).toBe(last?.sequence);
      expect(resumed.scos[0]?.values).toMatchObject({
        "cmi.core.entry": "resume",
        "cmi.core.lesson_location": last?.location,
        "cmi.suspend_data": `visited=${last?.sequence}`,
        // One finished session of a minute per round so far.
        "cmi.core.total_time": `0000:0${round + 1}:00.00`,
      });
    }
    await killServer();
  }, 240_000);
});
