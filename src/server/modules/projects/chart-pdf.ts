import { degrees, type PDFPage, type RGB, rgb } from "pdf-lib";
import { CHART_COLOURS, type ChartLayout, dashArray, markerPath } from "../../../shared/spc/chart-layout.js";
import { drawText, type PdfKit, textWidth } from "../../platform/pdf.js";

/** "#41B6E6" as a pdf-lib colour. */
export function hexColour(hex: string): RGB {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

/**
 * Draws a laid-out SPC chart as vector graphics with its top-left corner at (left, top) in PDF points: grid, axes and
 * their labels, annotation markers, stepped centre lines and limits, the target, the data line and each point's marker
 * in its colour and shape. The layout's own title is not drawn: the document prints it as a heading.
 */
export function drawChartPdf(
  kit: PdfKit,
  page: PDFPage,
  layout: ChartLayout,
  at: { left: number; top: number },
): void {
  const X = (x: number) => at.left + x;
  const Y = (y: number) => at.top - y;
  const { plot, fontSize } = layout;
  const secondary = hexColour(CHART_COLOURS.secondaryText);

  for (const t of layout.yTicks) {
    page.drawLine({
      start: { x: X(plot.left), y: Y(t.position) },
      end: { x: X(plot.right), y: Y(t.position) },
      thickness: 0.5,
      color: hexColour(CHART_COLOURS.grid),
    });
    const w = textWidth(kit, t.label, fontSize);
    drawText(kit, page, t.label, {
      x: X(plot.left - 5) - w,
      y: Y(t.position) - fontSize * 0.35,
      size: fontSize,
      color: secondary,
    });
  }
  if (layout.yAxisLabel.text) {
    const w = kit.fonts.regular.widthOfTextAtSize(layout.yAxisLabel.text, fontSize);
    page.drawText(layout.yAxisLabel.text, {
      x: X(layout.yAxisLabel.x) + fontSize * 0.35,
      y: Y(layout.yAxisLabel.y) - w / 2,
      size: fontSize,
      font: kit.fonts.regular,
      color: secondary,
      rotate: degrees(90),
    });
  }
  const axis = hexColour(CHART_COLOURS.axis);
  page.drawLine({
    start: { x: X(plot.left), y: Y(plot.top) },
    end: { x: X(plot.left), y: Y(plot.bottom) },
    thickness: 0.75,
    color: axis,
  });
  page.drawLine({
    start: { x: X(plot.left), y: Y(plot.bottom) },
    end: { x: X(plot.right), y: Y(plot.bottom) },
    thickness: 0.75,
    color: axis,
  });
  for (const t of layout.xTicks) {
    page.drawLine({
      start: { x: X(t.position), y: Y(plot.bottom) },
      end: { x: X(t.position), y: Y(plot.bottom + 3) },
      thickness: 0.75,
      color: axis,
    });
    const w = textWidth(kit, t.label, fontSize);
    drawText(kit, page, t.label, {
      x: X(t.position) - w / 2,
      y: Y(plot.bottom + fontSize + 5),
      size: fontSize,
      color: secondary,
    });
  }
  // Marker lines first, then their labels on white, so a later marker's line never runs through a label.
  for (const m of layout.markers) {
    page.drawLine({
      start: { x: X(m.x), y: Y(m.labelY + 2) },
      end: { x: X(m.x), y: Y(plot.bottom) },
      thickness: 0.6,
      color: hexColour(m.colour),
      dashArray: [2, 2],
    });
  }
  for (const m of layout.markers) {
    const w = textWidth(kit, m.shortLabel, fontSize);
    page.drawRectangle({
      x: X(m.labelX) - 1,
      y: Y(m.labelY) - fontSize * 0.3,
      width: w + 2,
      height: fontSize * 1.2,
      color: rgb(1, 1, 1),
    });
    drawText(kit, page, m.shortLabel, {
      x: X(m.labelX),
      y: Y(m.labelY),
      size: fontSize,
      color: hexColour(m.colour),
    });
  }
  for (const l of layout.lines) {
    page.drawLine({
      start: { x: X(l.x1), y: Y(l.y) },
      end: { x: X(l.x2), y: Y(l.y) },
      thickness: l.width * 0.8,
      color: hexColour(l.colour),
      dashArray: dashArray(l.dash).length ? dashArray(l.dash) : undefined,
    });
  }
  const dataLine = hexColour(CHART_COLOURS.dataLine);
  for (let i = 1; i < layout.path.length; i++) {
    const a = layout.path[i - 1];
    const b = layout.path[i];
    if (a && b)
      page.drawLine({
        start: { x: X(a.x), y: Y(a.y) },
        end: { x: X(b.x), y: Y(b.y) },
        thickness: 1,
        color: dataLine,
      });
  }
  const radius = layout.points.length > 60 ? 2 : 3;
  for (const p of layout.points) {
    page.drawSvgPath(markerPath(p.shape, p.x, p.y, radius), {
      x: at.left,
      y: at.top,
      color: hexColour(p.fill),
      borderColor: hexColour(p.stroke),
      borderWidth: 0.6,
    });
  }
}

/** Draws the chart's legend (shape or line swatch, then words) from (left, top), wrapping within width; returns its height. */
export function drawChartLegendPdf(
  kit: PdfKit,
  page: PDFPage,
  layout: ChartLayout,
  at: { left: number; top: number; width: number; size: number },
): number {
  const entries = [
    ...layout.legend.map((l) => ({ text: l.label, point: l, line: null })),
    ...layout.lineLegend.map((l) => ({ text: l.label, point: null, line: l })),
  ];
  const rowHeight = at.size + 6;
  let x = at.left;
  let row = 0;
  for (const entry of entries) {
    const w = 16 + textWidth(kit, entry.text, at.size) + 12;
    if (x > at.left && x + w > at.left + at.width) {
      x = at.left;
      row++;
    }
    const cy = at.top - row * rowHeight - at.size / 2;
    if (entry.point) {
      page.drawSvgPath(markerPath(entry.point.shape, 6, 0, 3), {
        x,
        y: cy,
        color: hexColour(entry.point.fill),
        borderColor: hexColour(entry.point.stroke),
        borderWidth: 0.6,
      });
    } else if (entry.line) {
      const dash = dashArray(entry.line.dash);
      page.drawLine({
        start: { x, y: cy },
        end: { x: x + 12, y: cy },
        thickness: 1.2,
        color: hexColour(entry.line.colour),
        dashArray: dash.length ? dash.map((d) => d / 2) : undefined,
      });
    }
    drawText(kit, page, entry.text, { x: x + 16, y: cy - at.size * 0.35, size: at.size });
    x += w;
  }
  return entries.length ? (row + 1) * rowHeight : 0;
}
