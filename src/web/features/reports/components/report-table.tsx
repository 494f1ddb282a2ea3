import { type ReactNode, useId } from "react";
import { Link } from "react-router";

/** One column of a report table; `sort` makes its header a link that sorts the report by it. */
export interface ReportColumn<R> {
  key: string;
  header: string;
  numeric?: boolean;
  sort?: string;
  render: (row: R) => ReactNode;
}

interface ReportTableProps<R> {
  caption: string;
  columns: ReportColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  /** Many columns: on screens wider than a phone the table keeps a readable width and scrolls sideways in its box. */
  wide?: boolean;
  /** The current sort, for aria-sort, and the address that sorts by a column. */
  sorting?: { sort: string; direction: "asc" | "desc"; hrefFor: (sort: string) => string };
}

/**
 * ARIA roles nhsuk-frontend puts on responsive tables: below 641px their CSS makes rows and cells blocks, which
 * drops the table semantics in browsers, so the roles restore them. (Spread, as the linter cannot know that.)
 */
const ROLE = {
  table: { role: "table" },
  rowgroup: { role: "rowgroup" },
  row: { role: "row" },
  columnheader: { role: "columnheader" },
  cell: { role: "cell" },
} as const;

/**
 * An NHS.UK responsive table (each row becomes a card below 641px, with the column names beside the values, so it
 * fits a 320px screen). Sortable headers are links the server sorts by, marked with aria-sort, as nhsuk-frontend's
 * server-sorted tables are.
 */
export function ReportTable<R>({ caption, columns, rows, rowKey, wide, sorting }: ReportTableProps<R>) {
  const sortable = Boolean(sorting) && columns.some((c) => c.sort);
  const captionId = useId();
  const table = (
    <table
      className={`nhsuk-table nhsuk-table--responsive${sortable ? " nhsuk-table--sortable" : ""}`}
      {...ROLE.table}
    >
      <caption className="nhsuk-table__caption" id={captionId}>
        {caption}
        {sortable ? <span className="nhsuk-u-visually-hidden"> (column headers are sortable)</span> : null}
      </caption>
      <thead className="nhsuk-table__head" {...ROLE.rowgroup}>
        <tr className="nhsuk-table__row" {...ROLE.row}>
          {columns.map((column) => {
            const current = sorting && column.sort === sorting.sort;
            const ariaSort = current ? (sorting.direction === "asc" ? "ascending" : "descending") : undefined;
            return (
              <th
                key={column.key}
                scope="col"
                {...ROLE.columnheader}
                className={`nhsuk-table__header${column.numeric ? " nhsuk-table__header--numeric" : ""}`}
                aria-sort={column.sort && sorting ? (ariaSort ?? "none") : undefined}
              >
                {column.sort && sorting ? (
                  <Link className="nhsuk-link" to={sorting.hrefFor(column.sort)}>
                    {column.header}
                    <span className="nhsuk-u-visually-hidden">
                      {current
                        ? `, sorted ${sorting.direction === "asc" ? "ascending" : "descending"}; select to reverse`
                        : ", select to sort"}
                    </span>
                  </Link>
                ) : (
                  column.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body" {...ROLE.rowgroup}>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="nhsuk-table__row" {...ROLE.row}>
            {columns.map((column) => (
              <td
                key={column.key}
                {...ROLE.cell}
                className={`nhsuk-table__cell${column.numeric ? " nhsuk-table__cell--numeric" : ""}`}
              >
                <span className="nhsuk-table__heading" aria-hidden="true">
                  {column.header}{" "}
                </span>
                {column.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (!wide) return table;
  // nhsuk-frontend's scroll component: a focusable region (so keyboard users can scroll it) named by the caption.
  return (
    <div className="nhsuk-scroll app-report-wide">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (WCAG 2.1.1) */}
      <section className="nhsuk-scroll__content" aria-labelledby={captionId} tabIndex={0}>
        {table}
      </section>
    </div>
  );
}
