/**
 * "Download CSV" and "Download Excel" links for a report: plain links to the same API address with format=csv or
 * xlsx, so the browser downloads the file the server streams.
 */
export function DownloadLinks({ apiUrl, what }: { apiUrl: string; what: string }) {
  const withFormat = (format: "csv" | "xlsx") =>
    `${apiUrl}${apiUrl.includes("?") ? "&" : "?"}format=${format}`;
  return (
    <ul className="nhsuk-list app-report-downloads">
      <li>
        <a href={withFormat("csv")} download>
          Download CSV<span className="nhsuk-u-visually-hidden"> of {what}</span>
        </a>{" "}
        (CSV)
      </li>
      <li>
        <a href={withFormat("xlsx")} download>
          Download Excel<span className="nhsuk-u-visually-hidden"> of {what}</span>
        </a>{" "}
        (XLSX)
      </li>
    </ul>
  );
}
