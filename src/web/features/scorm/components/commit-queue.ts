import type { ScormCommit } from "../../../../shared/scorm";

/**
 * The player's commit queue. SCORM content expects Commit to succeed at once, but the network may be gone for a
 * while (a train, a sleeping laptop), so every commit the run-time makes is queued here, kept in storage (a reload
 * or a new tab sends what an earlier page could not), and sent in order with back-off until the server has it.
 * Each commit carries the whole CMI state and a per-attempt, per-SCO sequence number, so a newer unsent commit
 * replaces an older one for the same SCO, and the server ignores anything older than what it already has.
 */

/** One commit waiting to go: where it goes and what it says. */
export interface QueuedCommit {
  /** The commits URL of the attempt (…/scorm/attempts/:attemptId/commits). */
  url: string;
  body: ScormCommit;
}

/** What happened to one send. */
export type SendOutcome =
  | { kind: "applied"; applied: boolean; lastSequence: number }
  /** The server refused a value (400 invalid_cmi): reported to the content, never retried. */
  | { kind: "invalid"; element: string; message: string; scormErrorCode: number }
  /** The commit can never succeed (attempt reset, access ended, not found, bad request): dropped. */
  | { kind: "refused"; error: string; message: string }
  /** Offline, signed out, or the server is unwell: try again later. */
  | { kind: "retry"; reason: "offline" | "signed_out" | "server" };

/** Sends one commit; keepalive asks the browser to finish the request even if the page is closing. */
export type CommitTransport = (item: QueuedCommit, options: { keepalive: boolean }) => Promise<SendOutcome>;

/** The part of the Storage interface the queue uses (localStorage in the browser). */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Timers, injectable so tests can run the back-off without waiting. */
export interface QueueTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How the saving status reads: nothing yet, sending, everything acknowledged, or waiting to retry. */
export type SaveState = "idle" | "saving" | "saved" | "retrying";

/** A snapshot of the queue for the page. */
export interface QueueSnapshot {
  state: SaveState;
  pending: number;
}

/** Told when the server refuses a commit for good, so the player can report it to the content. */
export interface QueueEvents {
  onInvalid?: (item: QueuedCommit, outcome: Extract<SendOutcome, { kind: "invalid" }>) => void;
  onRefused?: (item: QueuedCommit, outcome: Extract<SendOutcome, { kind: "refused" }>) => void;
  onApplied?: (item: QueuedCommit, outcome: Extract<SendOutcome, { kind: "applied" }>) => void;
}

/** The first retry waits a second, then 2 s, 4 s… up to 30 s. */
export const FIRST_RETRY_MS = 1_000;
/** The longest wait between retries. */
export const MAX_RETRY_MS = 30_000;
/** Browsers cap keepalive request bodies at 64 KiB in total; larger commits go as ordinary requests. */
export const KEEPALIVE_LIMIT_BYTES = 60_000;

/** How long to wait before the n-th retry in a row (n from 1): 1 s, 2 s, 4 s… capped at 30 s. */
export function retryDelay(failures: number): number {
  if (failures < 1) return 0;
  return Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
}

/** The attempt and SCO a commit belongs to: commits with the same key supersede one another. */
function keyOf(item: QueuedCommit): string {
  return `${item.url}#${item.body.scoId}`;
}

function isQueuedCommit(value: unknown): value is QueuedCommit {
  if (typeof value !== "object" || value === null) return false;
  if (!("url" in value) || !("body" in value)) return false;
  const { url, body } = value;
  if (typeof url !== "string" || typeof body !== "object" || body === null) return false;
  return (
    "scoId" in body &&
    typeof body.scoId === "string" &&
    "sequence" in body &&
    typeof body.sequence === "number" &&
    "values" in body &&
    typeof body.values === "object" &&
    body.values !== null &&
    "finished" in body &&
    typeof body.finished === "boolean"
  );
}

/** Reads what an earlier page left in storage; anything unreadable is dropped rather than blocking the player. */
function loadStored(storage: QueueStorage, storageKey: string): QueuedCommit[] {
  let raw: string | null = null;
  try {
    raw = storage.getItem(storageKey);
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isQueuedCommit) : [];
  } catch {
    return [];
  }
}

/** Options for a queue. */
export interface CommitQueueOptions {
  storageKey: string;
  storage: QueueStorage;
  transport: CommitTransport;
  timers?: QueueTimers;
  events?: QueueEvents;
}

/** See the file comment. One queue per step (enrolment and step), shared by every player page that opens it. */
export class CommitQueue {
  private items: QueuedCommit[];
  private inFlight: QueuedCommit | null = null;
  private failures = 0;
  private timer: unknown = null;
  private everSent = false;
  private readonly listeners = new Set<() => void>();
  private readonly idleWaiters = new Set<() => void>();
  private snapshot: QueueSnapshot;
  private readonly storageKey: string;
  private readonly storage: QueueStorage;
  private readonly transport: CommitTransport;
  private readonly timers: QueueTimers;
  /** Replaceable, so the player page that is open now hears about refusals. */
  events: QueueEvents;

