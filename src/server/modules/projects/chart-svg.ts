import {
  CHART_COLOURS,
  type ChartLayout,
  dashArray,
  estimateTextWidth,
  markerPath,
} from "../../../shared/spc/chart-layout.js";

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // XML 1.0 forbids control characters other than tab, line feed and carriage return.
      .replace(/\p{Cc}/gu, (c) => (c === "\t" || c === "\n" || c === "\r" ? c : ""))
  );
}

const r2 = (v: number) => Number(v.toFixed(2));

/** How tall the legend band under the chart is for a layout: one row per line of wrapped legend entries. */
function legendRows(layout: ChartLayout): { text: string; swatch: "point" | "line"; index: number }[][] {
  const entries = [
    ...layout.legend.map((l, index) => ({ text: l.label, swatch: "point" as const, index })),
    ...layout.lineLegend.map((l, index) => ({ text: l.label, swatch: "line" as const, index })),
  ];
  const rows: (typeof entries)[] = [[]];
  let x = layout.plot.left;
  for (const entry of entries) {
    const w = 22 + estimateTextWidth(entry.text, layout.fontSize) + 16;
    const current = rows[rows.length - 1];
    if (current && current.length > 0 && x + w > layout.width) {
      rows.push([]);
      x = layout.plot.left;
    }
    rows[rows.length - 1]?.push(entry);
    x += w;
  }
  return rows.filter((r) => r.length > 0);
}

/**
 * A standalone SVG file of a laid-out chart: title and description elements, the chart, and a legend in words under
 * it. Text is XML-escaped; fonts are a generic sans-serif family so any viewer draws it.
 */
export function renderChartSvg(layout: ChartLayout): string {
  const { plot, fontSize } = layout;
  const rows = legendRows(layout);
  const rowHeight = fontSize + 8;
  const totalHeight = layout.height + rows.length * rowHeight + 8;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${layout.width}" height="${r2(totalHeight)}" viewBox="0 0 ${layout.width} ${r2(totalHeight)}" aria-labelledby="chart-title" aria-describedby="chart-desc" font-family="Frutiger, Arial, Helvetica, sans-serif" font-size="${fontSize}">`,
  );
  out.push(`<title id="chart-title">${escapeXml(layout.title)}</title>`);
  out.push(`<desc id="chart-desc">${escapeXml(layout.description)}</desc>`);
  out.push(`<rect width="100%" height="100%" fill="#FFFFFF"/>`);
  if (layout.title) {
    out.push(
      `<text x="${r2(layout.titleX)}" y="${r2(layout.titleY)}" font-size="${r2(fontSize * 1.3)}" font-weight="bold" fill="${CHART_COLOURS.text}">${escapeXml(layout.title)}</text>`,
    );
  }
  // Grid and value axis.
  for (const t of layout.yTicks) {
    out.push(
      `<line x1="${r2(plot.left)}" x2="${r2(plot.right)}" y1="${r2(t.position)}" y2="${r2(t.position)}" stroke="${CHART_COLOURS.grid}" stroke-width="1"/>`,
    );
    out.push(
      `<text x="${r2(plot.left - 6)}" y="${r2(t.position + fontSize * 0.35)}" text-anchor="end" fill="${CHART_COLOURS.secondaryText}">${escapeXml(t.label)}</text>`,
    );
  }
  if (layout.yAxisLabel.text) {
    const { x, y, text } = layout.yAxisLabel;
    out.push(
      `<text x="${r2(x)}" y="${r2(y)}" text-anchor="middle" transform="rotate(-90 ${r2(x)} ${r2(y)})" fill="${CHART_COLOURS.secondaryText}">${escapeXml(text)}</text>`,
    );
  }
  out.push(
    `<path d="M${r2(plot.left)} ${r2(plot.top)}V${r2(plot.bottom)}H${r2(plot.right)}" fill="none" stroke="${CHART_COLOURS.axis}" stroke-width="1"/>`,
  );
  for (const t of layout.xTicks) {
    out.push(
      `<line x1="${r2(t.position)}" x2="${r2(t.position)}" y1="${r2(plot.bottom)}" y2="${r2(plot.bottom + 4)}" stroke="${CHART_COLOURS.axis}"/>`,
    );
    out.push(
      `<text x="${r2(t.position)}" y="${r2(plot.bottom + fontSize + 6)}" text-anchor="middle" fill="${CHART_COLOURS.secondaryText}">${escapeXml(t.label)}</text>`,
    );
  }
  // Annotation markers.
  for (const m of layout.markers) {
    out.push(
      `<line x1="${r2(m.x)}" x2="${r2(m.x)}" y1="${r2(m.labelY + 3)}" y2="${r2(plot.bottom)}" stroke="${m.colour}" stroke-width="1" stroke-dasharray="3 3"/>`,
    );
  }
  // Labels after every marker line, on white, so no line runs through a label.
  for (const m of layout.markers) {
    out.push(
      `<rect x="${r2(m.labelX - 1)}" y="${r2(m.labelY - fontSize)}" width="${r2(estimateTextWidth(m.shortLabel, fontSize) + 2)}" height="${r2(fontSize * 1.3)}" fill="#FFFFFF"/>`,
    );
    out.push(
      `<text x="${r2(m.labelX)}" y="${r2(m.labelY)}" fill="${m.colour}"><title>${escapeXml(`${m.date}: ${m.label}`)}</title>${escapeXml(m.shortLabel)}</text>`,
    );
  }
  // Centre lines, limits and target.
  for (const l of layout.lines) {
    const dash = dashArray(l.dash);
    out.push(
      `<line x1="${r2(l.x1)}" x2="${r2(l.x2)}" y1="${r2(l.y)}" y2="${r2(l.y)}" stroke="${l.colour}" stroke-width="${l.width}"${dash.length ? ` stroke-dasharray="${dash.join(" ")}"` : ""}/>`,
    );
  }
  // The data line and points.
  if (layout.path.length > 1) {
    out.push(
      `<polyline points="${layout.path.map((p) => `${r2(p.x)},${r2(p.y)}`).join(" ")}" fill="none" stroke="${CHART_COLOURS.dataLine}" stroke-width="1.5"/>`,
    );
  }
  for (const p of layout.points) {
    out.push(
      `<path d="${markerPath(p.shape, p.x, p.y, 4)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="1"/>`,
    );
  }
  // Legend in words.
  rows.forEach((row, rowIndex) => {
    let x = plot.left;
    const y = layout.height + 4 + rowIndex * rowHeight + fontSize / 2;
    for (const entry of row) {
      if (entry.swatch === "point") {
        const l = layout.legend[entry.index];
        if (l)
          out.push(`<path d="${markerPath(l.shape, x + 8, y, 4)}" fill="${l.fill}" stroke="${l.stroke}"/>`);
      } else {
        const l = layout.lineLegend[entry.index];
        const dash = l ? dashArray(l.dash) : [];
        if (l)
          out.push(
            `<line x1="${r2(x)}" x2="${r2(x + 16)}" y1="${r2(y)}" y2="${r2(y)}" stroke="${l.colour}" stroke-width="1.5"${dash.length ? ` stroke-dasharray="${dash.join(" ")}"` : ""}/>`,
          );
      }
      out.push(
        `<text x="${r2(x + 22)}" y="${r2(y + fontSize * 0.35)}" fill="${CHART_COLOURS.text}">${escapeXml(entry.text)}</text>`,
      );
      x += 22 + estimateTextWidth(entry.text, fontSize) + 16;
    }
  });
  out.push("</svg>");
  return out.join("\n");
}
