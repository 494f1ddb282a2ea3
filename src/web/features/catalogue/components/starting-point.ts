import { STARTING_POINTS, StartingPointSchema } from "../../../../shared/catalogue";

/** One answer to "Where should I start?", with the level it points to. */
export type StartingPoint = (typeof STARTING_POINTS)[number];

/** The starting point for an answer in an address, or null when it is missing or not one of ours. */
export function readStartingPoint(value: string | null): StartingPoint | null {
  const parsed = StartingPointSchema.safeParse(value);
  if (!parsed.success) return null;
  return STARTING_POINTS.find((point) => point.value === parsed.data) ?? null;
}
