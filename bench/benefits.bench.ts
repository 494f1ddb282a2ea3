/**
 * Benefits summary benchmark: `GET /api/benefits/summary?organisationId=&programmeId=` (the whole organisation, signed
 * in as its programme lead) for one registration on Productive Community Services with 300 teams, 13 modules of
 * progress each (team_module_progress) and 20,000 benefits spread over teams, areas, modules, orders, statuses and
 * two years of months, on the real app over HTTP, against a bare Fastify route serving a body of the same size, both
 * measured in the same run (alternating rounds). Target: app req/s ÷ bare req/s at least 0.10 on PostgreSQL, with a
 * constant number of statements.
 *
 * The summary is cached per instance at the registration's benefits_version (migration 0016), so the measured rounds
 * read a cached summary. Before them it also measures, honestly, what a cache miss costs: SQL statements counted at
 * the driver (pg.Client#query or PGlite#query) for a cached request and for the first request after one more benefit
 * is added, and the latency of cached and uncached requests (median of several, in process by app.inject).
 *
 * Database and rounds as in http.bench.ts: BENCH_DATABASE_URL (or TEST_DATABASE_URL) for a throwaway PostgreSQL
 * database, otherwise PGlite in memory; BENCH_DURATION seconds per round, BENCH_ROUNDS pairs of rounds.
 */
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { seedCatalogue } from "../src/server/modules/catalogue/catalogue.seed.js";
import { seedImplementationCatalogue } from "../src/server/modules/implementation/implementation.seed.js";
import type { BenefitsSummary } from "../src/shared/implementation-summary.js";
import { buildOrganisation, buildUser, signIn } from "../tests/support/factories.js";
import { buildRegistration, houseOf, programmeBySlug } from "../tests/support/implementation-fixtures.js";
import { runHttpBenchmark } from "./support/harness.js";
import { percentile } from "./support/latency.js";

const TEAMS = 300;
const MODULES = 13;
const BENEFITS = 20_000;
const MISSES = 7;

let route = "";

