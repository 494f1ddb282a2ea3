import { LEVEL_LABELS } from "../../../shared/catalogue.js";
import {
  type CpdActivity,
  type CpdActivityInput,
  type CpdCourseEntry,
  type CpdPeriodQuery,
  type CpdRecord,
  type CpdRecordQuery,
  type CpdYear,
  cpdYearOf,
  cpdYearRange,
  type Transcript,
} from "../../../shared/cpd.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { RateLimitConfig } from "../../platform/config.js";
import type { Db } from "../../platform/db.js";
import { AppError, conflict, fieldError, notFound } from "../../platform/errors.js";
import { renderMarkdown } from "../../platform/markdown.js";
import { throttle } from "../../platform/rate-limit.js";
import { startOfUkDate, ukDate } from "../enrolments/access-window.rules.js";
import { percentOf } from "../enrolments/enrolments.service.js";
import type { ExportFile } from "../reports/export-files.js";
import {
  periodLabel,
  type RecordDocument,
  type RecordEntry,
  recordCsv,
  recordPdf,
  type TranscriptDocument,
  transcriptCsv,
  transcriptPdf,
} from "./cpd.documents.js";
import { assertCanDownloadOthersRecords } from "./cpd.policy.js";
import * as repo from "./cpd.repository.js";
import {
  addUp,
  amountFrom,
  amountTo,
  certificateStatus,
  countsTowardsTotals,
  currentCertificate,
} from "./cpd.rules.js";

/** Most activities one learner may keep: far beyond a working life of weekly entries, but not unbounded. */
export const MAX_ACTIVITIES_PER_LEARNER = 5000;

/**
 * The most a CPD record PDF holds: entries, and characters of reflection (about 150 A4 pages). Laying text out with
 * embedded fonts costs several microseconds a character, so a bound keeps one download to a few seconds; a longer
 * record is asked for a shorter period, or taken as CSV, which has no bound.
 */
export const PDF_LIMITS = { entries: 1000, reflectionCharacters: 500_000 } as const;

/** Downloads (CSV and PDF, record and transcript) each person may make: 30 in any 10 minutes. */
export const DOWNLOAD_RATE_LIMIT: RateLimitConfig = {
  windowSeconds: 10 * 60,
  softLimit: 30,
  hardLimit: 30,
  slowDownMs: 0,
};

/** A download's format. */
export type DownloadFormat = "csv" | "pdf";

const iso = (value: Date) => value.toISOString();

/** The UK calendar day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function yearOf(startYear: number): CpdYear {
  return { startYear, ...cpdYearRange(startYear) };
}

const within = (date: string, range: { from?: string; to?: string }) =>
  (!range.from || date >= range.from) && (!range.to || date <= range.to);

function toActivity(row: repo.CpdActivityRow): CpdActivity {
  return {
    id: row.id,
    title: row.title,
    activityDate: row.activityDate,
    hours: amountFrom(row.hours),
    points: amountFrom(row.points),
    reflection: row.reflection,
    reflectionHtml: renderMarkdown(row.reflection),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The learner's own CPD activities, the CPD record and transcript pages, and their downloads. */
