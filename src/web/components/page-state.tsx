import type { ReactNode } from "react";
import { usePageTitle } from "../lib/page-title";

/** A page that is waiting for data: it still has an h1 and title so screen readers know where they are. */
export function LoadingPage({ title }: { title: string }) {
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p aria-live="polite">Loading…</p>
    </>
  );
}

/** A whole page explaining that something went wrong, with the server's message where there is one. */
export function ProblemPage({
  title,
  message,
  children,
}: {
  title: string;
  message: string;
  children?: ReactNode;
}) {
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <p>{message}</p>
      {children}
    </>
  );
}
