import { randomInt } from "node:crypto";

const DAY_MS = 86_400_000;

/** What decides whether a decision is drawn into the internal verification sample. */
export interface SamplingInput {
  /** Decisions the assessor made before this one (superseded ones included). */
  priorDecisions: number;
  /** verification_settings.new_assessor_decisions: an assessor's first N decisions are always sampled. */
  newAssessorDecisions: number;
  /** verification_settings.sample_percent, 0 to 100. */
  samplePercent: number;
  /** The submission's earlier decision was overturned: the new one is always checked again. */
  redecision: boolean;
}

/** A whole number from 0 to 99, from the operating system's cryptographic generator. */
export function percentileDraw(): number {
  return randomInt(100);
}

/**
 * Whether a decision goes to internal verification: always after an overturn and for a new assessor's first decisions;
 * otherwise when the draw (0–99, uniform) falls below the sample percentage, so 0% samples none and 100% all.
 */
export function isSampled(input: SamplingInput, draw: () => number = percentileDraw): boolean {
  if (input.redecision) return true;
  if (input.priorDecisions < input.newAssessorDecisions) return true;
  if (input.samplePercent <= 0) return false;
  if (input.samplePercent >= 100) return true;
  return draw() < input.samplePercent;
}

/** Whole days from `since` to `now` (0 on the day itself; never negative). */
export function waitingDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}

/** Only http and https addresses become links on the assessor's page; anything else is shown as text. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}
