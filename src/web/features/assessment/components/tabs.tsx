import { type KeyboardEvent, type ReactNode, useRef } from "react";

/** One tab: its id (also in the address as ?tab=), its label and what its panel holds. */
export interface TabItem {
  id: string;
  label: string;
  panel: ReactNode;
}

interface TabsProps {
  /** The tabs' heading, read out before the list (nhsuk shows it only when the tabs stack on small screens). */
  title: string;
  tabs: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
}

/**
 * NHS tabs, driven by React rather than nhsuk-frontend's script: a tablist whose tabs are links to their panels, the
 * arrow keys moving between them (focus and selection together, as the design system's tabs do), and only the
 * selected panel shown. The wrapper carries .nhsuk-frontend-supported so nhsuk-frontend's tabbed styles apply.
 */
export function Tabs({ title, tabs, selected, onSelect }: TabsProps) {
  const refs = useRef<Record<string, HTMLAnchorElement | null>>({});
  const current = tabs.find((t) => t.id === selected) ?? tabs[0];

  const move = (event: KeyboardEvent<HTMLAnchorElement>, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.id);
    refs.current[next.id]?.focus();
  };

  return (
    <div className="nhsuk-frontend-supported app-tabs">
      <div className="nhsuk-tabs">
        <h2 className="nhsuk-tabs__title">{title}</h2>
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: nhsuk-frontend's tabs markup (its own script adds the same role) */}
        <ul className="nhsuk-tabs__list" role="tablist">
          {tabs.map((tab, index) => {
            const isSelected = tab.id === current?.id;
            return (
              <li
                key={tab.id}
                className={`nhsuk-tabs__list-item${isSelected ? " nhsuk-tabs__list-item--selected" : ""}`}
                role="presentation"
              >
                <a
                  className="nhsuk-tabs__tab"
                  href={`#${tab.id}`}
                  id={`tab_${tab.id}`}
                  role="tab"
                  aria-controls={tab.id}
                  aria-selected={isSelected}
                  tabIndex={isSelected ? 0 : -1}
                  ref={(el) => {
                    refs.current[tab.id] = el;
                  }}
                  onClick={(event) => {
                    // Below tablet width nhsuk-frontend shows every panel under a contents list: let the link jump.
                    if (window.matchMedia("(min-width: 40.0625em)").matches) event.preventDefault();
                    onSelect(tab.id);
                  }}
                  onKeyDown={(event) => move(event, index)}
                >
                  {tab.label}
                </a>
              </li>
            );
          })}
        </ul>
        {tabs.map((tab) => (
          <div
            key={tab.id}
            className={`nhsuk-tabs__panel${tab.id === current?.id ? "" : " nhsuk-tabs__panel--hidden"}`}
            id={tab.id}
            role="tabpanel"
            aria-labelledby={`tab_${tab.id}`}
          >
            {tab.panel}
          </div>
        ))}
      </div>
    </div>
  );
}
