import { Link } from "react-router";

/** A neighbouring step: where it is and what it is called (the title is left out while the outline loads). */
export interface NeighbourStep {
  to: string;
  title: string | null;
}

function ArrowIcon({ direction }: { direction: "left" | "right" }) {
  return (
    <svg
      className={`nhsuk-icon nhsuk-icon--arrow-${direction}`}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      width="16"
      height="16"
      focusable="false"
      aria-hidden="true"
    >
      <path
        d={
          direction === "left"
            ? "M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z"
            : "m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z"
        }
      />
    </svg>
  );
}

/**
 * The NHS pagination pattern for content in a sequence (nhsuk-frontend's markup without page numbers): the
 * previous and next steps by title, whatever their status.
 */
export function StepPagination({
  previous,
  next,
}: {
  previous: NeighbourStep | null;
  next: NeighbourStep | null;
}) {
  if (!previous && !next) return null;
  return (
    <nav className="nhsuk-pagination" aria-label="Steps">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous ? (
          <li className="nhsuk-pagination-item--previous">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--prev" to={previous.to} rel="prev">
              <span className="nhsuk-pagination__title">
                Previous<span className="nhsuk-u-visually-hidden"> step</span>
              </span>
              {previous.title ? (
                <>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">{previous.title}</span>
                </>
              ) : null}
              <ArrowIcon direction="left" />
            </Link>
          </li>
        ) : null}
        {next ? (
          <li className="nhsuk-pagination-item--next">
            <Link className="nhsuk-pagination__link nhsuk-pagination__link--next" to={next.to} rel="next">
              <span className="nhsuk-pagination__title">
                Next<span className="nhsuk-u-visually-hidden"> step</span>
              </span>
              {next.title ? (
                <>
                  <span className="nhsuk-u-visually-hidden">:</span>
                  <span className="nhsuk-pagination__page">{next.title}</span>
                </>
              ) : null}
              <ArrowIcon direction="right" />
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
