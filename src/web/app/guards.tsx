import { Link, Navigate, Outlet, useLocation } from "react-router";
import { ROLE_LABELS, type Role } from "../../shared/accounts";
import { LoadingPage, ProblemPage } from "../components/page-state";
import { signInPath } from "../lib/return-to";
import { useMe } from "../lib/use-me";

/** Only signed-in people see the child routes; others are sent to sign in and brought back afterwards. */
export function RequireSignIn() {
  const { data: me, isPending, isError, error } = useMe();
  const location = useLocation();
  if (isPending) return <LoadingPage title="Loading" />;
  if (isError)
    return <ProblemPage title="Sorry, there is a problem with the service" message={error.message} />;
  if (!me) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <Outlet />;
}

/** Only people holding one of the `required` roles see the child routes; others are told they do not have permission. */
export function RequireRole({ required }: { required: Role | readonly Role[] }) {
  const { data: me } = useMe();
  const roles: readonly Role[] = typeof required === "string" ? [required] : required;
  const allowed = me?.roles.some((grant) => roles.includes(grant.role)) ?? false;
  if (!allowed) {
    const who = roles.map((role) => ROLE_LABELS[role].toLowerCase()).join(" and ");
    return (
      <ProblemPage
        title="You do not have permission to see this page"
        message={`This page is for ${who}s. If you think you should have access, ask a platform administrator.`}
      >
        <p>
          <Link to="/account">Go to my account</Link>
        </p>
      </ProblemPage>
    );
  }
  return <Outlet />;
}
