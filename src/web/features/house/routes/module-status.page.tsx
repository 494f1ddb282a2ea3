import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import {
  HOUSE_MODULE_KIND_LABELS,
  MODULE_STATUS_LABELS,
  MODULE_STATUSES,
  type ModuleStatus,
} from "../../../../shared/implementation";
import { MODULE_NOTES_MAX, type TeamHouse } from "../../../../shared/implementation-house";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { SummaryList, WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSetModuleStatus, useTeamHouse } from "../api/house";
import {
  BehindTag,
  housePaths,
  plannedInWords,
  StatusTag,
  statusDatesInWords,
} from "../components/house-words";

const FIELDS = ["status", "startedOn", "completedOn", "sustainingFrom", "notes"] as const;

const STATUS_HINTS: Record<ModuleStatus, string> = {
  not_started: "The team has not begun this module.",
  in_progress: "The team is working through the module.",
  complete: "The team has finished the module's activities.",
  sustaining: "The team is keeping the gains: checking the measures and revisiting the module.",
};

const needsStart = (s: ModuleStatus) => s !== "not_started";
const needsCompleted = (s: ModuleStatus) => s === "complete" || s === "sustaining";

type HouseModuleWithProgress = TeamHouse["modules"][number];

/** Record a team's status on one module: status, dates and notes; shows the out-of-order warning after saving. */
export function ModuleStatusPage() {
  const { teamId = "", moduleId = "" } = useParams();
  const query = useTeamHouse(teamId);
  const module = query.data?.modules.find((m) => m.id === moduleId);
  const title = module ? module.title : "Module status";
  usePageTitle(title);

  if (query.isPending) return <LoadingPage title="Module status" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={
          isApiError(query.error, 404)
            ? "Team not found"
            : isApiError(query.error, 403)
              ? "You cannot see this team"
              : "Sorry, there is a problem"
        }
        message={query.error.message}
      />
    );
  }
  if (!module) {
    return (
      <ProblemPage
        title="Module not found"
        message="This module is not in the team's house. It may have been removed."
      >
        <p>
          <Link to={housePaths.team(teamId)}>Back to {query.data.team.name}'s house</Link>
        </p>
      </ProblemPage>
    );
  }
  return (
    <ModuleStatusForm house={query.data} module={module} key={`${module.id}:${module.progress.revision}`} />
  );
}

