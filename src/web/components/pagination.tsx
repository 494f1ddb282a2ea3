import { Pagination as NhsPagination } from "nhsuk-react-components";
import { Link } from "react-router";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  /** The link for a page number. */
  hrefFor: (page: number) => string;
}

/** Page numbers to show: first, last, current and its neighbours; null marks an ellipsis. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && n - previous > 1) out.push(null);
    out.push(n);
  });
  return out;
}

/** NHS numbered pagination with Previous and Next; renders nothing for a single page. */
export function Pagination({ page, pageSize, total, hrefFor }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return null;
  return (
    <NhsPagination>
      {page > 1 ? <NhsPagination.Link previous asElement={Link} to={hrefFor(page - 1)} /> : null}
      {pageWindow(page, pageCount).map((n, i) =>
        n === null ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: ellipses have no identity besides their position
          <NhsPagination.Item key={`gap-${i}`} ellipsis />
        ) : (
          <NhsPagination.Item
            key={n}
            number={n}
            current={n === page}
            asElement={Link}
            to={hrefFor(n)}
            aria-current={n === page ? "page" : undefined}
          />
        ),
      )}
      {page < pageCount ? <NhsPagination.Link next asElement={Link} to={hrefFor(page + 1)} /> : null}
    </NhsPagination>
  );
}
