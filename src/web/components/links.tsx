import { ActionLink as NhsActionLink, BackLink as NhsBackLink } from "nhsuk-react-components";
import type { ReactNode } from "react";
import { Link } from "react-router";

/** The NHS back link, routed inside the app. */
export function BackLink({ to, children = "Back" }: { to: string; children?: ReactNode }) {
  return (
    <NhsBackLink asElement={Link} to={to}>
      {children}
    </NhsBackLink>
  );
}

/** The NHS action link (green arrow) for the main thing to do next, routed inside the app. */
export function ActionLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <NhsActionLink asElement={Link} to={to}>
      {children}
    </NhsActionLink>
  );
}
