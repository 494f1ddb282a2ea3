import type { ReactNode } from "react";

/** One column of a CPD table. */
export interface CpdColumn<R> {
  key: string;
  header: string;
  numeric?: boolean;
  render: (row: R) => ReactNode;
}

/**
 * ARIA roles nhsuk-frontend puts on responsive tables: below 641px their CSS makes rows and cells blocks, which drops
 * the table semantics in browsers, so the roles restore them.
 */
const ROLE = {
  table: { role: "table" },
  rowgroup: { role: "rowgroup" },
  row: { role: "row" },
  columnheader: { role: "columnheader" },
  cell: { role: "cell" },
} as const;

/**
 * An NHS.UK responsive table with a caption: each row becomes a card below 641px, with the column names beside the
 * values, so it fits a 320px screen.
 */
export function CpdTable<R>({
  caption,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  columns: CpdColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
}) {
  return (
    <table className="nhsuk-table nhsuk-table--responsive" {...ROLE.table}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
      <thead className="nhsuk-table__head" {...ROLE.rowgroup}>
        <tr className="nhsuk-table__row" {...ROLE.row}>
          {columns.map((column) => (
            <th
              key={column.key}
              scope="col"
              {...ROLE.columnheader}
              className={`nhsuk-table__header${column.numeric ? " nhsuk-table__header--numeric" : ""}`}
            >
              {column.header}
            </th>
          ))}
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
                <span className="app-cpd-cell">{column.render(row)}</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
