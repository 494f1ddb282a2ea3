import { Readable } from "node:stream";
import {
  CPD_CERTIFICATE_STATUS_LABELS,
  type CpdCertificateStatus,
  type CpdTotals,
  formatAmount,
  formatCalendarDate,
  type Transcript,
} from "../../../shared/cpd.js";
import { type Cell, csvStream, type ExportFile } from "../reports/export-files.js";
import { PdfFlow } from "./cpd-pdf-flow.js";
import { reflectionPlainText } from "./reflection-text.js";

/** A certificate as the documents name it. */
export interface DocumentCertificate {
  code: string;
  status: CpdCertificateStatus;
  expiresOn: string | null;
}

/** One line of the CPD record: a course achieved or an activity of the learner's own. */
export interface RecordEntry {
  kind: "course" | "activity";
  /** UK calendar date, YYYY-MM-DD. */
  date: string;
  title: string;
  levelLabel: string | null;
  programmeTitle: string | null;
  points: number | null;
  hours: number | null;
  /** False when a revoked certificate means the course's points no longer count. */
  counted: boolean;
  certificate: DocumentCertificate | null;
  /** The reflection's Markdown source ("" for courses). */
  reflection: string;
}

/** Everything a CPD record download holds. */
export interface RecordDocument {
  certificateName: string;
  period: { from?: string; to?: string };
  /** UK calendar date the file was made. */
  producedOn: string;
  totals: { all: CpdTotals; courses: CpdTotals; activities: CpdTotals };
  /** Newest first. */
  entries: RecordEntry[];
}

/** Everything a transcript download holds. */
export interface TranscriptDocument extends Transcript {
  producedOn: string;
}

/** The record's columns, in order (docs/cpd.md). */
export const RECORD_COLUMNS = [
  "Date",
  "Type",
  "Title",
  "Level",
  "Programme",
  "CPD points",
  "Hours",
  "Counts towards totals",
  "Certificate code",
  "Certificate status",
  "Reflection",
] as const;

/** The transcript's columns, in order (docs/cpd.md). */
export const TRANSCRIPT_COLUMNS = [
  "Section",
  "Course",
  "Level",
  "Programme",
  "Date achieved",
  "CPD points",
  "Certificate code",
  "Certificate status",
  "Certificate expires",
  "Replaced certificate codes",
  "Started",
  "Access ends",
  "Progress %",
] as const;

const statusLabel = (certificate: DocumentCertificate | null) =>
  certificate ? CPD_CERTIFICATE_STATUS_LABELS[certificate.status] : null;

/** The period in words: "1 April 2025 to 31 March 2026", "from 1 April 2025", "up to …", or "All dates". */
export function periodLabel(period: { from?: string; to?: string }): string {
  if (period.from && period.to)
    return `${formatCalendarDate(period.from)} to ${formatCalendarDate(period.to)}`;
  if (period.from) return `From ${formatCalendarDate(period.from)}`;
  if (period.to) return `Up to ${formatCalendarDate(period.to)}`;
  return "All dates";
}

/** The end of a file name for a period: "2025-04-01-to-2026-03-31", or "all-dates". */
function periodSlug(period: { from?: string; to?: string }): string {
  if (!period.from && !period.to) return "all-dates";
  return `${period.from ?? "start"}-to-${period.to ?? "now"}`;
}

async function* oneBatch(rows: Cell[][]): AsyncGenerator<Cell[][]> {
  yield rows;
}

/** The CPD record as CSV: one row per entry (formula-guarded by the shared CSV writer). */
export function recordCsv(document: RecordDocument): ExportFile {
  const rows = document.entries.map((e): Cell[] => [
    e.date,
    e.kind === "course" ? "Course completed" : "Own activity",
    e.title,
    e.levelLabel,
    e.programmeTitle,
    e.points,
    e.hours,
    e.counted ? "Yes" : "No",
    e.certificate?.code ?? null,
    statusLabel(e.certificate),
    e.kind === "activity" ? e.reflection : null,
  ]);
  return {
    filename: `cpd-record-${periodSlug(document.period)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: csvStream([...RECORD_COLUMNS], oneBatch(rows)),
  };
}

/** The transcript as CSV: achievements first, then courses in progress. */
export function transcriptCsv(document: TranscriptDocument): ExportFile {
  const rows: Cell[][] = [
    ...document.achievements.map((a): Cell[] => [
      "Achieved",
      a.courseTitle,
      a.levelLabel,
      a.programmeTitle,
      a.achievedOn,
      a.cpdPoints,
      a.certificate?.code ?? null,
      statusLabel(a.certificate),
      a.certificate?.expiresOn ?? null,
      a.replacedCodes.join("; ") || null,
      null,
      null,
      null,
    ]),
    ...document.inProgress.map((e): Cell[] => [
      e.deferred ? "Deferred" : "In progress",
      e.courseTitle,
      e.levelLabel,
      e.programmeTitle,
      null,
      null,
      null,
      null,
      null,
      null,
      e.startedOn,
      e.accessEndsOn,
      e.progressPercent,
    ]),
  ];
  return {
    filename: `transcript-${document.producedOn}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: csvStream([...TRANSCRIPT_COLUMNS], oneBatch(rows)),
  };
}

