import { formatCalendarDate } from "../../../../shared/dates";
import { MODULE_STATUS_LABELS, type ModuleStatus } from "../../../../shared/implementation";
import type { TeamModuleStatus } from "../../../../shared/implementation-house";
import { Tag } from "../../../components/nhs";

/** Tag colours for module statuses: grey not started, blue in progress, green complete, purple sustaining. */
const STATUS_COLOURS: Record<ModuleStatus, "grey" | "blue" | "green" | "purple"> = {
  not_started: "grey",
  in_progress: "blue",
  complete: "green",
  sustaining: "purple",
};

/** A module status as an NHS tag, always with its words. */
export function StatusTag({ status }: { status: ModuleStatus }) {
  return <Tag modifier={STATUS_COLOURS[status]}>{MODULE_STATUS_LABELS[status]}</Tag>;
}

/** The "Behind plan" flag, with how far behind in words. */
export function BehindTag({ weeks }: { weeks: number }) {
  return (
    <Tag modifier="red">
      Behind plan
      {weeks > 0 ? <span className="nhsuk-u-visually-hidden"> by {weeksInWords(weeks)}</span> : null}
    </Tag>
  );
}

/** "1 week", "3 weeks". */
export function weeksInWords(weeks: number): string {
  return `${weeks} ${weeks === 1 ? "week" : "weeks"}`;
}

/** What a status's dates say, in words: "Started 9 March 2026 · completed 20 April 2026". */
export function statusDatesInWords(progress: TeamModuleStatus): string {
  const parts = [
    progress.startedOn ? `Started ${formatCalendarDate(progress.startedOn)}` : null,
    progress.completedOn ? `completed ${formatCalendarDate(progress.completedOn)}` : null,
    progress.sustainingFrom ? `sustaining from ${formatCalendarDate(progress.sustainingFrom)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.join(" · ");
}

/** A planned period in words: "2 March 2026 to 13 April 2026". */
export function plannedInWords(progress: TeamModuleStatus): string | null {
  if (!progress.plannedStart || !progress.plannedEnd) return null;
  return `${formatCalendarDate(progress.plannedStart)} to ${formatCalendarDate(progress.plannedEnd)}`;
}

/** Where the house pages live. */
export const housePaths = {
  team: (teamId: string) => `/implementation/teams/${teamId}`,
  module: (teamId: string, moduleId: string) => `/implementation/teams/${teamId}/modules/${moduleId}`,
  grid: (registrationId: string) => `/implementation/${registrationId}/house`,
  importer: (registrationId: string) => `/implementation/${registrationId}/progress-import`,
  registration: (registrationId: string) => `/implementation/${registrationId}`,
};
