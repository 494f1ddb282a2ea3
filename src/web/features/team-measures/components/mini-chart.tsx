import { useId, useMemo } from "react";
import { layoutSpcChart } from "../../../../shared/spc/chart-layout";
import type { ChartAnnotation, SpcResult } from "../../../../shared/spc/types";
import { ChartDrawing } from "../../../components/spc-chart";

/**
 * A small SPC chart for a board card, drawn from the same layout and drawing as the full chart (points coloured by
 * special cause, mean and limits, target, module dates and rebases) but without the key, data table and downloads. The SVG scales with its card
 * and carries a title and the layout's one-sentence description for screen readers.
 */
export function MiniChart({
  result,
  title,
  unit,
  annotations,
  target,
  large = false,
}: {
  result: SpcResult;
  title: string;
  unit: string;
  annotations: ChartAnnotation[];
  target: number | null;
  /** Bigger type for the full-screen board. */
  large?: boolean;
}) {
  const titleId = useId();
  const descId = useId();
  const layout = useMemo(
    () =>
      layoutSpcChart(result, {
        width: 480,
        height: 240,
        title: "",
        unit,
        annotations,
        target,
        fontSize: large ? 14 : 12,
      }),
    [result, unit, annotations, target, large],
  );
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      style={{ display: "block", height: "auto" }}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{layout.description}</desc>
      <ChartDrawing layout={layout} />
    </svg>
  );
}
