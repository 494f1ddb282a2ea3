import { Panel } from "nhsuk-react-components";
import type { ReactNode } from "react";

interface ConfirmationPanelProps {
  title: string;
  children?: ReactNode;
}

/** The NHS confirmation panel; its title is the page's h1. */
export function ConfirmationPanel({ title, children }: ConfirmationPanelProps) {
  return (
    <Panel>
      <Panel.Title headingLevel="h1">{title}</Panel.Title>
      {children ? <div className="nhsuk-panel__body">{children}</div> : null}
    </Panel>
  );
}
