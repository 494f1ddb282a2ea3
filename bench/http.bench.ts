/**
 * HTTP benchmark: `GET /api/me` with a signed-in session on the real app, against a bare Fastify route
 * serving a body of the same size, both in this process and measured in the same run with autocannon.
 * Target: the ratio (app req/s ÷ bare req/s) at least 0.30 on PostgreSQL.
 *
 * Database: a throwaway PostgreSQL database created from BENCH_DATABASE_URL (or TEST_DATABASE_URL) and dropped
 * at the end; otherwise PGlite in memory. BENCH_DURATION sets the seconds per measured round (default 10) and
 * BENCH_ROUNDS how many bare → app pairs to run (default 2).
 */
import { buildUser, signIn } from "../tests/support/factories.js";
import { runHttpBenchmark } from "./support/harness.js";

await runHttpBenchmark({
  name: "http",
  title: "GET /api/me",
  route: "/api/me",
  target: 0.3,
  async prepare(ctx) {
    const user = await buildUser(ctx, { givenName: "Benchmark", familyName: "User" });
    return {
      cookie: await signIn(ctx, user),
      check(body) {
        if ((JSON.parse(body) as { email?: string }).email !== user.email)
          throw new Error(`GET /api/me returned someone else: ${body}`);
      },
    };
  },
});
