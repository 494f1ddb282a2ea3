import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
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
