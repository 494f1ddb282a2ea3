import type { LEARNING_GROUPS, STEP_STATUSES } from "../../../../shared/learning";
import { formatDate } from "../../../lib/format";

/** A learner's status on a step. */
export type StepStatus = (typeof STEP_STATUSES)[number];
/** How My learning groups enrolments. */
export type LearningGroup = (typeof LEARNING_GROUPS)[number];

/** The words of each step status, as its tag shows them. */
export const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  not_started: "Not started",
  started: "Started",
  completed: "Completed",
};

/** The heading of each group in My learning. */
export const GROUP_LABELS: Record<LearningGroup, string> = {
  active: "In progress",
  deferred: "Deferred",
  completed: "Completed",
  expired: "Expired",
};

const KIND_LABELS: Record<string, string> = {
  article: "Article",
  video: "Video",
  download: "Download",
  quiz: "Quiz",
  scorm: "Interactive activity",
};

/** "Article", "Video", "Final quiz"; a kind this code does not know yet is named plainly. */
export function stepKindWords(kind: string, isFinal = false): string {
  if (kind === "quiz" && isFinal) return "Final quiz";
  return KIND_LABELS[kind] ?? "Activity";
}

/** "1 minute", "10 minutes". */
export function minutesWords(minutes: number): string {
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** "Article, 10 minutes" (", optional" for steps the course does not need). */
export function stepFactsWords(step: { kind: string; minutes: number; required: boolean }): string {
  return `${stepKindWords(step.kind)}, ${minutesWords(step.minutes)}${step.required ? "" : ", optional"}`;
}

/** "3 of 12 steps complete (25%)". */
export function stepsCompleteWords(completed: number, total: number, percent: number): string {
  return `${completed} of ${total} ${total === 1 ? "step" : "steps"} complete (${percent}%)`;
}

/** What the learner's access looks like now, from the enrolment's state and dates. */
export interface AccessFacts {
  state: "active" | "deferred" | "expired";
  startsAt: string;
  expiresAt: string;
}

/**
 * An enrolment's access as the pages describe it. Once the server says it is read-only it has expired, even before
 * the hourly job moves its state, so the words never promise access that has gone.
 */
export function enrolmentAccess(enrolment: AccessFacts & { readOnly: boolean }): AccessFacts {
  const state = enrolment.readOnly ? "expired" : enrolment.state;
  return { state, startsAt: enrolment.startsAt, expiresAt: enrolment.expiresAt };
}

/** "Your access ends on 24 May 2027", "Your access ended on …", or for a deferred course "Your course starts again on …". */
export function accessSentence(access: AccessFacts): string {
  if (access.state === "expired") return `Your access ended on ${formatDate(access.expiresAt)}`;
  if (access.state === "deferred") return `Your course starts again on ${formatDate(access.startsAt)}`;
  return `Your access ends on ${formatDate(access.expiresAt)}`;
}

/** The short form for cards: "Access ends 24 May 2027", "Access ended …", "Starts again …". */
export function accessShortWords(access: AccessFacts): string {
  if (access.state === "expired") return `Access ended ${formatDate(access.expiresAt)}`;
  if (access.state === "deferred") return `Starts again ${formatDate(access.startsAt)}`;
  return `Access ends ${formatDate(access.expiresAt)}`;
}

/** "900 bytes", "120 KB", "1.2 MB": a file's size as people read it (1 KB = 1,024 bytes). */
export function fileSizeWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  const kilobytes = bytes / 1024;
  if (kilobytes < 1024) return `${Math.round(kilobytes)} KB`;
  const megabytes = kilobytes / 1024;
  return `${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MB`;
}

const FILE_TYPES: Record<string, string> = {
  "application/pdf": "PDF",
  "application/msword": "Word document",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
  "application/vnd.ms-excel": "Excel spreadsheet",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
  "application/vnd.ms-powerpoint": "PowerPoint presentation",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint presentation",
  "application/vnd.oasis.opendocument.text": "OpenDocument text",
  "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
  "application/zip": "ZIP",
  "text/csv": "CSV",
  "text/plain": "text file",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
};

/** "PDF", "Word document": a file's type by its content type, else its extension ("XYZ"), else "file". */
export function fileTypeWords(contentType: string, filename: string): string {
  const known = FILE_TYPES[contentType.split(";")[0]?.trim().toLowerCase() ?? ""];
  if (known) return known;
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1];
  return extension ? extension.toUpperCase() : "file";
}
