import { defineConfig } from "vitest/config";

/**
 * Two projects: `integration` (unit + integration tests through app.inject on PGlite, or PostgreSQL when
 * TEST_DATABASE_URL is set) and `e2e` (browser journeys against the built app in Debian's Chromium).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "integration",
          include: ["src/**/*.test.ts", "tests/integration/**/*.test.ts"],
          environment: "node",
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.ts"],
          environment: "node",
          pool: "forks",
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
