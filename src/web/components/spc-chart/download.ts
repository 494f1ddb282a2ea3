/** Downloads of a chart drawn on the page: the SVG as it is, or a PNG drawn from it at twice the size. */

/** A file name from a chart's title: lower-case words joined by hyphens. */
export function chartFileName(title: string, extension: "svg" | "png"): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${slug || "chart"}.${extension}`;
}

/** The SVG element as a standalone file's text, with its namespace and a white background. */
export function serialiseSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement; // cloneNode returns Node; it is a copy of an <svg>
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const box = svg.viewBox.baseVal;
  copy.setAttribute("width", String(box.width));
  copy.setAttribute("height", String(box.height));
  copy.removeAttribute("style");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves the chart as an SVG file. */
export function downloadSvg(svg: SVGSVGElement, title: string): void {
  saveBlob(
    new Blob([serialiseSvg(svg)], { type: "image/svg+xml;charset=utf-8" }),
    chartFileName(title, "svg"),
  );
}

/** Saves the chart as a PNG: the SVG drawn on a canvas at 2× on white. Resolves when the file has been offered. */
export async function downloadPng(svg: SVGSVGElement, title: string): Promise<void> {
  const box = svg.viewBox.baseVal;
  const url = URL.createObjectURL(new Blob([serialiseSvg(svg)], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("The chart could not be drawn as a picture."));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(box.width * 2);
    canvas.height = Math.round(box.height * 2);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw pictures.");
    context.fillStyle = "#FFFFFF";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(2, 2);
    context.drawImage(image, 0, 0, box.width, box.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("The picture could not be made.");
    saveBlob(blob, chartFileName(title, "png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
