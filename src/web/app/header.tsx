import { Link, useLocation, useNavigate } from "react-router";
import { useSignOut } from "../features/accounts/api/sign-out";
import { NotificationsLink } from "../features/notifications/components/notifications-link";
import { flash } from "../lib/flash";
import { useMe } from "../lib/use-me";

const NHS_LOGO_PATH =
  "M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z";

/** Sign-out as a POST form (a link would be a GET); works without JavaScript through the form action. */
function SignOutButton() {
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <form
      className="nhsuk-header__account-form"
      action="/api/auth/sign-out"
      method="post"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (signOut.isPending) return;
        signOut.mutate(undefined, {
          onSuccess: () => navigate("/", { state: flash("You have signed out") }),
          // Even if the server could not be reached, the person asked to leave: show them signed out.
          onError: () => navigate("/", { state: flash("You have signed out on this device") }),
        });
      }}
    >
      <button className="nhsuk-header__account-button" type="submit">
        Sign out
      </button>
    </form>
  );
}

/** The service's main sections, in the header's navigation. */
const SECTIONS = [
  { to: "/courses", text: "Find a course" },
  { to: "/where-to-start", text: "Where should I start?" },
  { to: "/case-studies", text: "Case studies" },
  { to: "/verify", text: "Check a certificate" },
  { to: "/help", text: "Help" },
] as const;

/**
 * The header's navigation. The current section is marked with aria-current ("page" on the section's own
 * page, "true" beneath it) and bold text, as nhsuk-frontend does, so it is not shown by colour alone.
 */
function HeaderNavigation() {
  const { pathname } = useLocation();
  return (
    <nav className="nhsuk-header__navigation" aria-label="Menu">
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <ul className="nhsuk-header__navigation-list">
          {SECTIONS.map((section) => {
            const isPage = pathname === section.to;
            const isCurrent = isPage || pathname.startsWith(`${section.to}/`);
            return (
              <li
                key={section.to}
                className={`nhsuk-header__navigation-item${isCurrent ? " nhsuk-header__navigation-item--current" : ""}`}
              >
                <Link
                  className="nhsuk-header__navigation-link"
                  to={section.to}
                  aria-current={isPage ? "page" : isCurrent ? "true" : undefined}
                >
                  {isCurrent ? (
                    <strong className="nhsuk-header__navigation-item-current-fallback">{section.text}</strong>
                  ) : (
                    section.text
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

/**
 * The NHS header: logo and "QI Academy" linking home, account links for the person's state, and the
 * navigation to the service's main sections.
 */
export function Header() {
  const { data: me, isPending } = useMe();
  const isAdmin = me?.roles.some((grant) => grant.role === "platform_admin") ?? false;
  const canManageCourses =
    me?.roles.some((grant) => grant.role === "content_editor" || grant.role === "platform_admin") ?? false;
  const canSeeReports =
    me?.roles.some((grant) => grant.role === "learner_admin" || grant.role === "platform_admin") ?? false;
  const canAssess = me?.roles.some((grant) => grant.role === "assessor") ?? false;
  const canVerify = me?.roles.some((grant) => grant.role === "internal_verifier") ?? false;
  const canFacilitate =
    me?.roles.some((grant) => grant.role === "facilitator" || grant.role === "platform_admin") ?? false;

  return (
    <header className="nhsuk-header">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label="NHS QI Academy homepage">
            <svg
              className="nhsuk-header__logo"
              xmlns="http://www.w3.org/2000/svg"
              viewBox="0 0 200 80"
              height="40"
              width="100"
              focusable="false"
              aria-hidden="true"
            >
              <path fill="currentcolor" d={NHS_LOGO_PATH} />
            </svg>
            <span className="nhsuk-header__service-name">QI Academy</span>
          </Link>
        </div>
        {isPending ? null : (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              {me ? (
                <>
                  <li className="nhsuk-header__account-item">
                    <Link className="nhsuk-header__account-link" to="/my-learning">
                      My learning
                    </Link>
                  </li>
                  <li className="nhsuk-header__account-item">
                    <Link className="nhsuk-header__account-link" to="/projects">
                      My projects
                    </Link>
                  </li>
                  <li className="nhsuk-header__account-item">
                    <Link className="nhsuk-header__account-link" to="/implementation">
                      Programmes
                    </Link>
                  </li>
                  <li className="nhsuk-header__account-item">
                    <NotificationsLink />
                  </li>
                  <li className="nhsuk-header__account-item">
                    <Link className="nhsuk-header__account-link" to="/account">
                      My account
                    </Link>
                  </li>
                  {canManageCourses ? (
                    <li className="nhsuk-header__account-item">
                      <Link className="nhsuk-header__account-link" to="/manage/courses">
                        Manage courses
                      </Link>
                    </li>
                  ) : null}
                  {canFacilitate ? (
                    <li className="nhsuk-header__account-item">
                      <Link className="nhsuk-header__account-link" to="/facilitate">
                        Facilitation
                      </Link>
                    </li>
                  ) : null}
                  {canAssess ? (
                    <li className="nhsuk-header__account-item">
                      <Link className="nhsuk-header__account-link" to="/assessment">
                        Assessment
                      </Link>
                    </li>
                  ) : null}
                  {canVerify ? (
                    <li className="nhsuk-header__account-item">
                      <Link className="nhsuk-header__account-link" to="/verification">
                        Verification
                      </Link>
                    </li>
                  ) : null}
                  {canSeeReports ? (
                    <li className="nhsuk-header__account-item">
                      <Link className="nhsuk-header__account-link" to="/reports">
                        Reports
                      </Link>
                    </li>
                  ) : null}
                  {isAdmin ? (
                    <li className="nhsuk-header__account-item">
                      <Link className="nhsuk-header__account-link" to="/admin/users">
                        Admin
                      </Link>
                    </li>
                  ) : null}
                  <li className="nhsuk-header__account-item">
                    <SignOutButton />
                  </li>
                </>
              ) : (
                <>
                  <li className="nhsuk-header__account-item">
                    <Link className="nhsuk-header__account-link" to="/sign-in">
                      Sign in
                    </Link>
                  </li>
                  <li className="nhsuk-header__account-item">
                    <Link className="nhsuk-header__account-link" to="/register">
                      Create an account
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        )}
      </div>
      <HeaderNavigation />
    </header>
  );
}
