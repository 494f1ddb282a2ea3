/**
 * seed:large: a big, realistic site generated inside the database (INSERT … SELECT over generate_series), in
 * batches of learners that each commit with their enrolments and step progress, so an interrupted run resumes where
 * it stopped and never writes anything twice. See docs/large-seed.md.
 *
 * Its bookkeeping lives in tables it creates itself (not migrations, since the app never reads them):
 * seed_large_settings (size, the time "now" was taken as, the shared password hash), seed_large_progress (finished
 * batches), and seed_large_organisations / _courses / _steps / _licences (index → id maps the batches join to).
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { seedCatalogue } from "../../src/server/modules/catalogue/catalogue.seed.js";
import { seedLessons } from "../../src/server/modules/learning/lessons.seed.js";
import { hashPassword } from "../../src/server/platform/crypto.js";
import { type Database, queryRows, runMigrations, type Tx } from "../../src/server/platform/db.js";
import {
  DEFERRAL_REASONS,
  DIRECTORATES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  ICB_AREAS,
  JOB_ROLES,
  sqlTextArray,
  TEAMS,
  TRUST_KINDS,
  TRUST_PLACES,
} from "./names.js";
import { formatCount, ProgressBar, type ProgressSink } from "./progress-bar.js";

/** Learners at full size (PostgreSQL); PGlite defaults to a twentieth. */
export const FULL_LEARNERS = 100_000;
/** Default scale on PGlite, where the whole database lives in one process's memory. */
export const PGLITE_SCALE = 0.05;
/** Learners per committed batch unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 2_000;
/** The share of learners who work for the first trust (10,000 of 100,000: the benchmark's organisation). */
const BIG_TRUST_SHARE = 0.1;
/** Email domain of every seeded learner (.test is reserved, so no mail can reach anyone). */
export const SEED_EMAIL_DOMAIN = "seed-large.test";

const ICBS = ICB_AREAS.length; // 6
const TRUSTS = TRUST_PLACES.length; // 24, four per ICB
const DIRECTORATE_COUNT = TRUSTS * DIRECTORATES.length; // 72, three per trust
/** 300 organisations in all: the rest are wards and teams, spread over the directorates. */
export const ORGANISATION_COUNT = 300;
const TEAM_COUNT = ORGANISATION_COUNT - ICBS - TRUSTS - DIRECTORATE_COUNT; // 198

/** Thrown inside a batch's transaction when a test asks the seed to stop part-way (so the batch rolls back). */
export class SeedInterrupted extends Error {
  constructor(batches: number) {
    super(
      `seed:large stopped on purpose after ${batches} ${batches === 1 ? "batch" : "batches"} (the next one was rolled back)`,
    );
    this.name = "SeedInterrupted";
  }
}

/** What seedLarge needs. */
export interface SeedLargeOptions {
  database: Database;
  databaseUrl: string | null;
  /** How many learners the finished site has. A resumed run must ask for the same number. */
  learners: number;
  batchSize?: number;
  /** scrypt cost for the one shared hash of a random password (config.scryptCost). */
  scryptCost: number;
  /** For tests of resuming: after this many batches this run, write the next one and roll it back, then throw. */
  interruptAfterBatches?: number;
  progress?: ProgressSink;
  log?: (line: string) => void;
}

/** What a finished (or resumed and finished) seed holds. */
export interface SeedLargeSummary {
  learners: number;
  organisations: number;
  enrolments: number;
  stepProgress: number;
  batches: number;
  batchesThisRun: number;
  bigTrustId: string;
  bigTrustName: string;
  bigTrustLearners: number;
  seconds: number;
}

