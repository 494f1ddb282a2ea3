import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDuration, ProgressBar } from "../../scripts/seed-large/progress-bar.js";
import {
  ORGANISATION_COUNT,
  SEED_EMAIL_DOMAIN,
  SeedInterrupted,
  type SeedLargeOptions,
  seedLarge,
} from "../../scripts/seed-large/seed.js";
import { verifyPassword } from "../../src/server/platform/crypto.js";
import { type Database, queryRows } from "../../src/server/platform/db.js";
import { demoPassword, seedDemoAccounts, seedDirectory } from "../../src/server/seed.js";
import { TEST_PASSWORD } from "../support/factories.js";
import { testConfig } from "../support/test-app.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const LEARNERS = 200;
const BATCH_SIZE = 50; // 4 batches
const config = testConfig();
const quiet = { isTTY: false, write: () => true };

function options(target: TestDatabase, extra: Partial<SeedLargeOptions> = {}): SeedLargeOptions {
  return {
    database: target.database,
    databaseUrl: target.databaseUrl,
    learners: LEARNERS,
    batchSize: BATCH_SIZE,
    scryptCost: config.scryptCost,
    progress: quiet,
    log: () => undefined,
    ...extra,
  };
}

async function one<T>(database: Database, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await queryRows<T>(database.db, query);
  if (!row) throw new Error("query returned no row");
  return row;
}

/** What the seed wrote, counted from the tables themselves. */
async function counts(database: Database) {
  return one<{
    learners: number;
    organisations: number;
    enrolments: number;
    progress: number;
    completed: number;
    expired: number;
    deferred: number;
    started: number;
    withEsr: number;
    withTeam: number;
    licences: number;
  }>(
    database,
    sql.raw(`select
      (select count(*)::int from users where email like '%@${SEED_EMAIL_DOMAIN}') as learners,
      (select count(*)::int from seed_large_organisations) as organisations,
      (select count(*)::int from enrolments e join users u on u.id = e.user_id
        where u.email like '%@${SEED_EMAIL_DOMAIN}') as enrolments,
      (select count(*)::int from step_progress sp join enrolments e on e.id = sp.enrolment_id
        join users u on u.id = e.user_id where u.email like '%@${SEED_EMAIL_DOMAIN}') as progress,
      (select count(*)::int from enrolments where completed_at is not null) as completed,
      (select count(*)::int from enrolments where state = 'expired') as expired,
      (select count(*)::int from enrolments where state = 'deferred') as deferred,
      (select count(*)::int from enrolments where last_activity_at is not null) as started,
      (select count(*)::int from users where esr_number is not null) as "withEsr",
      (select count(*)::int from users where team_id is not null) as "withTeam",
      (select count(*)::int from organisation_licences) as licences`),
  );
}

let uninterrupted: TestDatabase;
let resumed: TestDatabase;
beforeAll(async () => {
  uninterrupted = await createTestDatabase({ migrate: false }); // the seed applies the migrations itself
  resumed = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await uninterrupted?.dispose();
  await resumed?.dispose();
});

