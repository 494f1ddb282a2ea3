import { LEVEL_LABELS } from "../../../shared/catalogue.js";
import type {
  Completions,
  CompletionsQuery,
  EsrQuery,
  ExpiringPage,
  ExpiringQuery,
  Funnel,
  FunnelQuery,
  ProgressPage,
  ProgressQuery,
  ProgressRow,
  ReportOrganisations,
  TeamsReport,
} from "../../../shared/reports.js";
import { REPORT_STATUS_LABELS, TEAMS_EXPIRING_DAYS } from "../../../shared/reports.js";
import type { RequestContext } from "../../platform/audit.js";
import { recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { RateLimitConfig } from "../../platform/config.js";
import type { Db } from "../../platform/db.js";
import { AppError, type ErrorDetail, notFound, validationFailed } from "../../platform/errors.js";
import { throttle } from "../../platform/rate-limit.js";
import { startOfUkDate, ukDate } from "../enrolments/access-window.rules.js";
import { type Cell, csvStream, type ExportFile, fileSlug, xlsxStream } from "./export-files.js";
import { assertOrganisationInReach, reportReach } from "./reports.policy.js";
import * as repo from "./reports.repository.js";

/** Exports (CSV, XLSX, ESR) each person may download: 30 in any 10 minutes, with no slowing before that. */
export const EXPORT_RATE_LIMIT: RateLimitConfig = {
  windowSeconds: 10 * 60,
  softLimit: 30,
  hardLimit: 30,
  slowDownMs: 0,
};

/** Widest date range a report accepts, in days (about ten years). */
const MAX_RANGE_DAYS = 3_660;
const DAY_MS = 86_400_000;

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
const percentOf = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 100) / whole));

/** The UK calendar day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date `days` before another. */
function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** A checked range of UK days as instants: from the start of `from` to the start of the day after `to`. */
interface DayRange {
  from?: Date;
  to?: Date;
}

/** Checks one pair of optional UK dates, adding a problem when `to` is before `from`. */
function dayRange(
  problems: ErrorDetail[],
  fields: { from: string; to: string; what: string },
  from?: string,
  to?: string,
): DayRange {
  if (from && to && to < from) {
    problems.push({
      field: fields.to,
      message: `The ${fields.what} "to" date must be the same as or after the "from" date`,
    });
  }
  return {
    ...(from ? { from: startOfUkDate(from) } : {}),
    ...(to ? { to: startOfUkDate(nextDay(to)) } : {}),
  };
}

function throwIfProblems(problems: ErrorDetail[]): void {
  if (problems.length === 0) return;
  throw validationFailed(
    problems.length === 1 ? (problems[0]?.message ?? "Check the dates.") : "Check the dates you entered.",
    problems,
  );
}

/** A required from/to pair defaulting to the 12 months up to today, checked and turned into instants. */
function periodOf(now: Date, from?: string, to?: string) {
  const today = ukDate(now);
  const end = to ?? today;
  const start = from ?? `${daysBefore(end, 365).slice(0, 7)}-01`;
  const problems: ErrorDetail[] = [];
  if (end < start)
    problems.push({ field: "to", message: 'The "to" date must be the same as or after the "from" date' });
  else if ((Date.parse(end) - Date.parse(start)) / DAY_MS > MAX_RANGE_DAYS)
    problems.push({ field: "from", message: "Choose dates no more than 10 years apart" });
  throwIfProblems(problems);
  return { start, end, range: { from: startOfUkDate(start), to: startOfUkDate(nextDay(end)) } };
}

/** Filename part for today's date in the UK. */
const fileDate = (now: Date) => ukDate(now);

const PROGRESS_COLUMNS: Array<{ header: string; width: number }> = [
  { header: "Given name", width: 18 },
  { header: "Family name", width: 18 },
  { header: "Email", width: 32 },
  { header: "ESR number", width: 14 },
  { header: "Team", width: 28 },
  { header: "Course", width: 40 },
  { header: "Level", width: 22 },
  { header: "Status", width: 14 },
  { header: "Progress %", width: 11 },
  { header: "Enrolled", width: 12 },
  { header: "Last active", width: 12 },
  { header: "Completed", width: 12 },
  { header: "Access ends", width: 12 },
  { header: "Certificate", width: 14 },
];