/** Counts statements at the driver while `work` runs: pg.Client#query (the pool's clients) or PGlite#query. */
async function driverStatements(kind: "pglite" | "postgres", work: () => Promise<unknown>): Promise<number> {
  // Patched for the probe only and restored after; `query` takes varied overloads, hence the casts.
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

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

await runHttpBenchmark({
  name: "benefits",
  title: "GET /api/benefits/summary",
  get route() {
    return route;
  },
  target: 0.1,
  async prepare(ctx) {
    const db = ctx.database.db;
    await seedCatalogue(db);
    await seedImplementationCatalogue(db);
    const programmeId = await programmeBySlug(ctx);
    const organisationId = await buildOrganisation(ctx, {
      type: "nhs_trust",
      name: "Northshire Community Health NHS Trust",
    });
    const lead = await buildUser(ctx, { organisationId, givenName: "Benchmark", familyName: "Lead" });
    const finance = await buildUser(ctx, { organisationId, givenName: "Benchmark", familyName: "Finance" });
    const registration = await buildRegistration(ctx, {
      organisationId,
      programmeId,
      people: [
        { userId: lead.id, role: "programme_lead" },
        { userId: finance.id, role: "finance_lead" },
      ],
    });
    const modules = (await houseOf(ctx, programmeId)).map((m) => m.id);
    if (modules.length !== MODULES) throw new Error(`expected ${MODULES} modules, found ${modules.length}`);
    const moduleList = sql.raw(`array[${modules.map((m) => `'${m}'::uuid`).join(",")}]`);
    const areaList = sql.raw(`array[${registration.areaIds.map((a) => `'${a}'::uuid`).join(",")}]`);

    // Raw SQL: hundreds and thousands of rows in one statement each.
    await db.execute(sql`
      insert into implementation_teams (registration_id, name, setting, size, started_on)
      select ${registration.id}, 'Community team ' || lpad(i::text, 3, '0'),
        (array['district_nursing', 'community_therapy', 'health_visiting', 'rapid_response'])[1 + i % 4]::team_setting,
        8 + i % 20, date '2025-01-06' + (i % 60)
      from generate_series(1, ${TEAMS}) as i`);
    await db.execute(sql`
      insert into team_module_progress (team_id, house_module_id, status, started_on, completed_on, sustaining_from)
      select t.id, m.id,
        (array['not_started', 'in_progress', 'complete', 'sustaining'])[1 + (t.n + m.position) % 4]::module_status,
        case when (t.n + m.position) % 4 > 0 then date '2025-02-03' + m.position * 42 end,
        case when (t.n + m.position) % 4 > 1 then date '2025-03-17' + m.position * 42 end,
        case when (t.n + m.position) % 4 = 3 then date '2025-04-14' + m.position * 42 end
      from (select id, row_number() over (order by name) as n from implementation_teams
            where registration_id = ${registration.id}) t
      cross join house_modules m where m.programme_id = ${programmeId}`);
    await db.execute(sql`
      with teams as (
        select array_agg(id order by name) as ids from implementation_teams where registration_id = ${registration.id}
      ), spread as (
        select i, (i % 5 <> 0) as cashable, (i % 3 = 0) as second,
          (array['recorded', 'awaiting_sign_off', 'queried', 'signed_off', 'signed_off', 'rejected'])[1 + i % 6] as status
        from generate_series(1::bigint, ${BENEFITS}) as i
      )
      insert into benefits (registration_id, team_id, house_module_id, area_id, title, cashable, cash_category,
        cash_order, method, status, baseline_pence, forecast_pence, realised_pence, forecast_on, realised_on,
        signed_off_by, signed_off_at)
      select ${registration.id}, teams.ids[1 + s.i % ${TEAMS}], (${moduleList})[1 + s.i % ${MODULES}],
        (${areaList})[1 + s.i % 4], 'Benefit ' || s.i, s.cashable,
        case when not s.cashable then null when s.second then 'revenue_spend' else 'stock' end::cash_category,
        case when not s.cashable then null when s.second then 'second' else 'first' end::cash_order,
        'Counted before and after', (case when s.cashable then s.status else 'recorded' end)::benefit_status,
        case when s.cashable then 50000 + (s.i * 7919) % 500000 end,
        case when s.cashable then 10000 + (s.i * 104729) % 300000 end,
        case when s.cashable and s.i % 4 <> 0 then 9000 + (s.i * 15485863) % 280000 end,
        date '2025-01-15' + ((s.i * 13) % 730)::int, date '2025-02-10' + ((s.i * 17) % 700)::int,
        case when s.cashable and s.status = 'signed_off' then ${finance.id}::uuid end,
        case when s.cashable and s.status = 'signed_off' then now() end
      from spread s, teams`);
    await db.execute(sql`analyze benefits`);
    await db.execute(sql`analyze implementation_teams`);
    await db.execute(sql`analyze team_module_progress`);

    const cookie = await signIn(ctx, lead);
    route = `/api/benefits/summary?organisationId=${organisationId}&programmeId=${programmeId}`;
    const kind = ctx.database.kind;
    const inject = async () => {
      const response = await ctx.app.inject({ method: "GET", url: route, headers: { cookie } });
      if (response.statusCode !== 200)
        throw new Error(`summary answered ${response.statusCode}: ${response.body}`);
      return response;
    };
    const timed = async () => {
      const started = performance.now();
      await inject();
      return performance.now() - started;
    };

    // Warm: the session, the prepared statements, the cache.
    await inject();
    await inject();
    const cachedStatements = await driverStatements(kind, inject);
    const cachedMs: number[] = [];
    for (let i = 0; i < 50; i += 1) cachedMs.push(await timed());

    // Misses: one more benefit each time moves benefits_version, so the next request recomputes the figures.
    const teamId = (
      (await ctx.database.rawQuery("select id from implementation_teams where registration_id = $1 limit 1", [
        registration.id,
      ])) as Array<{ id: string }>
    )[0]?.id;
    const addBenefit = (n: number) =>
      ctx.database.rawQuery(
        `insert into benefits (registration_id, team_id, area_id, title, cashable, cash_category, cash_order, status,
           forecast_pence, forecast_on) values ($1, $2, $3, $4, true, 'stock', 'first', 'awaiting_sign_off', 100000, '2026-06-30')`,
        [registration.id, teamId, registration.areaIds[0], `Extra benefit ${n}`],
      );
    const uncachedStatements: number[] = [];
    const uncachedMs: number[] = [];
    for (let n = 0; n < MISSES; n += 1) {
      await addBenefit(n);
      let ms = 0;
      uncachedStatements.push(
        await driverStatements(kind, async () => {
          ms = await timed();
        }),
      );
      uncachedMs.push(ms);
    }
    if (new Set(uncachedStatements).size !== 1)
      throw new Error(`statements per uncached summary vary: ${uncachedStatements.join(", ")}`);
    const summary = (await inject()).json() as BenefitsSummary;
    const expected = BENEFITS + MISSES;
    if (summary.counts.benefits !== expected)
      throw new Error(`expected ${expected} benefits, the summary counts ${summary.counts.benefits}`);

    return {
      cookie,
      notes: [
        `data:         1 registration, ${TEAMS} teams × ${MODULES} modules of progress, ${BENEFITS.toLocaleString("en-GB")} benefits (+${MISSES} added for the misses) over 4 areas, 2 orders, 5 statuses, 2 years`,
        `statements:   at the driver, session included: cached ${cachedStatements}; first request after adding a benefit (cache miss) ${uncachedStatements[0]} (same for all ${MISSES} misses)`,
        `latency:      in process (app.inject), median: cached ${median(cachedMs).toFixed(2)} ms (50 requests); uncached ${median(uncachedMs).toFixed(1)} ms (${MISSES} misses, each after one more benefit; min ${Math.min(...uncachedMs).toFixed(1)}, max ${Math.max(...uncachedMs).toFixed(1)})`,
        `body:         realised ${summary.totals.total.realisedPence} pence, forecast ${summary.totals.total.forecastPence} pence, ${summary.byTeam.length} teams, ${summary.byMonth.length} months`,
        "rounds below: the summary is cached at benefits_version (nothing changes during them)",
      ],
      check(body) {
        const answer = JSON.parse(body) as BenefitsSummary;
        if (answer.scope !== "organisation")
          throw new Error(`expected the organisation scope, got ${answer.scope}`);
        if (answer.byTeam.length !== TEAMS)
          throw new Error(`expected ${TEAMS} teams, got ${answer.byTeam.length}`);
        if (answer.counts.benefits !== expected) throw new Error(`expected ${expected} benefits`);
        if (!answer.national)
          throw new Error("an NHS trust on Productive Community Services has a national comparison");
      },
    };
  },
});
