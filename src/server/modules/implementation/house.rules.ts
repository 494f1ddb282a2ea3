/**
 * The house's rules, pure so they are unit-testable with "today" passed in: the recommended sequence and each team's
 * plan from typical weeks, which modules are behind, out-of-order warnings and the checks on status dates.
 */
import { formatCalendarDate } from "../../../shared/dates.js";
import type { HouseModuleKind, ModuleStatus } from "../../../shared/implementation.js";
import type { ErrorDetail } from "../../platform/errors.js";

/** What the rules need of a house module. */
export interface RuleModule {
  id: string;
  position: number;
  kind: HouseModuleKind;
  title: string;
  typicalWeeks: number;
}

/** What the rules need of a team's status on a module (no row means not started). */
export interface RuleProgress {
  status: ModuleStatus;
  startedOn: string | null;
  completedOn: string | null;
  sustainingFrom: string | null;
}

/** One module's place in a team's plan. */
export interface PlannedModule {
  /** 1-based place in the recommended order. */
  sequence: number;
  plannedStart: string;
  plannedEnd: string;
}

/** Whether a module is behind plan, and by how many whole weeks (rounded up). */
export interface BehindState {
  behind: boolean;
  weeksBehind: number;
}

/** Today's calendar date in the UK (Europe/London, GMT or BST), as YYYY-MM-DD. */
export function ukToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

/** A calendar date moved by a number of days. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const isStarted = (status: ModuleStatus) => status !== "not_started";
const isDone = (status: ModuleStatus) => status === "complete" || status === "sustaining";

/**
 * The recommended order: foundation modules, then process modules, each in position order. Guides stand beside the
 * house and are not part of it.
 */
export function sequenceOf<M extends RuleModule>(modules: readonly M[]): M[] {
  const byPosition = (a: M, b: M) => a.position - b.position;
  return [
    ...modules.filter((m) => m.kind === "foundation").sort(byPosition),
    ...modules.filter((m) => m.kind === "process").sort(byPosition),
  ];
}

/** A team's plan: each sequence module back to back from the team's start, for its typical weeks. */
export function planFor(modules: readonly RuleModule[], teamStartedOn: string): Map<string, PlannedModule> {
  const plan = new Map<string, PlannedModule>();
  let start = teamStartedOn;
  for (const [index, module] of sequenceOf(modules).entries()) {
    const end = addDays(start, module.typicalWeeks * 7);
    plan.set(module.id, { sequence: index + 1, plannedStart: start, plannedEnd: end });
    start = end;
  }
  return plan;
}

/** Behind: the planned end has passed and the module is neither complete nor sustaining. */
export function behindState(
  planned: PlannedModule | undefined,
  status: ModuleStatus,
  today: string,
): BehindState {
  if (!planned || isDone(status) || planned.plannedEnd >= today) return { behind: false, weeksBehind: 0 };
  return { behind: true, weeksBehind: Math.ceil(daysBetween(planned.plannedEnd, today) / 7) };
}

/** Status of a module from a team's progress (missing means not started). */
function statusOf(progress: ReadonlyMap<string, RuleProgress>, moduleId: string): ModuleStatus {
  return progress.get(moduleId)?.status ?? "not_started";
}

/** "A", "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * The warning for starting a sequence module (status in progress or later) while an earlier one is not started; null
 * when it is in order, not started, or a guide. Recommend, don't forbid: the change is saved anyway.
 */
export function outOfOrderWarning(
  modules: readonly RuleModule[],
  progress: ReadonlyMap<string, RuleProgress>,
  moduleId: string,
  status: ModuleStatus,
): string | null {
  if (!isStarted(status)) return null;
  const sequence = sequenceOf(modules);
  const index = sequence.findIndex((m) => m.id === moduleId);
  const module = sequence[index];
  if (!module) return null;
  const earlier = sequence.slice(0, index).filter((m) => statusOf(progress, m.id) === "not_started");
  if (earlier.length === 0) return null;
  const names = listInWords(earlier.map((m) => m.title));
  return `${module.title} has been started before ${names}, which ${earlier.length === 1 ? "comes" : "come"} first in the recommended order. You can carry on; the earlier ${earlier.length === 1 ? "module builds" : "modules build"} the foundations the later ones rely on.`;
}

/** Every out-of-order start in a team's house, in sequence order. */
export function houseWarnings(
  modules: readonly RuleModule[],
  progress: ReadonlyMap<string, RuleProgress>,
): string[] {
  return sequenceOf(modules)
    .map((m) => outOfOrderWarning(modules, progress, m.id, statusOf(progress, m.id)))
    .filter((w): w is string => w !== null);
}

/** A status with only the dates that belong to it: not started has none, in progress only a start date. */
export function normaliseStatusDates<P extends RuleProgress>(input: P): P {
  const { status } = input;
  return {
    ...input,
    startedOn: isStarted(status) ? input.startedOn : null,
    completedOn: isDone(status) ? input.completedOn : null,
    sustainingFrom: status === "sustaining" ? input.sustainingFrom : null,
  };
}

/**
 * The problems with a status's dates, one per field: the dates its status needs, none in the future (UK today), none
 * before the team started on the programme, completed not before started, sustaining not before completed. Expects
 * dates already normalised for the status.
 */
export function statusDateProblems(
  input: RuleProgress,
  context: { today: string; team: { name: string; startedOn: string } },
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const { status } = input;
  const teamStart = formatCalendarDate(context.team.startedOn);
  const check = (field: keyof RuleProgress, label: string, value: string | null, needed: boolean) => {
    if (value === null) {
      if (needed) problems.push({ field, message: `Enter the date the ${label}` });
      return false;
    }
    if (value > context.today) {
      problems.push({ field, message: `The date the ${label} must be today or in the past` });
      return false;
    }
    if (value < context.team.startedOn) {
      problems.push({
        field,
        message: `The date the ${label} is before ${context.team.name} started on the programme (${teamStart})`,
      });
      return false;
    }
    return true;
  };
  const started = check("startedOn", "module started", input.startedOn, isStarted(status));
  const completed = check("completedOn", "module was completed", input.completedOn, isDone(status));
  const sustaining = check(
    "sustainingFrom",
    "team started sustaining",
    input.sustainingFrom,
    status === "sustaining",
  );
  if (started && completed && input.completedOn && input.startedOn && input.completedOn < input.startedOn) {
    problems.push({
      field: "completedOn",
      message: `The date the module was completed must be on or after the date it started (${formatCalendarDate(input.startedOn)})`,
    });
  }
  if (
    completed &&
    sustaining &&
    input.sustainingFrom &&
    input.completedOn &&
    input.sustainingFrom < input.completedOn
  ) {
    problems.push({
      field: "sustainingFrom",
      message: `The date the team started sustaining must be on or after the date the module was completed (${formatCalendarDate(input.completedOn)})`,
    });
  }
  return problems;
}

/** Teams per status, all zero. */
export function emptyCounts(): Record<ModuleStatus, number> {
  return { not_started: 0, in_progress: 0, complete: 0, sustaining: 0 };
}
