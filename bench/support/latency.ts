/**
 * Sequential latency measurement (warm-up, then N timed calls, p50/p95) and a memory sampler that records the peak
 * RSS and heap growth while some work runs: for benchmarks of single heavy requests rather than throughput.
 */
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";

/** Timings of one measured operation, in milliseconds. */
export interface LatencySummary {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  meanMs: number;
}

/** The p-th percentile (0–100) of ascending samples, by the nearest-rank method. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error("no samples");
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** Runs `work` `warmup` times untimed, then `runs` times one after another, and summarises the timings. */
export async function measureLatency(
  work: () => Promise<void>,
  options: { runs: number; warmup?: number },
): Promise<LatencySummary> {
  for (let i = 0; i < (options.warmup ?? 3); i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    runs: samples.length,
    p50Ms: round(percentile(samples, 50)),
    p95Ms: round(percentile(samples, 95)),
    minMs: round(samples[0] ?? Number.NaN),
    maxMs: round(samples[samples.length - 1] ?? Number.NaN),
    meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

/** Peak memory above the level before the work, in bytes. */
export interface MemoryGrowth {
  rssBeforeBytes: number;
  rssPeakBytes: number;
  rssGrowthBytes: number;
  heapBeforeBytes: number;
  heapPeakBytes: number;
  heapGrowthBytes: number;
  samples: number;
}

/** A full garbage collection, so a "before" figure is not inflated by garbage (flag set at run time). */
function collectGarbage(): void {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as (() => void) | undefined; // the function --expose-gc defines
  gc?.();
}

/**
 * Runs `work` while sampling process memory every `intervalMs`; returns its result and the peak growth. `work` may
 * also call `sample` itself (e.g. per chunk read), for when in-process work keeps the timer from firing.
 */
export async function withMemorySampling<T>(
  work: (sample: () => void) => Promise<T>,
  intervalMs = 10,
): Promise<{ result: T; memory: MemoryGrowth }> {
  collectGarbage();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  let heapPeak = before.heapUsed;
  let samples = 0;
  const sample = () => {
    const now = process.memoryUsage();
    samples += 1;
    rssPeak = Math.max(rssPeak, now.rss);
    heapPeak = Math.max(heapPeak, now.heapUsed);
  };
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await work(sample);
    sample();
    return {
      result,
      memory: {
        rssBeforeBytes: before.rss,
        rssPeakBytes: rssPeak,
        rssGrowthBytes: rssPeak - before.rss,
        heapBeforeBytes: before.heapUsed,
        heapPeakBytes: heapPeak,
        heapGrowthBytes: heapPeak - before.heapUsed,
        samples,
      },
    };
  } finally {
    clearInterval(timer);
  }
}
