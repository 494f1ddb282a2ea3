/**
 * Step discussion benchmark: `GET /api/steps/:stepId/comments?runId=` (the first page, newest first, signed-in member)
 * for a step with 5,000 top-level comments, 1,000 replies, likes from many people and the reader's own likes on some,
 * on the real app, against a bare Fastify route serving a body of the same size, both measured in the same run
 * (alternating rounds). Target: app req/s ÷ bare req/s at least 0.20 on PostgreSQL.
 *
 * It also prints how many SQL statements one listing sends for page sizes 5, 20 and 50 (counted by the database
 * handle's own statement counter) and fails when that number grows with the page size.
 *
 * Database and rounds as in http.bench.ts: BENCH_DATABASE_URL (or TEST_DATABASE_URL) for a throwaway PostgreSQL
 * database, otherwise PGlite in memory; BENCH_DURATION seconds per round, BENCH_ROUNDS pairs of rounds.
 */
import { sql } from "drizzle-orm";
import { seedCatalogue } from "../src/server/modules/catalogue/catalogue.seed.js";
import { seedLessons } from "../src/server/modules/learning/lessons.seed.js";
import type { StepComments } from "../src/shared/discussions.js";
import { buildFacilitator, buildRun, buildRunMember, runSteps } from "../tests/support/community-fixtures.js";
import { buildUser } from "../tests/support/factories.js";
import { runHttpBenchmark } from "./support/harness.js";

const TOP_LEVEL = 5000;
const REPLIES = 1000;
const AUTHORS = 40;

let route = "";

await runHttpBenchmark({
  name: "community",
  title: "GET /api/steps/:stepId/comments",
  get route() {
    return route;
  },
  target: 0.2,
  async prepare(ctx) {
    const db = ctx.database.db;
    await seedCatalogue(db);
    await seedLessons(db);
    const run = await buildRun(ctx, { phase: "live" });
    await buildFacilitator(ctx, run);
    const reader = await buildRunMember(ctx, run, { givenName: "Benchmark", familyName: "Reader" });
    const steps = await runSteps(ctx, run);
    const stepId = steps[0]?.id;
    if (!stepId) throw new Error("the mini-course has no steps");
    const authors: string[] = [];
    for (let i = 0; i < AUTHORS; i += 1) {
      authors.push((await buildUser(ctx, { givenName: `Author${i}`, familyName: "Member" })).id);
    }
    const authorList = sql.raw(`array[${authors.map((a) => `'${a}'::uuid`).join(",")}]`);
    // Raw SQL: thousands of rows in one statement each, spread over the last 30 days.
    await db.execute(sql`
      insert into comments (run_id, step_id, author_id, body, like_count, created_at)
      select ${run.id}, ${stepId}, (${authorList})[1 + (i % ${AUTHORS})],
        'Comment ' || i || ': our **run chart** showed a *shift* after the change. See https://example.org/' || i,
        (i * 37) % 23, now() - make_interval(secs => (${TOP_LEVEL} - i) * 500)
      from generate_series(1, ${TOP_LEVEL}) as i`);
    await db.execute(sql`
      with tops as (
        select id, row_number() over (order by created_at desc) as n from comments
        where run_id = ${run.id} and step_id = ${stepId} and parent_id is null
      )
      insert into comments (run_id, step_id, parent_id, author_id, body, created_at)
      select ${run.id}, ${stepId}, t.id, (${authorList})[1 + (g % ${AUTHORS})], 'A reply ' || g, now() - make_interval(secs => g)
      from generate_series(1, ${REPLIES}) as g
      join tops t on t.n = 1 + (g * 7) % ${TOP_LEVEL}`);
    await db.execute(sql`
      update comments c set reply_count = r.n
      from (select parent_id, count(*)::int as n from comments where parent_id is not null group by parent_id) r
      where c.id = r.parent_id`);
    // The reader's own likes on every third comment.
    await db.execute(sql`
      insert into comment_likes (comment_id, user_id)
      select id, ${reader.id} from comments
      where run_id = ${run.id} and step_id = ${stepId} and parent_id is null and (like_count % 3) = 0`);
    await db.execute(sql`analyze comments`);
    await db.execute(sql`analyze comment_likes`);

    route = `/api/steps/${stepId}/comments?runId=${run.id}`;

    // Statements per listing for three page sizes: the count must not grow with the page size.
    const statements: Array<[number, number]> = [];
    for (const pageSize of [5, 20, 50]) {
      await ctx.app.inject({
        method: "GET",
        url: `${route}&pageSize=${pageSize}`,
        headers: { cookie: reader.cookie },
      });
      const before = ctx.database.queryCount();
      const response = await ctx.app.inject({
        method: "GET",
        url: `${route}&pageSize=${pageSize}`,
        headers: { cookie: reader.cookie },
      });
      statements.push([pageSize, ctx.database.queryCount() - before]);
      if (response.statusCode !== 200) throw new Error(`page size ${pageSize}: ${response.statusCode}`);
      const page = response.json() as StepComments;
      if (page.comments.length !== pageSize)
        throw new Error(`page size ${pageSize}: got ${page.comments.length}`);
    }
    const counts = new Set(statements.map(([, n]) => n));
    if (counts.size !== 1) {
      throw new Error(
        `statements grow with the page size: ${statements.map(([p, n]) => `${p}→${n}`).join(", ")}`,
      );
    }

    return {
      cookie: reader.cookie,
      notes: [
        `data:         1 run, 1 step with ${TOP_LEVEL} top-level comments and ${REPLIES} replies by ${AUTHORS} authors; the reader likes every third`,
        `statements:   per listing (session included) ${statements.map(([p, n]) => `page size ${p} → ${n}`).join(", ")}: constant`,
      ],
      check(body) {
        const page = JSON.parse(body) as StepComments;
        if (page.comments.length !== 20) throw new Error(`expected 20 comments, got ${page.comments.length}`);
        if (page.topLevelCount !== TOP_LEVEL) throw new Error(`expected ${TOP_LEVEL} top-level comments`);
        if (!page.comments.some((c) => c.likedByMe))
          throw new Error("no comment shows the reader's own like");
        if (!page.comments.some((c) => c.replies.length > 0))
          throw new Error("no comment on page 1 has replies");
      },
    };
  },
});