/** The ESR export's columns, in order (docs/esr-export.md). */
export const ESR_COLUMNS = [
  "ESR assignment number",
  "Family name",
  "Given name",
  "Email",
  "Course code",
  "Course title",
  "Completion date",
  "Certificate code",
] as const;

const dayOrEmpty = (value: Date | string | null): Cell => (value === null ? null : ukDate(new Date(value)));

function toProgressRow(row: repo.ProgressDbRow): ProgressRow {
  return {
    enrolmentId: row.enrolment_id,
    learnerId: row.learner_id,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    esrNumber: row.esr_number,
    team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
    course: { id: row.course_id, title: row.course_title, level: row.level },
    status: row.status,
    progressPercent: Number(row.progress),
    enrolledAt: iso(row.enrolled_at),
    lastActiveAt: isoOrNull(row.last_active_at),
    completedAt: isoOrNull(row.completed_at),
    expiresAt: iso(row.expires_at),
    certificate: row.certificate_code,
  };
}

function toProgressCells(row: repo.ProgressDbRow): Cell[] {
  return [
    row.given_name,
    row.family_name,
    row.email,
    row.esr_number,
    row.team_name,
    row.course_title,
    LEVEL_LABELS[row.level],
    REPORT_STATUS_LABELS[row.status],
    Number(row.progress),
    dayOrEmpty(row.enrolled_at),
    dayOrEmpty(row.last_active_at),
    dayOrEmpty(row.completed_at),
    dayOrEmpty(row.expires_at),
    row.certificate_code,
  ];
}

/** What a report request answers: its JSON body, or (format csv or xlsx) a file to stream. */
export type ReportResult<T> = { kind: "json"; body: T } | { kind: "file"; file: ExportFile };

/** Every row of a small report (a few hundred at most) as one batch, for the file writers. */
async function* oneBatch(rows: Cell[][]): AsyncGenerator<Cell[][]> {
  yield rows;
}

/** What a learner-progress request answers: a JSON page, or a file to stream. */
export type ProgressResult = { kind: "page"; page: ProgressPage } | { kind: "file"; file: ExportFile };

