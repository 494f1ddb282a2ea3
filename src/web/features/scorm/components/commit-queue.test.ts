import { describe, expect, it } from "vitest";
import {
  CommitQueue,
  type CommitTransport,
  type QueuedCommit,
  type QueueStorage,
  type QueueTimers,
  retryDelay,
  type SendOutcome,
} from "./commit-queue";

const URL_A = "/api/learning/enrolments/e1/steps/s1/scorm/attempts/a1/commits";
const URL_B = "/api/learning/enrolments/e1/steps/s1/scorm/attempts/a2/commits";
const SCO_1 = "11111111-1111-4111-8111-111111111111";
const SCO_2 = "22222222-2222-4222-8222-222222222222";

function commit(
  sequence: number,
  options: Partial<QueuedCommit["body"]> & { url?: string } = {},
): QueuedCommit {
  return {
    url: options.url ?? URL_A,
    body: {
      scoId: options.scoId ?? SCO_1,
      sequence,
      values: options.values ?? { "cmi.core.lesson_location": `page-${sequence}` },
      finished: options.finished ?? false,
    },
  };
}

class MemoryStorage implements QueueStorage {
  readonly data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

/** Timers run by hand: `advance` fires every timer due by then, in order. */
class ManualTimers implements QueueTimers {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number) {
    const handle = this.next++;
    this.pending.set(handle, { at: this.now + ms, callback });
    return handle;
  }
  clearTimeout(handle: unknown) {
    if (typeof handle === "number") this.pending.delete(handle);
  }
  delays(): number[] {
    return [...this.pending.values()].map((timer) => timer.at - this.now);
  }
  advance(ms: number) {
    this.now += ms;
    for (const [handle, timer] of [...this.pending]) {
      if (timer.at <= this.now) {
        this.pending.delete(handle);
        timer.callback();
      }
    }
  }
}

/** A transport whose answers the test gives one by one. */
function scriptedTransport() {
  const sent: { item: QueuedCommit; keepalive: boolean }[] = [];
  const waiting: ((outcome: SendOutcome) => void)[] = [];
  const transport: CommitTransport = (item, { keepalive }) => {
    sent.push({ item, keepalive });
    return new Promise((resolve) => waiting.push(resolve));
  };
  const answer = async (outcome: SendOutcome) => {
    const resolve = waiting.shift();
    if (!resolve) throw new Error("nothing is waiting for an answer");
    resolve(outcome);
    // Let the queue's promise handlers run.
    await new Promise((r) => setImmediate(r));
  };
  return { sent, transport, answer };
}

const applied = (lastSequence: number): SendOutcome => ({ kind: "applied", applied: true, lastSequence });
const offline: SendOutcome = { kind: "retry", reason: "offline" };

function newQueue(storage = new MemoryStorage(), timers = new ManualTimers()) {
  const transport = scriptedTransport();
  const queue = new CommitQueue({ storageKey: "q", storage, transport: transport.transport, timers });
  return { queue, storage, timers, ...transport };
}

