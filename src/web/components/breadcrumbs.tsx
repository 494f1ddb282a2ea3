import { Link } from "react-router";

/** One step back up the site: where it goes and what it is called. */
export interface BreadcrumbItem {
  to: string;
  text: string;
}

/**
 * The NHS breadcrumb: links to the pages above this one (not the page itself). On small screens
 * nhsuk-frontend shows only the back link to the closest parent, which this renders as the design system does.
 */
export function Breadcrumbs({ items }: { items: readonly BreadcrumbItem[] }) {
  const parent = items.at(-1);
  if (!parent) return null;
  return (
    <nav className="nhsuk-breadcrumb" aria-label="Breadcrumb">
      <ol className="nhsuk-breadcrumb__list">
        {items.map((item) => (
          <li className="nhsuk-breadcrumb__list-item" key={item.to}>
            <Link className="nhsuk-breadcrumb__link" to={item.to}>
              {item.text}
            </Link>
          </li>
        ))}
      </ol>
      <Link className="nhsuk-back-link" to={parent.to}>
        <span className="nhsuk-u-visually-hidden">Back to </span>
        {parent.text}
      </Link>
    </nav>
  );
}
