import type { ChartAnnotation } from "../../../shared/spc/types.js";

/** A team's dates on one house module. */
export interface ModuleDates {
  title: string;
  startedOn: string | null;
  completedOn: string | null;
}

/**
 * What a team measure's chart marks on its time axis: the date the team started each module ("Started <title>") and
 * the date it completed it ("Completed <title>"), in date order (marks on the same day in house order, a start before its completion). Pure, so
 * it is unit-testable; the chart layout draws "note" annotations without a prefix.
 */
export function moduleAnnotations(modules: ModuleDates[]): ChartAnnotation[] {
  const marks: Array<ChartAnnotation & { order: number }> = [];
  for (const [index, module] of modules.entries()) {
    if (module.startedOn) {
      marks.push({
        date: module.startedOn,
        label: `Started ${module.title}`,
        kind: "note",
        order: index * 2,
      });
    }
    if (module.completedOn) {
      marks.push({
        date: module.completedOn,
        label: `Completed ${module.title}`,
        kind: "note",
        order: index * 2 + 1,
      });
    }
  }
  return marks
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order))
    .map(({ date, label, kind }) => ({ date, label, kind }));
}
