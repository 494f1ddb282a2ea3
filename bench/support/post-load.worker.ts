/**
 * The load generator of the SCORM commit benchmark, on its own thread so it does not share the servers' event loop
 * (in-process fetch took most of a core and hid the app's own cost). Each slot is one learner on one keep-alive
 * connection posting commits with its next sequence number for `seconds`; the thread reports the rate, the latency
 * percentiles and where each slot's sequence ended, so the driver baseline can carry on from there.
 */
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { values12, values2004 } from "./scorm-values.js";

/** One learner: where they post, their session cookie (none for the bare route), and their last sequence. */
export interface LoadSlot {
  url: string;
  cookie: string | null;
  userId: string;
  sequence: number;
}

/** What the main thread asks for. */
export interface LoadJob {
  seconds: number;
  scoId: string;
  version: "1.2" | "2004";
  /** Every answer must say the commit was applied (the app); the bare route's answers are not checked. */
  expectApplied: boolean;
  slots: LoadSlot[];
}

/** What the thread answers. */
export interface LoadResult {
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
  sequences: number[];
  error: string | null;
}

const job = workerData as LoadJob;
const agent = new http.Agent({ keepAlive: true, maxSockets: job.slots.length });

function post(slot: LoadSlot, body: string): Promise<{ status: number; text: string }> {
  const url = new URL(slot.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...(slot.cookie ? { cookie: slot.cookie } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function run(): Promise<LoadResult> {
  const values = job.version === "1.2" ? values12 : values2004;
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + job.seconds * 1000;
  await Promise.all(
    job.slots.map(async (slot) => {
      while (performance.now() < end) {
        slot.sequence += 1;
        const body = JSON.stringify({
          scoId: job.scoId,
          sequence: slot.sequence,
          values: values(slot.sequence, slot.userId),
        });
        const t = performance.now();
        const answer = await post(slot, body);
        latencies.push(performance.now() - t);
        if (job.expectApplied && (answer.status !== 200 || !answer.text.includes('"applied":true')))
          throw new Error(`commit answered ${answer.status} ${answer.text.slice(0, 200)}`);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  agent.destroy();
  return {
    count: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    sequences: job.slots.map((slot) => slot.sequence),
    error: null,
  };
}

run().then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) =>
    parentPort?.postMessage({
      count: 0,
      perSecond: 0,
      p50: 0,
      p99: 0,
      sequences: job.slots.map((slot) => slot.sequence),
      error: error instanceof Error ? error.message : String(error),
    } satisfies LoadResult),
);
