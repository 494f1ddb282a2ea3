import type { ReactNode } from "react";

/** A cell of an NHS responsive table: at narrow widths the column's heading shows beside the value. */
export function Cell({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <td className="nhsuk-table__cell">
      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
        {heading}{" "}
      </span>
      {children}
    </td>
  );
}