  constructor(options: CommitQueueOptions) {
    this.storageKey = options.storageKey;
    this.storage = options.storage;
    this.transport = options.transport;
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
      // `as`: the handle is whatever setTimeout returned above.
      clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.events = options.events ?? {};
    this.items = loadStored(this.storage, this.storageKey);
    this.snapshot = this.computeSnapshot();
  }

  /** The commits not yet acknowledged, oldest first (the one being sent included). */
  pending(): readonly QueuedCommit[] {
    return this.items;
  }

  /** The highest sequence waiting for this attempt and SCO, so new commits are numbered after it. */
  highestPendingSequence(url: string, scoId: string): number {
    return this.items
      .filter((item) => item.url === url && item.body.scoId === scoId)
      .reduce((highest, item) => Math.max(highest, item.body.sequence), 0);
  }

  /** The status for the page (a stable object between changes, for useSyncExternalStore). */
  getSnapshot = (): QueueSnapshot => this.snapshot;

  /** Calls `listener` whenever the status changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Adds a commit and starts sending. An unsent older commit for the same attempt and SCO is replaced (it holds
   * a subset of what this one holds); "finished" is kept if either said so.
   */
  enqueue(item: QueuedCommit): void {
    const key = keyOf(item);
    let finished = item.body.finished;
    this.items = this.items.filter((existing) => {
      const superseded =
        existing !== this.inFlight && keyOf(existing) === key && existing.body.sequence < item.body.sequence;
      if (superseded && existing.body.finished) finished = true;
      return !superseded;
    });
    this.items.push({ url: item.url, body: { ...item.body, finished } });
    this.persist();
    this.changed();
    this.pump(false);
  }

  /** Tries again now rather than at the end of the back-off (the browser came back online). */
  retryNow(): void {
    if (this.timer !== null) {
      this.timers.clearTimeout(this.timer);
      this.timer = null;
    }
    this.pump(false);
  }

  /**
   * The page is going away: sends everything not already on its way at once, with keepalive, without waiting.
   * The commits stay in storage until acknowledged, so if these do not arrive the next page sends them again
   * (the server ignores a sequence it already has).
   */
  sendAllNow(): void {
    for (const item of this.items) {
      if (item === this.inFlight) continue;
      void this.transport(item, { keepalive: true }).catch(() => undefined);
    }
  }

  /** Resolves true once nothing is waiting, or false after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.items.length === 0) return Promise.resolve(true);
    this.pump(false);
    return new Promise((resolve) => {
      const done = () => {
        this.timers.clearTimeout(handle);
        this.idleWaiters.delete(done);
        resolve(true);
      };
      const handle = this.timers.setTimeout(() => {
        this.idleWaiters.delete(done);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.add(done);
    });
  }

  private pump(fromTimer: boolean): void {
    if (this.inFlight !== null) return;
    if (this.timer !== null && !fromTimer) return;
    this.timer = null;
    const next = this.items[0];
    if (!next) return;
    this.inFlight = next;
    this.changed();
    const size = JSON.stringify(next.body).length;
    this.transport(next, { keepalive: size <= KEEPALIVE_LIMIT_BYTES })
      .catch((): SendOutcome => ({ kind: "retry", reason: "offline" }))
      .then((outcome) => this.settle(next, outcome));
  }

  private settle(item: QueuedCommit, outcome: SendOutcome): void {
    this.inFlight = null;
    if (outcome.kind === "retry") {
      this.failures += 1;
      this.timer = this.timers.setTimeout(() => this.pump(true), retryDelay(this.failures));
      this.changed();
      return;
    }
    this.failures = 0;
    this.everSent = true;
    if (outcome.kind === "refused") {
      // A reset attempt or ended access refuses every later commit of the attempt too.
      this.items = this.items.filter((existing) => existing.url !== item.url);
    } else {
      this.items = this.items.filter((existing) => existing !== item);
    }
    this.persist();
    if (outcome.kind === "applied") this.events.onApplied?.(item, outcome);
    if (outcome.kind === "invalid") this.events.onInvalid?.(item, outcome);
    if (outcome.kind === "refused") this.events.onRefused?.(item, outcome);
    this.changed();
    this.pump(false);
  }

  private persist(): void {
    try {
      if (this.items.length === 0) this.storage.removeItem(this.storageKey);
      else this.storage.setItem(this.storageKey, JSON.stringify(this.items));
    } catch {
      // Storage full or blocked (private browsing): the queue still works for as long as the page is open.
    }
  }

  private computeSnapshot(): QueueSnapshot {
    const pending = this.items.length;
    let state: SaveState;
    if (this.failures > 0 && pending > 0) state = "retrying";
    else if (pending > 0) state = "saving";
    else state = this.everSent ? "saved" : "idle";
    return { state, pending };
  }

  private changed(): void {
    const next = this.computeSnapshot();
    if (next.state !== this.snapshot.state || next.pending !== this.snapshot.pending) {
      this.snapshot = next;
      for (const listener of this.listeners) listener();
    }
    if (this.items.length === 0) {
      for (const waiter of [...this.idleWaiters]) waiter();
    }
  }
}