const points = (n: number) => `${formatAmount(n)} CPD point${n === 1 ? "" : "s"}`;
const hours = (n: number) => `${formatAmount(n)} hour${n === 1 ? "" : "s"}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A certificate in words: "Certificate QIA-… (valid until 3 March 2029)", "(expired on …)", "(revoked)". */
function certificateLine(certificate: DocumentCertificate): string {
  const status = CPD_CERTIFICATE_STATUS_LABELS[certificate.status].toLowerCase();
  const expiry = certificate.expiresOn ? formatCalendarDate(certificate.expiresOn) : null;
  if (expiry && certificate.status === "valid")
    return `Certificate ${certificate.code} (valid until ${expiry})`;
  if (expiry && certificate.status === "expired")
    return `Certificate ${certificate.code} (expired on ${expiry})`;
  return `Certificate ${certificate.code} (${status})`;
}

/** Columns of an entry: the date at the left, the rest beside it. */
const DATE_COLUMN = 108;

/**
 * The CPD record as an A4 PDF: the learner's certificate name, the period, the totals, then every entry with its
 * reflection wrapped; the running header on every page and page numbers at the foot.
 */
export async function recordPdf(document: RecordDocument): Promise<ExportFile> {
  const period = periodLabel(document.period);
  const flow = await PdfFlow.start({
    title: `CPD record: ${document.certificateName}`,
    subject: `QI Academy CPD record, ${period}`,
    header: { left: `QI Academy CPD record · ${period}`, right: document.certificateName },
  });
  flow.text("CPD record", { size: 22, bold: true });
  flow.gap(4);
  flow.text(document.certificateName, { size: 14, bold: true });
  flow.gap(6);
  flow.text(`Period: ${period}`, { size: 10.5 });
  flow.text(`Produced on ${formatCalendarDate(document.producedOn)} by QI Academy`, {
    size: 10.5,
    colour: "secondary",
  });
  flow.gap(14);

  const { all, courses, activities } = document.totals;
  flow.text("Totals", { size: 13, bold: true });
  flow.gap(2);
  const sources = [
    courses.courses > 0
      ? `${formatAmount(courses.points)} from ${plural(courses.courses, "course", "courses")}`
      : null,
    activities.points > 0
      ? `${formatAmount(activities.points)} from ${plural(activities.activities, "activity", "activities")} of your own`
      : null,
  ].filter(Boolean);
  flow.text(`${points(all.points)}${sources.length > 0 ? `: ${sources.join(" and ")}` : ""}`, { size: 10.5 });
  flow.text(`${hours(all.hours)} of your own CPD activities`, { size: 10.5 });
  flow.gap(14);

  flow.text(`Entries (${document.entries.length})`, { size: 13, bold: true });
  flow.gap(4);
  if (document.entries.length === 0) {
    flow.text("There is nothing in this period.", { size: 10.5 });
  }
  for (const entry of document.entries) {
    // Keep an entry's date, title and first details together on one page.
    flow.keep(PdfFlow.lineHeight(11) * 4);
    flow.rule();
    flow.labelled(formatCalendarDate(entry.date), entry.title, DATE_COLUMN, {
      size: 11,
      labelSize: 9.5,
      bold: true,
    });
    const detail = { size: 9.5, indent: DATE_COLUMN, colour: "secondary" as const };
    const kind =
      entry.kind === "course"
        ? ["Course completed", entry.levelLabel, entry.programmeTitle].filter(Boolean).join(" · ")
        : "Own CPD activity";
    flow.text(kind, detail);
    const amounts = [
      entry.points !== null ? points(entry.points) : null,
      entry.hours !== null ? hours(entry.hours) : null,
    ].filter(Boolean);
    flow.text(amounts.join(" · "), { size: 10, indent: DATE_COLUMN });
    if (entry.certificate) flow.text(certificateLine(entry.certificate), { size: 9.5, indent: DATE_COLUMN });
    if (!entry.counted)
      flow.text("Its certificate was revoked, so its points are not in the totals.", {
        size: 9.5,
        indent: DATE_COLUMN,
      });
    const reflection = entry.kind === "activity" ? reflectionPlainText(entry.reflection) : "";
    if (reflection.trim() !== "") {
      flow.gap(3);
      flow.text("Reflection", { size: 9.5, bold: true, indent: DATE_COLUMN });
      flow.text(reflection, { size: 9.5, indent: DATE_COLUMN });
    }
    flow.gap(6);
  }
  const bytes = await flow.finish();
  return {
    filename: `cpd-record-${periodSlug(document.period)}.pdf`,
    contentType: "application/pdf",
    body: Readable.from([Buffer.from(bytes)]),
  };
}

/**
 * The transcript as an A4 PDF: every course achieved with its certificate's code and status, then every course in
 * progress, with the running header and page numbers.
 */
export async function transcriptPdf(document: TranscriptDocument): Promise<ExportFile> {
  const flow = await PdfFlow.start({
    title: `Transcript: ${document.certificateName}`,
    subject: "QI Academy transcript of achievements",
    header: {
      left: `QI Academy transcript · ${formatCalendarDate(document.producedOn)}`,
      right: document.certificateName,
    },
  });
  flow.text("Transcript", { size: 22, bold: true });
  flow.gap(4);
  flow.text(document.certificateName, { size: 14, bold: true });
  flow.gap(6);
  flow.text(`Produced on ${formatCalendarDate(document.producedOn)} by QI Academy`, {
    size: 10.5,
    colour: "secondary",
  });
  flow.text("Anyone can check a certificate at the QI Academy verification page by its code.", {
    size: 10.5,
    colour: "secondary",
  });
  flow.gap(14);

  flow.text(`Courses achieved (${document.achievements.length})`, { size: 13, bold: true });
  flow.gap(4);
  if (document.achievements.length === 0) flow.text("No courses achieved yet.", { size: 10.5 });
  for (const a of document.achievements) {
    flow.keep(PdfFlow.lineHeight(11) * 4);
    flow.rule();
    flow.labelled(formatCalendarDate(a.achievedOn), a.courseTitle, DATE_COLUMN, {
      size: 11,
      labelSize: 9.5,
      bold: true,
    });
    const detail = { size: 9.5, indent: DATE_COLUMN };
    flow.text(`${a.levelLabel} · ${a.programmeTitle}`, { ...detail, colour: "secondary" });
    flow.text(points(a.cpdPoints), detail);
    flow.text(a.certificate ? certificateLine(a.certificate) : "No certificate issued", detail);
    if (a.replacedCodes.length > 0)
      flow.text(
        `Replaces certificate${a.replacedCodes.length === 1 ? "" : "s"} ${a.replacedCodes.join(", ")}`,
        {
          ...detail,
          colour: "secondary",
        },
      );
    flow.gap(6);
  }

  flow.gap(10);
  flow.keep(PdfFlow.lineHeight(13) * 3);
  flow.text(`Courses in progress (${document.inProgress.length})`, { size: 13, bold: true });
  flow.gap(4);
  if (document.inProgress.length === 0) flow.text("No courses in progress.", { size: 10.5 });
  for (const e of document.inProgress) {
    flow.keep(PdfFlow.lineHeight(11) * 3);
    flow.rule();
    flow.labelled(formatCalendarDate(e.startedOn), e.courseTitle, DATE_COLUMN, {
      size: 11,
      labelSize: 9.5,
      bold: true,
    });
    const detail = { size: 9.5, indent: DATE_COLUMN };
    flow.text(`${e.levelLabel} · ${e.programmeTitle}`, { ...detail, colour: "secondary" });
    flow.text(
      `Started ${formatCalendarDate(e.startedOn)} · ${e.progressPercent}% complete · ${e.deferred ? "deferred, " : ""}access ends ${formatCalendarDate(e.accessEndsOn)}`,
      detail,
    );
    flow.gap(6);
  }
  const bytes = await flow.finish();
  return {
    filename: `transcript-${document.producedOn}.pdf`,
    contentType: "application/pdf",
    body: Readable.from([Buffer.from(bytes)]),
  };
}
