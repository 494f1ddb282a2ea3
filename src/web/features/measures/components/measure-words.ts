import type { ImprovementDirection, MeasureKind } from "../../../../shared/projects";

/** Hints explaining each kind of measure. */
export const MEASURE_KIND_HINTS: Record<MeasureKind, string> = {
  outcome: "What the project is trying to improve for patients or staff, for example missed doses or falls.",
  process:
    "Whether the changes are being carried out as planned, for example the % of drug rounds with a second check.",
  balancing:
    "Something that could get worse because of the changes, for example how long the drug round takes.",
};

/** Hints explaining each better direction. */
export const DIRECTION_HINTS: Record<ImprovementDirection, string> = {
  increase: "Special causes above the mean show as improvement, below it as concern.",
  decrease: "Special causes below the mean show as improvement, above it as concern.",
  neither: "Special causes are shown as unusual, neither good nor bad.",
};
