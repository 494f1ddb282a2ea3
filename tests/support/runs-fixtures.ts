import { ukFromInstant } from "../../src/server/modules/community/runs.rules.js";

const DAY = 86_400_000;

/** A run form's dates (UK wall-clock) with the run opening `opensInDays` from now (negative: already open). */
export function runFormDates(opensInDays: number, now = Date.now()) {
  const opens = now + opensInDays * DAY;
  return {
    opensAt: ukFromInstant(new Date(opens)),
    liveStartsAt: ukFromInstant(new Date(opens + 2 * DAY)),
    liveEndsAt: ukFromInstant(new Date(opens + 9 * DAY)),
    commentsCloseAt: ukFromInstant(new Date(opens + 23 * DAY)),
    catchUpUntil: ukFromInstant(new Date(opens + 60 * DAY)),
  };
}