export function createCpdService(deps: { db: Db; now?: () => Date }) {
  const db = deps.db;
  const clock = deps.now ?? (() => new Date());

  /** An activity's values as stored, once its date is checked against today (UK). */
  function valuesOf(input: CpdActivityInput, now: Date): repo.CpdActivityValues {
    if (input.activityDate > ukDate(now))
      throw fieldError("activityDate", "The date of the activity must be today or in the past");
    return {
      title: input.title,
      activityDate: input.activityDate,
      hours: amountTo(input.hours),
      points: amountTo(input.points),
      reflection: input.reflection,
    };
  }

  /** Every achievement of a learner (optionally within a period) with its current certificate and status. */
  async function achievementsOf(userId: string, range: repo.InstantRange, now: Date) {
    const [courseEntries, recognitions] = await Promise.all([
      courseAchievementsOf(userId, range, now),
      repo.listRecognitions(db, userId, range),
    ]);
    // Recognised improvement projects (issue 8) are listed with the courses, under their certificate.
    const projectEntries = recognitions.map((r) => {
      const status = r.state === "valid" ? ("valid" as const) : ("revoked" as const);
      return {
        achievementId: r.id,
        courseTitle: r.projectTitle,
        levelLabel: "Recognised improvement project",
        programmeTitle: "QI Academy case-study recognition",
        achievedOn: ukDate(r.issuedAt),
        cpdPoints: r.cpdPoints,
        counted: countsTowardsTotals(status),
        certificate: { id: r.id, code: r.code, status, expiresOn: null },
        replacedCodes: [] as string[],
      };
    });
    return [...courseEntries, ...projectEntries].sort((a, b) =>
      a.achievedOn === b.achievedOn ? 0 : a.achievedOn < b.achievedOn ? 1 : -1,
    );
  }

  /** Every course achievement of a learner (optionally within a period) with its current certificate and status. */
  async function courseAchievementsOf(userId: string, range: repo.InstantRange, now: Date) {
    const rows = await repo.listAchievements(db, userId, range);
    const certificates = await repo.certificatesFor(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => {
      const { current, replaced } = currentCertificate(
        certificates.filter((c) => c.achievementId === row.id),
      );
      const status = current ? certificateStatus(current, now) : null;
      return {
        achievementId: row.id,
        // What the certificate says (copied at issue) wins over the course as it is now.
        courseTitle: current?.courseTitle ?? row.courseTitle,
        levelLabel: current?.levelLabel ?? LEVEL_LABELS[row.level],
        programmeTitle: current?.programmeTitle ?? row.programmeTitle,
        achievedOn: ukDate(row.achievedAt),
        cpdPoints: row.cpdPoints,
        counted: countsTowardsTotals(status),
        certificate:
          current && status
            ? {
                id: current.id,
                code: current.code,
                status,
                expiresOn: current.expiresAt ? ukDate(current.expiresAt) : null,
              }
            : null,
        replacedCodes: replaced.map((c) => c.code),
      };
    });
  }

  /** The period's instants for achievements: from the start of `from` to the start of the day after `to`. */
  function instantRange(period: { from?: string; to?: string }): repo.InstantRange {
    return {
      ...(period.from ? { from: startOfUkDate(period.from) } : {}),
      ...(period.to ? { to: startOfUkDate(nextDay(period.to)) } : {}),
    };
  }

  /** The CPD record's entries and totals for a learner and period, as the downloads hold them. */
  async function recordDocument(
    learner: { id: string; certificateName: string },
    period: CpdPeriodQuery,
  ): Promise<RecordDocument> {
    const now = clock();
    const [courses, activities] = await Promise.all([
      achievementsOf(learner.id, instantRange(period), now),
      repo.listActivities(db, learner.id, period),
    ]);
    const entries: RecordEntry[] = [
      ...courses.map(
        (c): RecordEntry => ({
          kind: "course",
          date: c.achievedOn,
          title: c.courseTitle,
          levelLabel: c.levelLabel,
          programmeTitle: c.programmeTitle,
          points: c.cpdPoints,
          hours: null,
          counted: c.counted,
          certificate: c.certificate,
          reflection: "",
        }),
      ),
      ...activities.map(
        (a): RecordEntry => ({
          kind: "activity",
          date: a.activityDate,
          title: a.title,
          levelLabel: null,
          programmeTitle: null,
          points: amountFrom(a.points),
          hours: amountFrom(a.hours),
          counted: true,
          certificate: null,
          reflection: a.reflection,
        }),
      ),
    ].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
    return {
      certificateName: learner.certificateName,
      period,
      producedOn: ukDate(now),
      totals: {
        all: addUp(entries),
        courses: addUp(entries.filter((e) => e.kind === "course")),
        activities: addUp(entries.filter((e) => e.kind === "activity")),
      },
      entries,
    };
  }

  /** The transcript of a learner: achievements newest first, then courses under way. */
  async function transcriptOf(learner: { id: string; certificateName: string }): Promise<Transcript> {
    const now = clock();
    const [achievements, enrolments] = await Promise.all([
      achievementsOf(learner.id, {}, now),
      repo.listEnrolmentsInProgress(db, learner.id, now),
    ]);
    return {
      certificateName: learner.certificateName,
      achievements: achievements.map(({ counted: _counted, ...a }) => a),
      inProgress: enrolments.map((e) => ({
        enrolmentId: e.id,
        courseTitle: e.courseTitle,
        levelLabel: LEVEL_LABELS[e.level],
        programmeTitle: e.programmeTitle,
        startedOn: ukDate(e.startsAt),
        accessEndsOn: ukDate(e.expiresAt),
        progressPercent: e.completedAt
          ? 100
          : Math.min(100, percentOf(e.requiredStepsCompleted, Number(e.requiredSteps ?? 0))),
        deferred: e.state === "deferred",
      })),
    };
  }

  /** Counts a download against the person's allowance, saying plainly when they have had enough for now. */
  async function throttleDownload(actor: Actor) {
    try {
      await throttle(db, [{ key: `cpd-download:${actor.userId}`, limit: DOWNLOAD_RATE_LIMIT }]);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) {
        const wait = Number(error.headers?.["retry-after"] ?? DOWNLOAD_RATE_LIMIT.windowSeconds);
        const minutes = Math.max(1, Math.ceil(wait / 60));
        throw new AppError(
          429,
          "rate_limited",
          `You have downloaded ${DOWNLOAD_RATE_LIMIT.hardLimit} files in the last 10 minutes, which is the most we allow. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
          undefined,
          error.headers,
        );
      }
      throw error;
    }
  }

  /** The learner a download is for: the actor themselves, or (administrators only) anyone, by id. */
  async function learnerFor(actor: Actor, userId: string | null) {
    if (userId === null) return { id: actor.userId, certificateName: actor.account.certificateName };
    assertCanDownloadOthersRecords(actor);
    const learner = await repo.getLearner(db, userId);
    if (!learner) throw notFound("The user");
    return learner;
  }

  /** The record as a file; a PDF only within PDF_LIMITS (400 naming the period to shorten otherwise). */
  function recordFile(document: RecordDocument, format: DownloadFormat) {
    if (format === "csv") return recordCsv(document);
    const characters = document.entries.reduce((sum, e) => sum + e.reflection.length, 0);
    if (document.entries.length > PDF_LIMITS.entries || characters > PDF_LIMITS.reflectionCharacters)
      throw fieldError(
        "from",
        `Your CPD record for this period (${periodLabel(document.period)}) is too long for one PDF. Choose a shorter period, such as one CPD year, or download it as CSV.`,
      );
    return recordPdf(document);
  }
  const transcriptFile = (document: TranscriptDocument, format: DownloadFormat) =>
    format === "csv" ? transcriptCsv(document) : transcriptPdf(document);

  return {
    /** Every activity of the learner's own, newest first. */
    async listActivities(actor: Actor): Promise<{ activities: CpdActivity[] }> {
      return { activities: (await repo.listActivities(db, actor.userId)).map(toActivity) };
    },

    /** One of the learner's own activities; 404 for anyone else's. */
    async getActivity(actor: Actor, id: string): Promise<CpdActivity> {
      const row = await repo.getActivity(db, actor.userId, id);
      if (!row) throw notFound("The CPD activity");
      return toActivity(row);
    },

    /** Records an activity of the learner's own (409 past MAX_ACTIVITIES_PER_LEARNER). */
    async createActivity(actor: Actor, input: CpdActivityInput): Promise<CpdActivity> {
      const values = valuesOf(input, clock());
      return db.transaction(async (tx) => {
        if ((await repo.countActivities(tx, actor.userId)) >= MAX_ACTIVITIES_PER_LEARNER)
          throw conflict(
            `You have ${MAX_ACTIVITIES_PER_LEARNER.toLocaleString("en-GB")} CPD activities, which is the most one record can hold. Delete ones you no longer need, then add this one.`,
          );
        return toActivity(await repo.insertActivity(tx, actor.userId, values));
      });
    },

    /** Replaces one of the learner's own activities; 404 for anyone else's. */
    async updateActivity(actor: Actor, id: string, input: CpdActivityInput): Promise<CpdActivity> {
      const now = clock();
      const row = await repo.updateActivity(db, actor.userId, id, valuesOf(input, now), now);
      if (!row) throw notFound("The CPD activity");
      return toActivity(row);
    },

    /** Deletes one of the learner's own activities for good; 404 for anyone else's. */
    async deleteActivity(actor: Actor, id: string): Promise<void> {
      if (!(await repo.deleteActivity(db, actor.userId, id))) throw notFound("The CPD activity");
    },

    /**
     * The CPD record page: totals for the current CPD year and all time, the courses achieved and activities of the
     * chosen year (the current one unless told; "all" for every year), and the years there are to choose from.
     */
    async record(actor: Actor, query: CpdRecordQuery): Promise<CpdRecord> {
      const now = clock();
      const today = ukDate(now);
      const currentYear = yearOf(cpdYearOf(today));
      const selectedYear =
        query.year === "all" ? null : query.year === undefined ? currentYear : yearOf(query.year);
      const [courses, rows] = await Promise.all([
        achievementsOf(actor.userId, {}, now),
        repo.listActivities(db, actor.userId),
      ]);
      const amounts = [
        ...courses.map((c) => ({
          kind: "course" as const,
          date: c.achievedOn,
          points: c.cpdPoints,
          hours: null,
          counted: c.counted,
        })),
        ...rows.map((a) => ({
          kind: "activity" as const,
          date: a.activityDate,
          points: amountFrom(a.points),
          hours: amountFrom(a.hours),
          counted: true,
        })),
      ];
      const years = new Set<number>([currentYear.startYear, ...amounts.map((a) => cpdYearOf(a.date))]);
      const selected = selectedYear ?? {};
      const inSelected = (date: string) => within(date, selected);
      return {
        currentYear,
        selectedYear,
        years: [...years].sort((a, b) => b - a).map(yearOf),
        totals: {
          currentYear: addUp(amounts.filter((a) => within(a.date, currentYear))),
          allTime: addUp(amounts),
          selected: addUp(amounts.filter((a) => inSelected(a.date))),
        },
        courses: courses
          .filter((c) => inSelected(c.achievedOn))
          .map(({ replacedCodes: _replaced, ...c }): CpdCourseEntry => c),
        // Only the chosen year's reflections are rendered: the totals need the amounts alone.
        activities: rows.filter((a) => inSelected(a.activityDate)).map(toActivity),
      };
    },

    /** The transcript page: every achievement and every course under way. */
    async transcript(actor: Actor): Promise<Transcript> {
      return transcriptOf(await learnerFor(actor, null));
    },

    /**
     * The CPD record as CSV or PDF for a period: the actor's own (userId null), or, for platform administrators,
     * anyone's, which is audited.
     */
    async recordDownload(
      actor: Actor,
      userId: string | null,
      period: CpdPeriodQuery,
      format: DownloadFormat,
      context: RequestContext,
    ): Promise<ExportFile> {
      const learner = await learnerFor(actor, userId);
      await throttleDownload(actor);
      const document = await recordDocument(learner, period);
      if (userId !== null)
        await recordAudit(db, context, {
          actorUserId: actor.userId,
          action: "cpd.record_downloaded",
          subjectType: "user",
          subjectId: learner.id,
          details: { format, period, rows: document.entries.length },
        });
      return recordFile(document, format);
    },

    /** The transcript as CSV or PDF: the actor's own, or (platform administrators, audited) anyone's. */
    async transcriptDownload(
      actor: Actor,
      userId: string | null,
      format: DownloadFormat,
      context: RequestContext,
    ): Promise<ExportFile> {
      const learner = await learnerFor(actor, userId);
      await throttleDownload(actor);
      const transcript = await transcriptOf(learner);
      if (userId !== null)
        await recordAudit(db, context, {
          actorUserId: actor.userId,
          action: "cpd.transcript_downloaded",
          subjectType: "user",
          subjectId: learner.id,
          details: {
            format,
            rows: transcript.achievements.length + transcript.inProgress.length,
          },
        });
      return transcriptFile({ ...transcript, producedOn: ukDate(clock()) }, format);
    },
  };
}
