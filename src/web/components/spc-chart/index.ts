/** The SPC chart shared by every page that shows a measure: the chart, its icons and the download helpers. */
export { chartFileName, downloadPng, downloadSvg, serialiseSvg } from "./download";
export { ChartDrawing, SpcChart, type SpcChartProps } from "./spc-chart";
export { SpcIcons } from "./spc-icons";