function ModuleStatusForm({ house, module }: { house: TeamHouse; module: HouseModuleWithProgress }) {
  const navigate = useNavigate();
  const { team } = house;
  const { progress } = module;
  const save = useSetModuleStatus(team.id, module.id);
  const form = useFormErrors(FIELDS);
  const [status, setStatus] = useState<ModuleStatus>(progress.status);
  const [startedOn, setStartedOn] = useState<DateParts>(
    progress.startedOn ? datePartsFrom(progress.startedOn) : emptyDateParts,
  );
  const [completedOn, setCompletedOn] = useState<DateParts>(
    progress.completedOn ? datePartsFrom(progress.completedOn) : emptyDateParts,
  );
  const [sustainingFrom, setSustainingFrom] = useState<DateParts>(
    progress.sustainingFrom ? datePartsFrom(progress.sustainingFrom) : emptyDateParts,
  );
  const [notes, setNotes] = useState(progress.notes);
  const [warnings, setWarnings] = useState<string[] | null>(null);
  usePageTitle(module.title, form.summary.length > 0);

  const houseLink = <Link to={housePaths.team(team.id)}>Back to {team.name}'s house</Link>;

  if (warnings !== null) {
    return (
      <>
        <span className="nhsuk-caption-l">{team.name}</span>
        <h1>{module.title}: saved</h1>
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">Started out of order</WarningCallout.Heading>
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </WarningCallout>
        <p>The status has been saved. You can change it again at any time.</p>
        <p>{houseLink}</p>
      </>
    );
  }

  if (!house.canEdit) {
    const dates = statusDatesInWords(progress);
    return (
      <>
        <Breadcrumbs items={[{ to: housePaths.team(team.id), text: `${team.name}'s house` }]} />
        <span className="nhsuk-caption-l">{team.name}</span>
        <h1>{module.title}</h1>
        <p>{module.summary}</p>
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Status</SummaryList.Key>
            <SummaryList.Value>
              <StatusTag status={progress.status} />{" "}
              {progress.behind ? <BehindTag weeks={progress.weeksBehind} /> : null}
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Dates</SummaryList.Key>
            <SummaryList.Value>{dates || "None recorded"}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Notes</SummaryList.Key>
            <SummaryList.Value>{progress.notes || "None"}</SummaryList.Value>
          </SummaryList.Row>
        </SummaryList>
        <p>Only {team.name}'s team leader or the programme lead can change this status.</p>
        <p>{houseLink}</p>
      </>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    const date = (field: string, parts: DateParts, what: string, needed: boolean) => {
      if (!needed) return null;
      const result = isoDateFrom(parts, what);
      if (result.error) errors[field] = result.error;
      return result.date ?? null;
    };
    const started = date("startedOn", startedOn, "the date the module started", needsStart(status));
    const completed = date(
      "completedOn",
      completedOn,
      "the date the module was completed",
      needsCompleted(status),
    );
    const sustaining = date(
      "sustainingFrom",
      sustainingFrom,
      "the date the team started sustaining",
      status === "sustaining",
    );
    if (notes.length > MODULE_NOTES_MAX)
      errors.notes = `Notes must be ${MODULE_NOTES_MAX.toLocaleString("en-GB")} characters or fewer`;
    if (form.showFieldErrors(errors)) return;
    save.mutate(
      {
        status,
        startedOn: started,
        completedOn: completed,
        sustainingFrom: sustaining,
        notes,
        revision: progress.revision,
      },
      {
        onSuccess: (result) => {
          if (result.warnings.length > 0) {
            setWarnings(result.warnings);
            return;
          }
          navigate(housePaths.team(team.id), {
            state: flash(
              `${module.title}: ${MODULE_STATUS_LABELS[result.progress.status].toLowerCase()}`,
              "The status has been saved.",
            ),
          });
        },
        onError: (error) => form.showFailure(error),
      },
    );
  };

  const planned = plannedInWords(progress);
  return (
    <>
      <Breadcrumbs items={[{ to: housePaths.team(team.id), text: `${team.name}'s house` }]} />
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">
        {team.name} · {HOUSE_MODULE_KIND_LABELS[module.kind]}
      </span>
      <h1>{module.title}</h1>
      {module.summary ? <p>{module.summary}</p> : null}
      {planned ? (
        <p>
          Planned {planned}, step {progress.sequence} of the recommended order.{" "}
          {progress.behind ? <BehindTag weeks={progress.weeksBehind} /> : null}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Radios
          name="status"
          legend="Status"
          error={form.errors.status}
          value={status}
          onChange={(value) => setStatus(MODULE_STATUSES.find((s) => s === value) ?? "not_started")}
          options={MODULE_STATUSES.map((s) => ({
            value: s,
            label: MODULE_STATUS_LABELS[s],
            hint: STATUS_HINTS[s],
          }))}
        />
        {needsStart(status) ? (
          <DateInput
            id="startedOn"
            legend="When did the team start this module?"
            hint={`For example, 9 3 2026. Not before ${formatCalendarDate(team.startedOn)}, when the team started on the programme.`}
            error={form.errors.startedOn}
            value={startedOn}
            onChange={setStartedOn}
          />
        ) : null}
        {needsCompleted(status) ? (
          <DateInput
            id="completedOn"
            legend="When did the team complete it?"
            hint="On or after the start date, and not in the future."
            error={form.errors.completedOn}
            value={completedOn}
            onChange={setCompletedOn}
          />
        ) : null}
        {status === "sustaining" ? (
          <DateInput
            id="sustainingFrom"
            legend="When did the team start sustaining it?"
            hint="On or after the completion date, and not in the future."
            error={form.errors.sustainingFrom}
            value={sustainingFrom}
            onChange={setSustainingFrom}
          />
        ) : null}
        <CharacterCount
          id="notes"
          label="Notes (optional)"
          hint="What the team did, what changed and what is next."
          error={form.errors.notes}
          value={notes}
          onChange={setNotes}
          maxLength={MODULE_NOTES_MAX}
        />
        <Button busy={save.isPending}>Save status</Button>
      </form>
      <p>{houseLink}</p>
    </>
  );
}
