import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createTestApp, type TestContext } from "../../support/test-app.js";
import { launchBrowser } from "./browser.js";
import { type E2eServer, startServer } from "./server.js";

/** The running app and browser of one journey file. */
export interface Journey {
  server: () => E2eServer;
  browser: () => Browser;
}

/**
 * Starts the built app (fresh data) and Chromium before a journey file's tests and stops both after. Call it inside
 * `describe`; the getters throw a clear error if a start failed.
 */
export function useJourney(): Journey {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    server: () => {
      if (!server) throw new Error("The app did not start");
      return server;
    },
    browser: () => {
      if (!browser) throw new Error("The browser did not start");
      return browser;
    },
  };
}

/** The app running in the test process, its database and the browser of one journey file. */
export interface InProcessJourney {
  ctx: () => TestContext;
  browser: () => Browser;
  baseUrl: () => string;
}

/**
 * For journeys that need the database as well as the browser (reading an answer key, moving an access window,
 * putting a step on a course): runs the built app in this process over its own database (PGlite, or
 * TEST_DATABASE_URL) instead of the separate server the other journeys use, serving a private copy of dist/web
 * taken at the start (another `npm run build` in this checkout empties dist/web mid-run).
 */
export function useInProcessJourney(): InProcessJourney {
  let ctx: TestContext | undefined;
  let browser: Browser | undefined;
  let baseUrl = "";
  let webCopy: string | undefined;
  beforeAll(async () => {
    webCopy = mkdtempSync(path.join(os.tmpdir(), "qia-journey-web-"));
    cpSync(path.resolve("dist/web"), webCopy, { recursive: true });
    if (!existsSync(path.join(webCopy, "index.html"))) {
      throw new Error("dist/web/index.html is missing. Run npm run build first.");
    }
    ctx = await createTestApp({ webDistDir: webCopy });
    await ctx.app.listen({ host: "127.0.0.1", port: 0 });
    const address = ctx.app.server.address() as AddressInfo; // listen() on a TCP port always gives AddressInfo
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    if (webCopy) rmSync(webCopy, { recursive: true, force: true });
  });
  return {
    ctx: () => {
      if (!ctx) throw new Error("The app did not start");
      return ctx;
    },
    browser: () => {
      if (!browser) throw new Error("The browser did not start");
      return browser;
    },
    baseUrl: () => baseUrl,
  };
}