describe("seed:large", () => {
  it("resumes after an interruption and ends with exactly what an uninterrupted run writes", {
    timeout: 300_000,
  }, async () => {
    const whole = await seedLarge(options(uninterrupted));
    expect(whole).toMatchObject({ learners: LEARNERS, batches: 4, batchesThisRun: 4, bigTrustLearners: 20 });

    // The second database already has the demo directory and accounts, as a developer's would.
    await seedDirectory(resumed.database.db);
    await seedDemoAccounts(resumed.database.db, config);
    const demoUsers = await one<{ n: number }>(resumed.database, sql`select count(*)::int as n from users`);

    await expect(seedLarge(options(resumed, { interruptAfterBatches: 2 }))).rejects.toBeInstanceOf(
      SeedInterrupted,
    );
    const part = await counts(resumed.database);
    expect(part.learners).toBe(2 * BATCH_SIZE); // the third batch was written, then rolled back
    const triggers = await queryRows<{ enabled: string }>(
      resumed.database.db,
      sql`select tgenabled as enabled from pg_trigger
          where tgname in ('enrolments_bump_learner_version', 'step_progress_bump_learner_version')`,
    );
    expect(triggers.map((t) => t.enabled)).toEqual(["O", "O"]);

    const rest = await seedLarge(options(resumed));
    expect(rest).toMatchObject({ learners: LEARNERS, batchesThisRun: 2 });
    expect({ ...rest, seconds: 0, batchesThisRun: 0, bigTrustId: "" }).toEqual({
      ...whole,
      seconds: 0,
      batchesThisRun: 0,
      bigTrustId: "",
    });

    const a = await counts(uninterrupted.database);
    const b = await counts(resumed.database);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ learners: LEARNERS, organisations: ORGANISATION_COUNT });
    expect(a.enrolments).toBe(whole.enrolments);
    expect(a.progress).toBe(whole.stepProgress);
    // 6–14 enrolments each, 30% completed, most with some progress, some expired, some with ESR numbers and teams.
    expect(a.enrolments).toBeGreaterThanOrEqual(6 * LEARNERS);
    expect(a.enrolments).toBeLessThanOrEqual(14 * LEARNERS);
    expect(a.completed / a.enrolments).toBeGreaterThan(0.2);
    expect(a.completed / a.enrolments).toBeLessThan(0.4);
    expect(a.started).toBeGreaterThan(a.completed);
    expect(a.expired).toBeGreaterThan(0);
    expect(a.deferred).toBeGreaterThan(0);
    expect(a.deferred).toBeLessThan(a.enrolments / 50);
    expect(a.withEsr).toBeGreaterThan(0);
    expect(a.withEsr).toBeLessThan(LEARNERS);
    expect(a.withTeam).toBeGreaterThan(LEARNERS / 2);
    expect(a.licences).toBeGreaterThan(0);

    const everyone = await one<{ n: number }>(resumed.database, sql`select count(*)::int as n from users`);
    expect(everyone.n).toBe(demoUsers.n + LEARNERS);

    // A third run finds nothing to do and changes nothing.
    const again = await seedLarge(options(resumed));
    expect(again.batchesThisRun).toBe(0);
    expect(await counts(resumed.database)).toEqual(b);
  });

  it("writes rows that agree with each other", async () => {
    const db = resumed.database;
    const broken = await one<Record<string, number>>(
      db,
      sql.raw(`select
        (select count(*)::int from step_progress sp
           join enrolments e on e.id = sp.enrolment_id
           join course_steps s on s.id = sp.step_id
           join course_modules m on m.id = s.module_id
         where m.course_id <> e.course_id) as "progressOnAnotherCourse",
        (select count(*)::int from enrolments e
         where e.completed_at is not null and (
           select count(*) from step_progress sp where sp.enrolment_id = e.id and sp.status = 'completed')
           <> (select count(*) from course_steps s join course_modules m on m.id = s.module_id
               where m.course_id = e.course_id)) as "completedWithoutEverySteps",
        (select count(*)::int from enrolments e
         where e.last_activity_at is null and exists (select 1 from step_progress sp where sp.enrolment_id = e.id))
           as "progressWithoutActivity",
        (select count(*)::int from enrolments e
         where e.completed_at is not null and (e.completed_at < e.starts_at or e.completed_at > e.expires_at))
           as "completedOutsideWindow",
        (select count(*)::int from enrolments e
         where (e.state = 'expired') <> (e.expires_at <= (select anchor from seed_large_settings)))
           as "wrongState",
        (select count(*)::int from enrolments e
         where e.state = 'deferred' and (e.completed_at is not null
           or e.starts_at <= (select anchor from seed_large_settings)
           or (select count(*) from deferral_requests d
               where d.enrolment_id = e.id and d.status = 'approved' and d.resumes_at = e.starts_at) <> 1))
           as "deferredWithoutApproval",
        (select count(*)::int from deferral_requests d join enrolments e on e.id = d.enrolment_id
         where e.state <> 'deferred') as "requestForUndeferred",
        (select count(*)::int from step_progress sp join enrolments e on e.id = sp.enrolment_id
         where sp.status = 'completed' and (sp.completed_at < e.created_at or sp.completed_at > e.last_activity_at))
           as "stepCompletedOutsideActivity",
        (select count(*)::int from users u
           join organisations team on team.id = u.team_id
           join organisations directorate on directorate.id = team.parent_id
         where u.email like '%@${SEED_EMAIL_DOMAIN}' and directorate.parent_id <> u.organisation_id)
           as "teamOutsideOrganisation",
        (select count(*)::int from users u
         where u.email like '%@${SEED_EMAIL_DOMAIN}'
           and (select count(*) from enrolments e where e.user_id = u.id) not between 6 and 14)
           as "learnerWithOddEnrolments",
        (select count(*)::int from users u
         where u.email like '%@${SEED_EMAIL_DOMAIN}'
           and not exists (select 1 from learner_versions v where v.user_id = u.id)) as "learnerWithoutVersion",
        (select count(*)::int from enrolments e
         where e.via = 'licence' and e.licence_id is null or e.via = 'free' and e.price_ex_vat_pence <> 0)
           as "wrongEntitlement",
        (select count(*)::int from users u
         where u.esr_number is not null and u.esr_number !~ '^[0-9]{11}$') as "badEsr"`),
    );
    expect(broken).toEqual({
      progressOnAnotherCourse: 0,
      completedWithoutEverySteps: 0,
      progressWithoutActivity: 0,
      completedOutsideWindow: 0,
      wrongState: 0,
      deferredWithoutApproval: 0,
      requestForUndeferred: 0,
      stepCompletedOutsideActivity: 0,
      teamOutsideOrganisation: 0,
      learnerWithOddEnrolments: 0,
      learnerWithoutVersion: 0,
      wrongEntitlement: 0,
      badEsr: 0,
    });

    const recorded = await one<{ learners: number; enrolments: number; progress: number }>(
      db,
      sql`select sum(learners)::int as learners, sum(enrolments)::int as enrolments,
            sum(step_progress)::int as progress
          from seed_large_progress where stage = 'learners'`,
    );
    const actual = await counts(db);
    expect(recorded).toEqual({
      learners: actual.learners,
      enrolments: actual.enrolments,
      progress: actual.progress,
    });

    const bigTrust = await one<{ learners: number }>(
      db,
      sql`select count(*)::int as learners from users u
          join seed_large_organisations t on t.id = u.organisation_id and t.kind = 'trust' and t.idx = 0`,
    );
    expect(bigTrust.learners).toBe(LEARNERS / 10);
  });

  it("keeps the reports' progress summary right when the column exists", async () => {
    const db = resumed.database;
    const column = await queryRows(
      db.db,
      sql`select 1 from information_schema.columns
          where table_schema = current_schema() and table_name = 'enrolments'
            and column_name = 'required_steps_completed'`,
    );
    if (column.length === 0) return; // before migration 0007 there is no summary to check
    const wrong = await one<{ n: number }>(
      db,
      sql.raw(`select count(*)::int as n from enrolments e
        where e.required_steps_completed <> (
          select count(*) from step_progress sp join course_steps s on s.id = sp.step_id
          where sp.enrolment_id = e.id and sp.status = 'completed' and s.required)`),
    );
    expect(wrong.n).toBe(0);
  });

  it("gives every seeded learner one hash of a password nobody knows", async () => {
    const hashes = await queryRows<{ hash: string }>(
      resumed.database.db,
      sql.raw(`select distinct password_hash as hash from users where email like '%@${SEED_EMAIL_DOMAIN}'`),
    );
    expect(hashes).toHaveLength(1);
    const [only] = hashes;
    if (!only) throw new Error("no hash");
    expect(await verifyPassword(TEST_PASSWORD, only.hash)).toBe(false);
    expect(await verifyPassword(demoPassword(config), only.hash)).toBe(false);
  });

  it("refuses to resume at another size, saying how to finish", { timeout: 120_000 }, async () => {
    await expect(seedLarge(options(resumed, { learners: 300 }))).rejects.toThrow(
      /seeded \(or part-seeded\) for 200 learners, not 300.*same SEED_LARGE_SCALE/,
    );
  });
});

