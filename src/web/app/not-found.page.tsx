import { Link } from "react-router";
import { usePageTitle } from "../lib/page-title";

/** Shown for any address we do not recognise. */
export function NotFoundPage() {
  usePageTitle("Page not found");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <h1>Page not found</h1>
        <p>If you typed the web address, check it is correct.</p>
        <p>If you pasted the web address, check you copied the entire address.</p>
        <p>
          <Link to="/">Go to the QI Academy home page</Link>
        </p>
      </div>
    </div>
  );
}
