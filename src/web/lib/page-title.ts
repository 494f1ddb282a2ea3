import { useEffect } from "react";

/** Sets document.title to "<Page> – QI Academy", prefixed with "Error: " while a form shows errors. */
export function usePageTitle(title: string, hasErrors = false): void {
  useEffect(() => {
    document.title = `${hasErrors ? "Error: " : ""}${title} – QI Academy`;
  }, [title, hasErrors]);
}
