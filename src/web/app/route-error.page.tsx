import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { usePageTitle } from "../lib/page-title";

/** Last resort when a page fails to render: says so plainly, without the header (which may be what failed). */
export function RouteErrorPage() {
  const error = useRouteError();
  usePageTitle("Sorry, there is a problem with the service");
  console.error(error);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <h1>{notFound ? "Page not found" : "Sorry, there is a problem with the service"}</h1>
        <p>{notFound ? "Check the web address is correct." : "Try again later, or reload the page."}</p>
        <p>
          <Link to="/">Go to the QI Academy home page</Link>
        </p>
      </main>
    </div>
  );
}
