/**
 * A one-line progress bar on stderr for long maintenance commands: stage, done/total, rate and ETA, redrawn in place
 * on a terminal and printed as plain lines (at most every few seconds, and at the end) when stderr is a file or pipe.
 */

/** Where the bar writes: stderr by default; tests pass a quiet sink. */
export interface ProgressSink {
  isTTY?: boolean;
  write: (text: string) => unknown;
}

const PLAIN_INTERVAL_MS = 5_000;
const BAR_WIDTH = 24;

/** Formats a whole number with thousands separators (en-GB). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-GB");
}

/** Formats seconds as "1h 02m", "3m 05s" or "12s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

/** One stage's progress: call `update` as work completes and `finish` once. */
export class ProgressBar {
  private readonly startedAt = Date.now();
  private lastPlainAt = 0;
  private done = 0;

  constructor(
    private readonly stage: string,
    private readonly total: number,
    private readonly unit: string,
    private readonly sink: ProgressSink = process.stderr,
    /** Work already done before this run (a resumed seed): counted in done/total, not in the rate. */
    private readonly alreadyDone = 0,
  ) {
    this.done = alreadyDone;
  }

  /** Records that `done` units of `total` are finished, with an optional note (e.g. rows written). */
  update(done: number, note = ""): void {
    this.done = done;
    const now = Date.now();
    if (this.sink.isTTY) {
      this.sink.write(`\r\x1b[2K${this.line(note)}`);
      return;
    }
    if (now - this.lastPlainAt >= PLAIN_INTERVAL_MS || done >= this.total) {
      this.lastPlainAt = now;
      this.sink.write(`${this.line(note)}\n`);
    }
  }

  /** Ends the stage's line. */
  finish(note = ""): void {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const text = `${this.stage}: ${formatCount(this.done)}/${formatCount(this.total)} ${this.unit} in ${formatDuration(seconds)}${note ? ` (${note})` : ""}`;
    this.sink.write(this.sink.isTTY ? `\r\x1b[2K${text}\n` : `${text}\n`);
  }

  private line(note: string): string {
    const elapsed = (Date.now() - this.startedAt) / 1000;
    const doneThisRun = this.done - this.alreadyDone;
    const rate = elapsed > 0 ? doneThisRun / elapsed : 0;
    const remaining = this.total - this.done;
    const eta = rate > 0 ? formatDuration(remaining / rate) : "?";
    const fraction = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
    const percent = `${(fraction * 100).toFixed(1)}%`;
    return `${this.stage} ${bar} ${percent} ${formatCount(this.done)}/${formatCount(this.total)} ${this.unit}, ${formatCount(rate)} ${this.unit}/s, ETA ${eta}${note ? `, ${note}` : ""}`;
  }
}