/** Reports and exports for learner administrators (their organisations and below) and platform administrators. */
export function createReportsService(deps: { db: Db; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  const db = deps.db;

  /** The organisation asked for, once the actor may report on it: 403 outside their reach, 404 when unknown. */
  async function organisationInReach(actor: Actor, organisationId: string) {
    const reach = reportReach(actor);
    const organisation = await repo.findOrganisationWithLineage(db, organisationId);
    if (!organisation) throw notFound("The organisation");
    assertOrganisationInReach(reach, organisation.lineage);
    return { id: organisation.id, name: organisation.name };
  }

  /** A team filter must be the organisation itself or below it; it then becomes the root of the scope. */
  async function rootsFor(organisationId: string, teamId?: string): Promise<string[]> {
    if (!teamId) return [organisationId];
    const team = await repo.findOrganisationWithLineage(db, teamId);
    if (!team?.lineage.includes(organisationId))
      throw validationFailed("Choose a team from the list: that team is not part of this organisation", [
        {
          field: "teamId",
          message: "Choose a team from the list: that team is not part of this organisation",
        },
      ]);
    return [teamId];
  }

  async function throttleExport(actor: Actor) {
    try {
      await throttle(db, [{ key: `reports-export:${actor.userId}`, limit: EXPORT_RATE_LIMIT }]);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) {
        const wait = error.headers?.["retry-after"] ?? String(EXPORT_RATE_LIMIT.windowSeconds);
        const minutes = Math.max(1, Math.ceil(Number(wait) / 60));
        throw new AppError(
          429,
          "rate_limited",
          `You have downloaded ${EXPORT_RATE_LIMIT.hardLimit} exports in the last 10 minutes, which is the most we allow. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or use the report on screen meanwhile.`,
          undefined,
          error.headers,
        );
      }
      throw error;
    }
  }

  /** A report as a CSV or XLSX download named after the report, the organisation and today's date. */
  function reportFile(
    format: "csv" | "xlsx",
    report: string,
    organisationName: string | null,
    columns: Array<{ header: string; width: number }>,
    batches: AsyncIterable<Cell[][]>,
  ): ExportFile {
    const name = `${report}-${fileSlug(organisationName ?? "all-organisations")}-${fileDate(clock())}`;
    if (format === "csv")
      return {
        filename: `${name}.csv`,
        contentType: "text/csv; charset=utf-8",
        body: csvStream(
          columns.map((c) => c.header),
          batches,
        ),
      };
    return {
      filename: `${name}.xlsx`,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body: xlsxStream(report.replaceAll("-", " "), columns, batches),
    };
  }

  return {
    /** The organisations the actor may report on (their learner administrator roles), or all for platform admins. */
    async organisations(actor: Actor): Promise<ReportOrganisations> {
      const reach = reportReach(actor);
      if (reach.kind === "all") return { organisations: [], allOrganisations: true };
      const roots = await repo.organisationsByIds(db, reach.organisationIds);
      const organisations = await Promise.all(
        roots.map(async (o) => ({ ...o, teams: await repo.organisationsBelow(db, o.id) })),
      );
      return { organisations, allOrganisations: false };
    },

    /** One organisation in reach with what its reports can be filtered by: teams below it, courses, programmes. */
    async filterOptions(actor: Actor, organisationId: string) {
      const organisation = await organisationInReach(actor, organisationId);
      const [teams, options] = await Promise.all([
        repo.organisationsBelow(db, organisationId),
        repo.filterOptions(db),
      ]);
      return {
        organisation,
        teams,
        courses: options.courses.map((c) => ({
          id: c.id,
          title: c.title,
          level: c.level,
          programmeId: c.programme_id,
        })),
        programmes: options.programmes,
      };
    },

    /** Learner progress: a page as JSON, or every matching row as CSV or XLSX. Audited either way. */
    async learnerProgress(
      actor: Actor,
      query: ProgressQuery,
      context: RequestContext,
    ): Promise<ProgressResult> {
      const organisation = await organisationInReach(actor, query.organisationId);
      const problems: ErrorDetail[] = [];
      const enrolled = dayRange(
        problems,
        { from: "enrolledFrom", to: "enrolledTo", what: "enrolled" },
        query.enrolledFrom,
        query.enrolledTo,
      );
      const completed = dayRange(
        problems,
        { from: "completedFrom", to: "completedTo", what: "completed" },
        query.completedFrom,
        query.completedTo,
      );
      const lastActive = dayRange(
        problems,
        { from: "lastActiveFrom", to: "lastActiveTo", what: "last active" },
        query.lastActiveFrom,
        query.lastActiveTo,
      );
      throwIfProblems(problems);
      const criteria: repo.ProgressCriteria = {
        scope: await repo.resolveScope(db, await rootsFor(organisation.id, query.teamId)),
        ...(query.courseId ? { courseId: query.courseId } : {}),
        ...(query.programmeId ? { programmeId: query.programmeId } : {}),
        ...(query.level ? { level: query.level } : {}),
        ...(query.status ? { status: query.status } : {}),
        enrolled,
        completed,
        lastActive,
        ...(query.hasEsr ? { hasEsr: query.hasEsr === "true" } : {}),
      };
      const { organisationId: _org, format, sort, direction, page: pageNumber, pageSize, ...filters } = query;
      const audit = (rows: number) =>
        recordAudit(db, context, {
          actorUserId: actor.userId,
          action: format === "json" ? "reports.learner_progress_viewed" : "reports.learner_progress_exported",
          subjectType: "organisation",
          subjectId: organisation.id,
          details: {
            report: "learner-progress",
            format,
            filters,
            ...(format === "json" ? { sort, direction, page: pageNumber, pageSize } : {}),
            rows,
          },
        });

      if (format === "json") {
        const { rows, total } = await repo.progressPage(db, criteria, {
          sort,
          direction,
          offset: (pageNumber - 1) * pageSize,
          limit: pageSize,
        });
        await audit(rows.length);
        return {
          kind: "page",
          page: {
            organisation,
            rows: rows.map(toProgressRow),
            total,
            page: pageNumber,
            pageSize,
            pageCount: Math.max(1, Math.ceil(total / pageSize)),
          },
        };
      }

      await throttleExport(actor);
      await audit(await repo.countProgress(db, criteria));
      const batches = (async function* () {
        for await (const batch of repo.progressBatches(db, criteria)) yield batch.map(toProgressCells);
      })();
      const name = `learner-progress-${fileSlug(organisation.name)}-${fileDate(clock())}`;
      if (format === "csv")
        return {
          kind: "file",
          file: {
            filename: `${name}.csv`,
            contentType: "text/csv; charset=utf-8",
            body: csvStream(
              PROGRESS_COLUMNS.map((c) => c.header),
              batches,
            ),
          },
        };
      return {
        kind: "file",
        file: {
          filename: `${name}.xlsx`,
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          body: xlsxStream("Learner progress", PROGRESS_COLUMNS, batches),
        },
      };
    },

    /** Enrolled → started (% of enrolled) → completed all modules (% of started), per course. */
    async funnel(actor: Actor, query: FunnelQuery, context: RequestContext): Promise<ReportResult<Funnel>> {
      const reach = reportReach(actor);
      const organisation = query.organisationId
        ? await organisationInReach(actor, query.organisationId)
        : null;
      const roots = organisation ? [organisation.id] : reach.kind === "all" ? null : reach.organisationIds;
      const course = query.courseId ? await repo.findCourse(db, query.courseId) : null;
      if (query.courseId && !course) throw notFound("The course");
      const rows = await repo.funnel(db, await repo.resolveScope(db, roots), query.courseId);
      const courses = rows.map((r) => ({
        courseId: r.course_id,
        title: r.title,
        level: r.level,
        enrolled: r.enrolled,
        started: r.started,
        startedPercent: percentOf(r.started, r.enrolled),
        completed: r.completed,
        completedPercent: percentOf(r.completed, r.started),
      }));
      if (course && courses.length === 0)
        courses.push({
          courseId: course.id,
          title: course.title,
          level: course.level,
          enrolled: 0,
          started: 0,
          startedPercent: 0,
          completed: 0,
          completedPercent: 0,
        });
      if (query.format !== "json") await throttleExport(actor);
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: query.format === "json" ? "reports.funnel_viewed" : "reports.funnel_exported",
        ...(organisation ? { subjectType: "organisation", subjectId: organisation.id } : {}),
        details: {
          report: "funnel",
          format: query.format,
          filters: { organisationId: query.organisationId ?? null, courseId: query.courseId ?? null },
          rows: courses.length,
        },
      });
      if (query.format === "json") return { kind: "json", body: { organisation, courses } };
      return {
        kind: "file",
        file: reportFile(
          query.format,
          "engagement-funnel",
          organisation?.name ?? null,
          [
            { header: "Course", width: 40 },
            { header: "Level", width: 22 },
            { header: "Enrolled", width: 10 },
            { header: "Started", width: 10 },
            { header: "Started % of enrolled", width: 12 },
            { header: "Completed all modules", width: 12 },
            { header: "Completed % of started", width: 12 },
          ],
          oneBatch(
            courses.map((c) => [
              c.title,
              LEVEL_LABELS[c.level],
              c.enrolled,
              c.started,
              c.startedPercent,
              c.completed,
              c.completedPercent,
            ]),
          ),
        ),
      };
    },

    /** Completions per month or week between two UK dates (the last 12 months unless told), zero-filled. */
    async completions(
      actor: Actor,
      query: CompletionsQuery,
      context: RequestContext,
    ): Promise<ReportResult<Completions>> {
      const organisation = await organisationInReach(actor, query.organisationId);
      const { start, end, range } = periodOf(clock(), query.from, query.to);
      const scope = await repo.resolveScope(db, [organisation.id]);
      const rows = await repo.completionsByPeriod(db, scope, range, query.interval);
      const counted = new Map(rows.map((r) => [r.start, Number(r.completions)]));
      const periods: Completions["periods"] = [];
      const [y, m, d] = start.split("-").map(Number) as [number, number, number];
      let cursor =
        query.interval === "month"
          ? new Date(Date.UTC(y, m - 1, 1))
          : new Date(Date.UTC(y, m - 1, d - ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7)));
      while (cursor.toISOString().slice(0, 10) <= end) {
        const key = cursor.toISOString().slice(0, 10);
        periods.push({ start: key, completions: counted.get(key) ?? 0 });
        cursor =
          query.interval === "month"
            ? new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, 1))
            : new Date(cursor.getTime() + 7 * DAY_MS);
      }
      const total = periods.reduce((sum, p) => sum + p.completions, 0);
      if (query.format !== "json") await throttleExport(actor);
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: query.format === "json" ? "reports.completions_viewed" : "reports.completions_exported",
        subjectType: "organisation",
        subjectId: organisation.id,
        details: {
          report: "completions",
          format: query.format,
          filters: { from: start, to: end, interval: query.interval },
          rows: periods.length,
        },
      });
      if (query.format === "json")
        return {
          kind: "json",
          body: { organisation, interval: query.interval, from: start, to: end, total, periods },
        };
      return {
        kind: "file",
        file: reportFile(
          query.format,
          "completions",
          organisation.name,
          [
            { header: query.interval === "month" ? "Month starting" : "Week starting", width: 14 },
            { header: "Completions", width: 12 },
          ],
          oneBatch(periods.map((p) => [p.start, p.completions])),
        ),
      };
    },

    /** Learners whose access ends within the days asked for and who have not completed, soonest first. */
    async expiring(
      actor: Actor,
      query: ExpiringQuery,
      context: RequestContext,
    ): Promise<ReportResult<ExpiringPage>> {
      const organisation = await organisationInReach(actor, query.organisationId);
      const until = new Date(clock().getTime() + query.withinDays * DAY_MS);
      const scope = await repo.resolveScope(db, [organisation.id]);
      if (query.format !== "json") {
        await throttleExport(actor);
        const { total } = await repo.expiringPage(db, scope, until, { offset: 0, limit: 1 });
        await recordAudit(db, context, {
          actorUserId: actor.userId,
          action: "reports.expiring_exported",
          subjectType: "organisation",
          subjectId: organisation.id,
          details: {
            report: "expiring",
            format: query.format,
            filters: { withinDays: query.withinDays },
            rows: total,
          },
        });
        const batches = (async function* () {
          for await (const batch of repo.expiringBatches(db, scope, until))
            yield batch.map((r): Cell[] => [
              r.given_name,
              r.family_name,
              r.email,
              r.team_name,
              r.course_title,
              LEVEL_LABELS[r.level],
              Number(r.progress),
              dayOrEmpty(r.expires_at),
            ]);
        })();
        return {
          kind: "file",
          file: reportFile(
            query.format,
            "access-ending-soon",
            organisation.name,
            [
              { header: "Given name", width: 18 },
              { header: "Family name", width: 18 },
              { header: "Email", width: 32 },
              { header: "Team", width: 28 },
              { header: "Course", width: 40 },
              { header: "Level", width: 22 },
              { header: "Progress %", width: 11 },
              { header: "Access ends", width: 12 },
            ],
            batches,
          ),
        };
      }
      const { rows, total } = await repo.expiringPage(db, scope, until, {
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: "reports.expiring_viewed",
        subjectType: "organisation",
        subjectId: organisation.id,
        details: {
          report: "expiring",
          filters: { withinDays: query.withinDays },
          page: query.page,
          pageSize: query.pageSize,
          rows: rows.length,
        },
      });
      const body: ExpiringPage = {
        organisation,
        withinDays: query.withinDays,
        rows: rows.map((row) => {
          const full = toProgressRow(row);
          return {
            enrolmentId: full.enrolmentId,
            learnerId: full.learnerId,
            givenName: full.givenName,
            familyName: full.familyName,
            email: full.email,
            team: full.team,
            course: full.course,
            progressPercent: full.progressPercent,
            expiresAt: full.expiresAt,
          };
        }),
        total,
        page: query.page,
        pageSize: query.pageSize,
        pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
      };
      return { kind: "json", body };
    },

    /** The manager view: learners, enrolled, started, completed and expiring per team. */
    async teams(
      actor: Actor,
      organisationId: string,
      format: "json" | "csv" | "xlsx",
      context: RequestContext,
    ): Promise<ReportResult<TeamsReport>> {
      const organisation = await organisationInReach(actor, organisationId);
      const rows = await repo.teamCounts(
        db,
        await repo.resolveScope(db, [organisation.id]),
        new Date(clock().getTime() + TEAMS_EXPIRING_DAYS * DAY_MS),
      );
      const teams = rows.map((r) => ({
        team: r.team_id && r.team_name ? { id: r.team_id, name: r.team_name } : null,
        learners: Number(r.learners),
        enrolled: Number(r.enrolled),
        started: Number(r.started),
        completed: Number(r.completed),
        expiring: Number(r.expiring),
      }));
      const total = { learners: 0, enrolled: 0, started: 0, completed: 0, expiring: 0 };
      for (const t of teams) {
        total.learners += t.learners;
        total.enrolled += t.enrolled;
        total.started += t.started;
        total.completed += t.completed;
        total.expiring += t.expiring;
      }
      if (format !== "json") await throttleExport(actor);
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: format === "json" ? "reports.teams_viewed" : "reports.teams_exported",
        subjectType: "organisation",
        subjectId: organisation.id,
        details: { report: "teams", format, filters: {}, rows: teams.length },
      });
      if (format === "json") return { kind: "json", body: { organisation, teams, total } };
      const cells = (label: string, t: typeof total): Cell[] => [
        label,
        t.learners,
        t.enrolled,
        t.started,
        t.completed,
        t.expiring,
      ];
      return {
        kind: "file",
        file: reportFile(
          format,
          "teams",
          organisation.name,
          [
            { header: "Team", width: 36 },
            { header: "Learners", width: 10 },
            { header: "Enrolments", width: 11 },
            { header: "Started", width: 10 },
            { header: "Completed", width: 11 },
            { header: `Access ending in ${TEAMS_EXPIRING_DAYS} days`, width: 14 },
          ],
          oneBatch([
            ...teams.map((t) => cells(t.team?.name ?? "No team given", t)),
            cells(`All of ${organisation.name}`, total),
          ]),
        ),
      };
    },

    /** The ESR-ready completions CSV (docs/esr-export.md), streamed. */
    async esrCompletions(actor: Actor, query: EsrQuery, context: RequestContext): Promise<ExportFile> {
      const organisation = await organisationInReach(actor, query.organisationId);
      const { start, end, range } = periodOf(clock(), query.from, query.to);
      const roots = await rootsFor(organisation.id, query.teamId);
      await throttleExport(actor);
      const scope = await repo.resolveScope(db, roots);
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: "reports.esr_completions_exported",
        subjectType: "organisation",
        subjectId: organisation.id,
        details: {
          report: "esr-completions",
          format: "csv",
          filters: { from: start, to: end, ...(query.teamId ? { teamId: query.teamId } : {}) },
          rows: await repo.countEsrCompletions(db, scope, range),
        },
      });
      const batches = (async function* () {
        for await (const batch of repo.esrBatches(db, scope, range))
          yield batch.map((r): Cell[] => [
            r.esr_number,
            r.family_name,
            r.given_name,
            r.email,
            r.course_code,
            r.course_title,
            ukDate(new Date(r.completed_at)),
            r.certificate_code,
          ]);
      })();
      return {
        filename: `esr-completions-${fileSlug(organisation.name)}-${start}-to-${end}.csv`,
        contentType: "text/csv; charset=utf-8",
        body: csvStream([...ESR_COLUMNS], batches),
      };
    },
  };
}