describe("seed:large progress bar", () => {
  it("redraws one line on a terminal and prints plain lines to a file", () => {
    const terminal: string[] = [];
    const bar = new ProgressBar(
      "learners",
      1_000,
      "learners",
      { isTTY: true, write: (t) => terminal.push(t) },
      200,
    );
    bar.update(600, "6,000 enrolments");
    bar.finish("10,000 enrolments");
    const redraw = "\r\x1b[2K"; // carriage return, then erase the line
    expect(terminal.every((line) => line.startsWith(redraw))).toBe(true);
    expect(terminal[0]?.slice(redraw.length)).toMatch(
      /^learners \[#{14}-{10}\] 60\.0% 600\/1,000 learners, [\d,]+ learners\/s, ETA .*, 6,000 enrolments$/,
    );
    expect(terminal[1]?.slice(redraw.length)).toMatch(
      /^learners: 600\/1,000 learners in \d+s \(10,000 enrolments\)\n$/,
    );

    const file: string[] = [];
    const plain = new ProgressBar("learners", 1_000, "learners", {
      isTTY: false,
      write: (t) => file.push(t),
    });
    plain.update(10);
    plain.update(20); // within 5 seconds of the last line: not printed
    plain.update(1_000);
    expect(file).toHaveLength(2);
    expect(file.every((line) => line.endsWith("\n") && !line.includes("\r"))).toBe(true);
    expect(file[1]).toContain("100.0% 1,000/1,000 learners");
  });

  it("writes durations people can read", () => {
    expect(formatDuration(12)).toBe("12s");
    expect(formatDuration(185)).toBe("3m 05s");
    expect(formatDuration(3_720)).toBe("1h 02m");
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe("?");
  });
});