describe("retryDelay", () => {
  it("doubles from one second and stops at thirty", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});

describe("CommitQueue", () => {
  it("sends commits one at a time, in the order they were made", async () => {
    const { queue, sent, answer } = newQueue();
    queue.enqueue(commit(1));
    queue.enqueue(commit(1, { scoId: SCO_2 }));
    expect(sent.map((s) => s.item.body.scoId)).toEqual([SCO_1]);
    await answer(applied(1));
    expect(sent.map((s) => s.item.body.scoId)).toEqual([SCO_1, SCO_2]);
    await answer(applied(1));
    expect(queue.pending()).toEqual([]);
    expect(queue.getSnapshot()).toEqual({ state: "saved", pending: 0 });
  });

  it("replaces an unsent older commit for the same SCO with the newer one, keeping finished", async () => {
    const { queue, sent, answer } = newQueue();
    queue.enqueue(commit(1));
    queue.enqueue(commit(2, { finished: true }));
    queue.enqueue(commit(3));
    // 1 is on its way; 2 was replaced by 3, which keeps 2's "finished".
    expect(queue.pending().map((item) => [item.body.sequence, item.body.finished])).toEqual([
      [1, false],
      [3, true],
    ]);
    await answer(applied(1));
    expect(sent.map((s) => s.item.body.sequence)).toEqual([1, 3]);
  });

  it("keeps commits while offline and retries after 1, 2, 4… seconds, capped at 30", async () => {
    const { queue, sent, timers, answer } = newQueue();
    queue.enqueue(commit(1));
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      await answer(offline);
      expect(queue.getSnapshot().state).toBe("retrying");
      const [delay] = timers.delays();
      if (delay === undefined) throw new Error("no retry was scheduled");
      waits.push(delay);
      // A commit made while waiting does not jump the back-off; it replaces the unsent one.
      if (i === 0) queue.enqueue(commit(2));
      expect(sent).toHaveLength(i + 1);
      timers.advance(delay);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(sent.at(-1)?.item.body.sequence).toBe(2);
    await answer(applied(2));
    expect(queue.getSnapshot()).toEqual({ state: "saved", pending: 0 });
  });

  it("starts the back-off again after a success", async () => {
    const { queue, timers, answer } = newQueue();
    queue.enqueue(commit(1));
    await answer(offline);
    timers.advance(1_000);
    await answer(offline);
    timers.advance(2_000);
    await answer(applied(1));
    queue.enqueue(commit(2));
    await answer(offline);
    expect(timers.delays()).toEqual([1_000]);
  });

  it("tries again at once when told the browser is back online", async () => {
    const { queue, sent, timers, answer } = newQueue();
    queue.enqueue(commit(1));
    await answer(offline);
    expect(timers.delays()).toEqual([1_000]);
    queue.retryNow();
    expect(sent).toHaveLength(2);
    expect(timers.delays()).toEqual([]);
  });

  it("keeps unsent commits in storage, so a new page sends them", async () => {
    const storage = new MemoryStorage();
    const first = newQueue(storage);
    first.queue.enqueue(commit(1));
    first.queue.enqueue(commit(2));
    await first.answer(offline);
    expect(JSON.parse(storage.data.get("q") ?? "[]")).toHaveLength(2);

    const second = newQueue(storage);
    expect(second.queue.pending().map((item) => item.body.sequence)).toEqual([1, 2]);
    expect(second.queue.highestPendingSequence(URL_A, SCO_1)).toBe(2);
    expect(second.queue.highestPendingSequence(URL_B, SCO_1)).toBe(0);
    const idle = second.queue.whenIdle(10_000);
    await second.answer(applied(1));
    await second.answer(applied(2));
    await expect(idle).resolves.toBe(true);
    expect(storage.data.has("q")).toBe(false);
  });

  it("ignores storage it cannot read", () => {
    const storage = new MemoryStorage();
    storage.setItem("q", "{not json");
    expect(newQueue(storage).queue.pending()).toEqual([]);
    storage.setItem("q", JSON.stringify([{ url: URL_A }, commit(4)]));
    expect(
      newQueue(storage)
        .queue.pending()
        .map((item) => item.body.sequence),
    ).toEqual([4]);
  });

  it("drops a commit the server refuses as invalid CMI, reports it, and goes on", async () => {
    const { queue, sent, answer } = newQueue();
    const invalid: unknown[] = [];
    queue.events = {
      onInvalid: (item, outcome) => invalid.push([item.body.sequence, outcome.scormErrorCode]),
    };
    queue.enqueue(commit(1));
    queue.enqueue(commit(1, { scoId: SCO_2 }));
    await answer({ kind: "invalid", element: "cmi.suspend_data", message: "Too long", scormErrorCode: 405 });
    expect(invalid).toEqual([[1, 405]]);
    expect(sent).toHaveLength(2);
    await answer(applied(1));
    expect(sent).toHaveLength(2);
    expect(queue.pending()).toEqual([]);
  });

  it("drops every commit of an attempt that was reset, but not another attempt's", async () => {
    const { queue, sent, answer } = newQueue();
    const refused: string[] = [];
    queue.events = { onRefused: (_item, outcome) => refused.push(outcome.error) };
    queue.enqueue(commit(1));
    queue.enqueue(commit(1, { scoId: SCO_2 }));
    queue.enqueue(commit(1, { url: URL_B }));
    await answer({ kind: "refused", error: "reset", message: "This attempt was reset" });
    expect(refused).toEqual(["reset"]);
    expect(queue.pending().map((item) => item.url)).toEqual([URL_B]);
    expect(sent.at(-1)?.item.url).toBe(URL_B);
  });

  it("sends everything not already on its way with keepalive when the page is hidden", async () => {
    const { queue, sent } = newQueue();
    queue.enqueue(commit(1));
    queue.enqueue(commit(1, { scoId: SCO_2 }));
    queue.enqueue(commit(1, { url: URL_B }));
    queue.sendAllNow();
    expect(sent.map((s) => [s.item.url, s.item.body.scoId, s.keepalive])).toEqual([
      [URL_A, SCO_1, true],
      [URL_A, SCO_2, true],
      [URL_B, SCO_1, true],
    ]);
    // Still waiting for answers, so still stored.
    expect(queue.pending()).toHaveLength(3);
  });

  it("does not use keepalive for commits too large for it", () => {
    const { queue, sent } = newQueue();
    queue.enqueue(commit(1, { values: { "cmi.suspend_data": "x".repeat(63_000) } }));
    expect(sent[0]?.keepalive).toBe(false);
  });

  it("reports the saving state to subscribers", async () => {
    const { queue, answer } = newQueue();
    const states: string[] = [];
    queue.subscribe(() => states.push(queue.getSnapshot().state));
    expect(queue.getSnapshot().state).toBe("idle");
    queue.enqueue(commit(1));
    await answer(offline);
    queue.retryNow();
    // Still "not saved yet" while the retry is on its way.
    expect(queue.getSnapshot().state).toBe("retrying");
    await answer(applied(1));
    expect(states).toEqual(["saving", "retrying", "saved"]);
  });

  it("whenIdle gives up after its timeout while offline", async () => {
    const { queue, timers, answer } = newQueue();
    queue.enqueue(commit(1));
    const idle = queue.whenIdle(5_000);
    await answer(offline);
    timers.advance(5_000);
    await expect(idle).resolves.toBe(false);
  });
});