/** Learners for a database kind and an optional SEED_LARGE_SCALE (a fraction of the full 100,000). */
export function plannedLearners(kind: Database["kind"], scaleText: string | undefined): number {
  const scale = scaleText === undefined || scaleText === "" ? null : Number(scaleText);
  if (scale !== null && (!Number.isFinite(scale) || scale <= 0 || scale > 10))
    throw new Error(
      `SEED_LARGE_SCALE must be a number above 0 and at most 10 (1 is 100,000 learners; got "${scaleText}")`,
    );
  const learners = Math.round(FULL_LEARNERS * (scale ?? (kind === "pglite" ? PGLITE_SCALE : 1)));
  if (learners < 20)
    throw new Error(`SEED_LARGE_SCALE ${scaleText} gives under 20 learners: use a larger scale`);
  return learners;
}

/**
 * A deterministic pseudo-random whole number in [0, 2^32) from an integer expression and a salt, so a resumed run
 * generates exactly what an uninterrupted one would. hashint8 is PostgreSQL's own integer hash.
 */
function h(expression: string, salt: number): string {
  return `(hashint8((${expression})::bigint * 1009 + ${salt})::bigint + 2147483648)`;
}

async function run(tx: Tx, statement: string): Promise<void> {
  await tx.execute(sql.raw(statement));
}

async function rows<T>(tx: Tx, statement: string): Promise<T[]> {
  return queryRows<T>(tx, sql.raw(statement));
}

const BOOKKEEPING = [
  `create table if not exists seed_large_settings (
    id integer primary key default 1 check (id = 1),
    learners integer not null,
    batch_size integer not null,
    anchor timestamptz not null,
    password_hash text not null,
    started_at timestamptz not null default now())`,
  `create table if not exists seed_large_progress (
    stage text not null,
    batch integer not null,
    learners integer not null default 0,
    enrolments bigint not null default 0,
    step_progress bigint not null default 0,
    finished_at timestamptz not null default now(),
    primary key (stage, batch))`,
  `create table if not exists seed_large_organisations (
    kind text not null, idx integer not null, id uuid not null unique, trust_idx integer,
    primary key (kind, idx))`,
  `create table if not exists seed_large_courses (
    idx integer primary key, id uuid not null unique, level text not null, access_months integer not null,
    price integer not null, step_count integer not null)`,
  `create table if not exists seed_large_steps (
    course_idx integer not null, n integer not null, step_id uuid not null, required boolean not null,
    primary key (course_idx, n))`,
  `create table if not exists seed_large_licences (
    trust_idx integer not null, course_idx integer not null, id uuid not null, primary key (trust_idx, course_idx))`,
];

interface Settings {
  learners: number;
  batch_size: number;
}

