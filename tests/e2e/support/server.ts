import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createThrowawayDatabase } from "../../support/throwaway-database.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** The password every demo account gets in browser journeys. */
export const DEMO_PASSWORD = "e2e-demo-password";

/** A running copy of the built app, and how to stop it and throw its data away. */
export interface E2eServer {
  baseUrl: string;
  stop: () => Promise<void>;
}

/** A port nothing is listening on now: ask the OS for one, then give it back. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      if (address === null || typeof address === "string") {
        probe.close();
        reject(new Error("Could not find a free port"));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

/** Environment for the child: ours minus anything that would point it at other data or mail. */
function childEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Vitest sets NODE_ENV=test; the app should run as it does for a developer (development), which
  // generates its session secret into DATA_DIR.
  for (const key of [
    "NODE_ENV",
    "DATABASE_URL",
    "SESSION_SECRET",
    "SMTP_URL",
    "PORT",
    "HOST",
    "TRUST_PROXY",
  ]) {
    delete env[key];
  }
  return { ...env, ...overrides };
}

async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts the built app (`node --import tsx src/server/main.ts`) on a free port over a fresh database
 * (PGlite in a temporary DATA_DIR, or a new PostgreSQL database when E2E_DATABASE_URL is set), with the
 * demo accounts, and resolves once /readyz answers 200.
 */
export async function startServer(): Promise<E2eServer> {
  if (!existsSync(path.join(REPO_ROOT, "dist/web/index.html"))) {
    throw new Error("dist/web/index.html is missing. Run npm run build first.");
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "qia-e2e-"));
  const baseDatabaseUrl = process.env.E2E_DATABASE_URL;
  const database = baseDatabaseUrl ? await createThrowawayDatabase(baseDatabaseUrl, "qia_e2e") : null;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  const cleanUp = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  };

  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: REPO_ROOT,
    env: childEnv({
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DEMO_PASSWORD,
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      ...(database ? { DATABASE_URL: database.url } : {}),
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr += chunk;
    if (process.env.E2E_SERVER_LOGS) process.stderr.write(chunk);
  });
  // Drain stdout so the child never blocks on a full pipe.
  child.stdout?.resume();

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        child.kill("SIGKILL");
        await waitForExit(child, STOP_TIMEOUT_MS);
      }
    }
    await cleanUp();
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanUp();
      throw new Error(
        `The app exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}):\n${stderr}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { baseUrl, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The app did not answer /readyz with 200 within ${READY_TIMEOUT_MS / 1000} s:\n${stderr}`,
      );
    }
    // Poll, rather than sleeping a fixed time: the next attempt starts as soon as this short wait ends.
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