/** Creates the bookkeeping tables and settings, or checks a resumed run asks for the same size. */
async function settle(options: SeedLargeOptions): Promise<Settings> {
  const { db } = options.database;
  for (const statement of BOOKKEEPING) await run(db, statement);
  const [existing] = await rows<Settings>(db, "select learners, batch_size from seed_large_settings");
  if (existing) {
    if (existing.learners !== options.learners)
      throw new Error(
        `This database was seeded (or part-seeded) for ${formatCount(existing.learners)} learners, not ${formatCount(options.learners)}. ` +
          "Run again with the same SEED_LARGE_SCALE to finish it, or seed a fresh database.",
      );
    return existing;
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  // One scrypt hash of a random password nobody keeps: seeded learners can never sign in with a known password.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"), options.scryptCost);
  await queryRows(
    db,
    sql`insert into seed_large_settings (learners, batch_size, anchor, password_hash)
        values (${options.learners}, ${batchSize}, date_trunc('minute', now()), ${passwordHash})`,
  );
  return { learners: options.learners, batch_size: batchSize };
}

async function stageDone(tx: Tx, stage: string, batch: number): Promise<boolean> {
  const found = await rows<{ n: number }>(
    tx,
    `select 1 as n from seed_large_progress where stage = '${stage}' and batch = ${batch}`,
  );
  return found.length > 0;
}

/**
 * The catalogue's published courses, each with lessons (courses the demo left without steps get two written steps
 * per module, from the module's own summary, so learners can enrol on them), then the 300 organisations and a
 * licence per trust for every course that costs money. One transaction, recorded as stage "setup".
 */
async function setUp(tx: Tx): Promise<void> {
  await run(
    tx,
    `insert into course_steps (module_id, position, kind, title, body, minutes)
     select m.id, s.n, 'article',
       case s.n when 1 then m.title || ': the ideas' else m.title || ': trying it in your team' end,
       case s.n when 1 then m.summary
         else 'Pick one idea from ' || m.title || ' and try it with your team this week. Note what changed.' end,
       case s.n when 1 then 10 else 15 end
     from course_modules m
     join courses c on c.id = m.course_id
     cross join generate_series(1, 2) as s(n)
     where c.status = 'published'
       and not exists (
         select 1 from course_modules m2 join course_steps cs on cs.module_id = m2.id where m2.course_id = c.id)`,
  );
  await run(
    tx,
    `insert into seed_large_courses (idx, id, level, access_months, price, step_count)
     select (row_number() over (order by c.position, c.id) - 1)::int, c.id, c.level::text, c.access_months,
       case when c.level = 'introductory' then 0 else c.list_price_ex_vat_pence end, count(*)::int
     from courses c
     join course_modules m on m.course_id = c.id
     join course_steps s on s.module_id = m.id
     where c.status = 'published'
     group by c.id`,
  );
  await run(
    tx,
    `insert into seed_large_steps (course_idx, n, step_id, required)
     select sc.idx, (row_number() over (partition by sc.idx order by m.position, s.position, s.id))::int, s.id,
       s.required
     from seed_large_courses sc
     join course_modules m on m.course_id = sc.id
     join course_steps s on s.module_id = m.id`,
  );
  const [courseCount] = await rows<{ n: number }>(tx, "select count(*)::int as n from seed_large_courses");
  if (!courseCount || courseCount.n === 0)
    throw new Error("The catalogue has no published course with lessons, so there is nothing to enrol on.");

  await run(
    tx,
    `insert into seed_large_organisations (kind, idx, id, trust_idx)
     select 'icb', g, gen_random_uuid(), null from generate_series(0, ${ICBS - 1}) g
     union all select 'trust', g, gen_random_uuid(), g from generate_series(0, ${TRUSTS - 1}) g
     union all select 'directorate', g, gen_random_uuid(), g / ${DIRECTORATES.length}
       from generate_series(0, ${DIRECTORATE_COUNT - 1}) g
     union all select 'team', g, gen_random_uuid(), (g % ${DIRECTORATE_COUNT}) / ${DIRECTORATES.length}
       from generate_series(0, ${TEAM_COUNT - 1}) g`,
  );
  const icbsPerTrust = TRUSTS / ICBS;
  await run(
    tx,
    `insert into organisations (id, name, type, parent_id)
     select o.id,
       case o.kind
         when 'icb' then 'NHS ' || (${sqlTextArray(ICB_AREAS)})[o.idx + 1] || ' Integrated Care Board'
         when 'trust' then (${sqlTextArray(TRUST_PLACES)})[o.idx + 1] || ' '
           || (${sqlTextArray(TRUST_KINDS)})[o.idx % ${TRUST_KINDS.length} + 1]
         when 'directorate' then (${sqlTextArray(DIRECTORATES)})[o.idx % ${DIRECTORATES.length} + 1]
           || ' Directorate, ' || (${sqlTextArray(TRUST_PLACES)})[o.trust_idx + 1]
         else (${sqlTextArray(TEAMS)})[((o.idx % ${DIRECTORATE_COUNT}) % ${DIRECTORATES.length}) * 3
             + o.idx / ${DIRECTORATE_COUNT} + 1]
           || ', ' || (${sqlTextArray(TRUST_PLACES)})[o.trust_idx + 1]
       end,
       case o.kind when 'icb' then 'icb' when 'trust' then 'nhs_trust' when 'directorate' then 'directorate'
         else 'team' end::organisation_type,
       p.id
     from seed_large_organisations o
     left join seed_large_organisations p on
          (o.kind = 'trust' and p.kind = 'icb' and p.idx = o.idx / ${icbsPerTrust})
       or (o.kind = 'directorate' and p.kind = 'trust' and p.idx = o.trust_idx)
       or (o.kind = 'team' and p.kind = 'directorate' and p.idx = o.idx % ${DIRECTORATE_COUNT})`,
  );
  await run(
    tx,
    `insert into seed_large_licences (trust_idx, course_idx, id)
     select t.idx, c.idx, gen_random_uuid()
     from seed_large_organisations t cross join seed_large_courses c
     where t.kind = 'trust' and c.price > 0`,
  );
  await run(
    tx,
    `insert into organisation_licences (id, organisation_id, course_id, seats, starts_on, ends_on, note)
     select l.id, t.id, c.id, 20000, (s.anchor - interval '3 years')::date, (s.anchor + interval '1 year')::date,
       'Bulk licence (seed:large)'
     from seed_large_licences l
     join seed_large_organisations t on t.kind = 'trust' and t.idx = l.trust_idx
     join seed_large_courses c on c.idx = l.course_idx
     cross join seed_large_settings s`,
  );
  await run(tx, "insert into seed_large_progress (stage, batch) values ('setup', 0)");
}

/** Counts one batch writes, worked out from its plan before the rows go in. */
interface BatchCounts {
  learners: number;
  enrolments: number;
  step_progress: number;
}

/**
 * One batch: learners [first, last] with their enrolments and step progress, in the caller's transaction.
 * My learning's per-row version triggers are switched off for the batch (the switch is transactional, so an
 * interrupted batch leaves them on) and each new learner's version is written once instead.
 */
async function loadBatch(
  tx: Tx,
  batch: number,
  first: number,
  last: number,
  bigTrustLearners: number,
  summaryColumn: boolean,
): Promise<BatchCounts> {
  const otherTrusts = TRUSTS - 1;
  await run(tx, "alter table enrolments disable trigger enrolments_bump_learner_version");
  await run(tx, "alter table step_progress disable trigger step_progress_bump_learner_version");
  await run(
    tx,
    `create temp table seed_batch_learners on commit drop as
     select i, gen_random_uuid() as user_id,
       case when i <= ${bigTrustLearners} then 0 else 1 + i % ${otherTrusts} end as trust_idx
     from generate_series(${first}, ${last}) as i`,
  );
  const given = `(${sqlTextArray(GIVEN_NAMES)})[(1 + ${h("b.i", 1)} % ${GIVEN_NAMES.length})::int]`;
  const family = `(${sqlTextArray(FAMILY_NAMES)})[(1 + ${h("b.i", 2)} % ${FAMILY_NAMES.length})::int]`;
  await run(
    tx,
    `insert into users (id, email, email_verified_at, password_hash, given_name, family_name, certificate_name,
       certificate_name_confirmed_at, sector, organisation_id, team_id, job_role, esr_number, last_sign_in_at,
       created_at, updated_at)
     select b.user_id,
       lower(n.given || '.' || n.family || '.' || b.i || '@${SEED_EMAIL_DOMAIN}'),
       n.joined + interval '10 minutes',
       s.password_hash, n.given, n.family, n.given || ' ' || n.family,
       case when ${h("b.i", 3)} % 2 = 0 then n.joined + interval '1 day' end,
       'nhs_england', tr.id,
       case when ${h("b.i", 4)} % 100 < 88 then tm.ids[(1 + ${h("b.i", 5)} % cardinality(tm.ids))::int] end,
       (${sqlTextArray(JOB_ROLES)})[(1 + ${h("b.i", 6)} % ${JOB_ROLES.length})::int],
       case when ${h("b.i", 7)} % 100 < 60
         then lpad((101 + b.trust_idx * 31)::text, 3, '0') || lpad(b.i::text, 8, '0') end,
       s.anchor - make_interval(days => (${h("b.i", 13)} % 30)::int),
       n.joined, n.joined
     from seed_batch_learners b
     cross join seed_large_settings s
     cross join lateral (select ${given} as given, ${family} as family,
       s.anchor - make_interval(days => 740 + (${h("b.i", 14)} % 60)::int) as joined) n
     join seed_large_organisations tr on tr.kind = 'trust' and tr.idx = b.trust_idx
     join (select trust_idx, array_agg(id order by idx) as ids from seed_large_organisations
           where kind = 'team' group by trust_idx) tm on tm.trust_idx = b.trust_idx`,
  );
  // Each learner: 6–14 enrolments on consecutive courses from a random start, each started at a random moment in the
  // last two years; 30% completed, 48% part-way, 22% not started; expired once the access window has ended; a few
  // recent starts on the longer levels deferred.
  const key = "p.i * 64 + p.k";
  await run(
    tx,
    `create temp table seed_batch_enrolments on commit drop as
     with plan as (
       select b.i, b.user_id, b.trust_idx, k.k, (select count(*) from seed_large_courses) as ncourses
       from seed_batch_learners b
       cross join lateral generate_series(0, 5 + (${h("b.i", 8)} % 9)::int) as k(k)
     ), chosen as (
       select p.i, p.user_id, p.trust_idx, c.idx as course_idx, c.id as course_id, c.level, c.access_months,
         c.price, c.step_count, ${h(key, 9)} as h1, ${h(key, 10)} as h2, ${h(key, 11)} as h3, s.anchor,
         s.anchor - make_interval(days => (${h(key, 9)} % 730)::int, secs => (${h(key, 10)} % 86400)::int)
           as starts_at
       from plan p
       cross join seed_large_settings s
       join seed_large_courses c on c.idx = (${h("p.i", 12)} + p.k) % p.ncourses
       where p.k < p.ncourses
     ), windowed as (
       select ch.*, ch.starts_at + make_interval(months => ch.access_months) as expires_at,
         case when ch.h3 % 100 < 30 then 'completed' when ch.h3 % 100 < 78 then 'started' else 'new' end
           as progress
       from chosen ch
     ), paced as (
       select w.*,
         least(w.expires_at, w.anchor) - w.starts_at as span,
         case w.progress when 'completed' then w.step_count
           when 'started' then case when w.step_count > 1 then 1 + (w.h2 % (w.step_count - 1))::int else 0 end
           else 0 end as done
       from windowed w
     ), flagged as (
       -- Some who started a Practitioner, Facilitator or Programme Manager course in the last four weeks have had a
       -- deferral approved: a full new window from a start one to four months ahead (the original start is kept as
       -- starts_at here and as the enrolment's created_at).
       select p.*,
         p.level in ('practitioner', 'facilitator', 'programme_manager') and p.progress <> 'completed'
           and p.starts_at > p.anchor - interval '28 days' and p.h2 % 100 < 40 as deferred,
         date_trunc('day', p.anchor) + make_interval(days => (30 + p.h1 % 90)::int) as resumes_at
       from paced p
     )
     select gen_random_uuid() as enrolment_id, p.*,
       case when p.progress = 'completed' then p.starts_at + p.span * ((5 + p.h1 % 90) / 100.0) end as completed_at,
       case when p.progress = 'new' then null else p.starts_at + p.span * ((5 + p.h1 % 90) / 100.0) end
         as last_activity_at,
       p.progress = 'started' and p.done < p.step_count and (p.done = 0 or p.h3 % 2 = 0) as extra_started,
       case when p.deferred then 'deferred' when p.expires_at <= p.anchor then 'expired' else 'active' end as state
     from flagged p`,
  );
  await run(
    tx,
    `insert into enrolments (id, user_id, course_id, state, via, price_ex_vat_pence, licence_id, declared_at, starts_at,
       expires_at, completed_at, last_step_id, last_activity_at, expired_at, created_at, updated_at${summaryColumn ? ", required_steps_completed" : ""})
     select e.enrolment_id, e.user_id, e.course_id, e.state::enrolment_state,
       case when e.price = 0 then 'free' else 'licence' end::entitlement, e.price, l.id,
       case when e.level = 'accredited_introduction' then e.starts_at end,
       case when e.deferred then e.resumes_at else e.starts_at end,
       case when e.deferred then e.resumes_at + make_interval(months => e.access_months) else e.expires_at end,
       e.completed_at, st.step_id, e.last_activity_at,
       case when e.state = 'expired' then e.expires_at end,
       e.starts_at, coalesce(e.last_activity_at, e.starts_at)${
         summaryColumn
           ? `, (select count(*) from seed_large_steps r
                 where r.course_idx = e.course_idx and r.n <= e.done and r.required)::int`
           : ""
       }
     from seed_batch_enrolments e
     left join seed_large_licences l on e.price > 0 and l.trust_idx = e.trust_idx and l.course_idx = e.course_idx
     left join seed_large_steps st on st.course_idx = e.course_idx
       and st.n = case when e.extra_started then e.done + 1 else e.done end`,
  );
  await run(
    tx,
    `insert into deferral_requests (enrolment_id, reason, status, requested_at, decided_at, decision_note, resumes_at)
     select e.enrolment_id, (${sqlTextArray(DEFERRAL_REASONS)})[(1 + e.h3 % ${DEFERRAL_REASONS.length})::int],
       'approved', e.starts_at + (e.anchor - e.starts_at) * 0.4, e.starts_at + (e.anchor - e.starts_at) * 0.7,
       null, e.resumes_at
     from seed_batch_enrolments e where e.deferred`,
  );
  // Steps are done in course order, evenly spaced between the start and the last activity.
  await run(
    tx,
    `insert into step_progress (enrolment_id, step_id, status, percent, completed_at, updated_at)
     select e.enrolment_id, st.step_id,
       case when st.n <= e.done then 'completed' else 'started' end::step_progress_status,
       case when st.n <= e.done then 100 else (20 + e.h1 % 70)::int end,
       case when st.n <= e.done
         then e.starts_at + (e.last_activity_at - e.starts_at) * (st.n::float8 / e.done) end,
       case when st.n <= e.done
         then e.starts_at + (e.last_activity_at - e.starts_at) * (st.n::float8 / e.done)
         else e.last_activity_at end
     from seed_batch_enrolments e
     join seed_large_steps st on st.course_idx = e.course_idx
       and (st.n <= e.done or (e.extra_started and st.n = e.done + 1))`,
  );
  await run(
    tx,
    `insert into learner_versions (user_id, version) select user_id, 2 from seed_batch_learners
     on conflict (user_id) do update set version = learner_versions.version + 1`,
  );
  await run(tx, "alter table enrolments enable trigger enrolments_bump_learner_version");
  await run(tx, "alter table step_progress enable trigger step_progress_bump_learner_version");
  const [counts] = await rows<BatchCounts>(
    tx,
    `select (select count(*) from seed_batch_learners)::int as learners,
       count(*)::int as enrolments,
       coalesce(sum(done + case when extra_started then 1 else 0 end), 0)::int as step_progress
     from seed_batch_enrolments`,
  );
  if (!counts) throw new Error("could not count the batch");
  await run(
    tx,
    `insert into seed_large_progress (stage, batch, learners, enrolments, step_progress)
     values ('learners', ${batch}, ${counts.learners}, ${counts.enrolments}, ${counts.step_progress})`,
  );
  return counts;
}

/** Applies migrations, loads the catalogue if empty, then every batch not yet done; ANALYZE at the end. */
export async function seedLarge(options: SeedLargeOptions): Promise<SeedLargeSummary> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { db } = options.database;
  await runMigrations(options.database, options.databaseUrl);
  if ((await seedCatalogue(db)) > 0) log("Loaded the catalogue (it was empty).");
  await seedLessons(db);
  const settings = await settle(options);
  if (!(await stageDone(db, "setup", 0))) {
    await db.transaction((tx) => setUp(tx));
    log(`Set up ${ORGANISATION_COUNT} organisations, licences and course lessons.`);
  }

  // The reports' summary (migration 0007): each enrolment's count of completed required steps, written with the
  // enrolment so no rebuild is needed after the load. Looked up so the seed also runs on databases without it.
  const summaryColumn =
    (
      await rows<{ n: number }>(
        db,
        `select 1 as n from information_schema.columns
         where table_schema = current_schema() and table_name = 'enrolments'
           and column_name = 'required_steps_completed'`,
      )
    ).length > 0;
  const learners = settings.learners;
  const batchSize = settings.batch_size;
  const bigTrustLearners = Math.round(learners * BIG_TRUST_SHARE);
  const batches = Math.ceil(learners / batchSize);
  const finished = new Set(
    (await rows<{ batch: number }>(db, "select batch from seed_large_progress where stage = 'learners'")).map(
      (r) => r.batch,
    ),
  );
  const [before] = await rows<BatchCounts>(
    db,
    `select coalesce(sum(learners), 0)::int as learners, coalesce(sum(enrolments), 0)::int as enrolments,
       coalesce(sum(step_progress), 0)::int as step_progress
     from seed_large_progress where stage = 'learners'`,
  );
  const totals = before ?? { learners: 0, enrolments: 0, step_progress: 0 };
  if (finished.size > 0 && finished.size < batches)
    log(`Resuming: ${finished.size} of ${batches} batches are already in.`);
  const bar = new ProgressBar("learners", learners, "learners", options.progress, totals.learners);
  let batchesThisRun = 0;
  for (let batch = 0; batch < batches; batch++) {
    if (finished.has(batch)) continue;
    const first = batch * batchSize + 1;
    const last = Math.min(learners, (batch + 1) * batchSize);
    const interrupting = options.interruptAfterBatches === batchesThisRun;
    const counts = await db.transaction(async (tx) => {
      const written = await loadBatch(tx, batch, first, last, bigTrustLearners, summaryColumn);
      if (interrupting) throw new SeedInterrupted(batchesThisRun);
      return written;
    });
    batchesThisRun += 1;
    totals.learners += counts.learners;
    totals.enrolments += counts.enrolments;
    totals.step_progress += counts.step_progress;
    bar.update(
      totals.learners,
      `${formatCount(totals.enrolments)} enrolments, ${formatCount(totals.step_progress)} progress rows`,
    );
  }
  bar.finish(
    `${formatCount(totals.enrolments)} enrolments, ${formatCount(totals.step_progress)} progress rows`,
  );
  await run(db, "analyze");

  const [bigTrust] = await rows<{ id: string; name: string }>(
    db,
    `select o.id, o.name from seed_large_organisations s join organisations o on o.id = s.id
     where s.kind = 'trust' and s.idx = 0`,
  );
  if (!bigTrust) throw new Error("the seeded trusts are missing");
  return {
    learners: totals.learners,
    organisations: ORGANISATION_COUNT,
    enrolments: totals.enrolments,
    stepProgress: totals.step_progress,
    batches,
    batchesThisRun,
    bigTrustId: bigTrust.id,
    bigTrustName: bigTrust.name,
    bigTrustLearners,
    seconds: (Date.now() - started) / 1000,
  };
}

/** The summary printed at the end of a run. */
export function describeSummary(summary: SeedLargeSummary): string {
  return [
    `seed:large finished in ${summary.seconds.toFixed(1)} s (${summary.batchesThisRun} of ${summary.batches} batches this run).`,
    `  learners       ${formatCount(summary.learners)} (emails @${SEED_EMAIL_DOMAIN}; nobody knows their password)`,
    `  organisations  ${formatCount(summary.organisations)} (6 ICBs, 24 trusts, 72 directorates, 198 wards and teams)`,
    `  enrolments     ${formatCount(summary.enrolments)}`,
    `  step progress  ${formatCount(summary.stepProgress)}`,
    `  benchmark trust: ${summary.bigTrustName} (${formatCount(summary.bigTrustLearners)} learners, id ${summary.bigTrustId})`,
  ].join("\n");
}
