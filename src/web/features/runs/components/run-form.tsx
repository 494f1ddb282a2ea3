import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  RUN_DATE_FIELDS,
  RUN_TITLE_MAX,
  type RunCreateInputRaw,
  type RunDateField,
  type RunOptions,
  type RunOverview,
  runDateOrderProblems,
} from "../../../../shared/runs";
import { Button } from "../../../components/button";
import { Checkboxes, type CheckboxOption } from "../../../components/checkboxes";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useMe } from "../../../lib/use-me";
import { useSaveRun } from "../api/runs";
import { FACILITATE_PATH, runOverviewPath } from "./run-paths";

const FIELDS = ["courseId", "title", ...RUN_DATE_FIELDS, "facilitatorIds"] as const;

/** Each date's question, hint and default time. */
const DATE_QUESTIONS: Record<RunDateField, { legend: string; hint: string; time: string }> = {
  opensAt: {
    legend: "When does the run open?",
    hint: "Members can start the course and read its discussions from then.",
    time: "09:00",
  },
  liveStartsAt: {
    legend: "When does the facilitated live week start?",
    hint: "On or after the day the run opens. Facilitators take part in the discussions during the live week.",
    time: "09:00",
  },
  liveEndsAt: { legend: "When does the live week end?", hint: "After it starts.", time: "17:00" },
  commentsCloseAt: {
    legend: "When do comments close?",
    hint: "On or after the end of the live week. After this, members can read but not comment.",
    time: "17:00",
  },
  catchUpUntil: {
    legend: "When does catch-up end?",
    hint: "On or after the day comments close. After this, the run's discussions are no longer available.",
    time: "17:00",
  },
};

interface DateTimeDraft {
  date: DateParts;
  time: string;
}

interface Draft {
  courseId: string;
  title: string;
  dates: Record<RunDateField, DateTimeDraft>;
  facilitatorIds: string[];
}

function draftFrom(overview: RunOverview | null, myId: string | null, iAmFacilitator: boolean): Draft {
  const dates = Object.fromEntries(
    RUN_DATE_FIELDS.map((f) => {
      const value = overview?.ukDates[f];
      return [
        f,
        value
          ? { date: datePartsFrom(value.slice(0, 10)), time: value.slice(11, 16) }
          : { date: emptyDateParts, time: DATE_QUESTIONS[f].time },
      ];
    }),
  ) as Record<RunDateField, DateTimeDraft>;
  return {
    courseId: overview?.run.courseId ?? "",
    title: overview?.run.title ?? "",
    dates,
    facilitatorIds: overview
      ? overview.run.facilitators.map((f) => f.id)
      : iAmFacilitator && myId
        ? [myId]
        : [],
  };
}

/** "9:00", "09:00", "9.00" → "09:00"; null when it is not a time of day. */
function timeFrom(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

function validate(draft: Draft, creating: boolean): { errors: FieldErrors; input: RunCreateInputRaw | null } {
  const errors: FieldErrors = {};
  if (creating && !draft.courseId) errors.courseId = "Choose the mini-course this run is for";
  const title = draft.title.trim();
  if (!title) errors.title = "Enter a title for the run";
  else if (title.length > RUN_TITLE_MAX)
    errors.title = `The title must be ${RUN_TITLE_MAX} characters or fewer`;
  const values: Partial<Record<RunDateField, string>> = {};
  for (const f of RUN_DATE_FIELDS) {
    const what = DATE_QUESTIONS[f].legend.replace(/^When (does|do) /, "").replace(/\?$/, "");
    const date = isoDateFrom(draft.dates[f].date, `the date ${what}`);
    const time = timeFrom(draft.dates[f].time);
    if (date.error !== undefined) errors[f] = date.error;
    else if (!time) errors[f] = "Enter a time in the 24-hour clock, like 09:00 or 17:30";
    else values[f] = `${date.date}T${time}`;
  }
  if (RUN_DATE_FIELDS.every((f) => values[f])) {
    const problems = runDateOrderProblems(values as Record<RunDateField, string>);
    for (const f of RUN_DATE_FIELDS) if (problems[f] && !errors[f]) errors[f] = problems[f];
  }
  if (Object.keys(errors).length > 0) return { errors, input: null };
  const dates = values as Record<RunDateField, string>;
  return {
    errors,
    input: { courseId: draft.courseId, title, ...dates, facilitatorIds: draft.facilitatorIds },
  };
}

/** Schedule a run (overview null) or change one: course, title, the five dates with times, facilitators. */
export function RunForm({ options, overview }: { options: RunOptions; overview: RunOverview | null }) {
  const me = useMe();
  const myId = me.data?.id ?? null;
  const iAmFacilitator = me.data?.roles.some((r) => r.role === "facilitator") ?? false;
  const title = overview ? "Change a course run" : "Schedule a course run";
  const navigate = useNavigate();
  const save = useSaveRun(overview?.run.id ?? null);
  const form = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(overview, myId, iAmFacilitator));
  usePageTitle(title, form.summary.length > 0);

  const setDate = (f: RunDateField, value: Partial<DateTimeDraft>) =>
    setDraft((d) => ({ ...d, dates: { ...d.dates, [f]: { ...d.dates[f], ...value } } }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { errors, input } = validate(draft, overview === null);
    if (form.showFieldErrors(errors) || !input || save.isPending) return;
    const { courseId, ...changes } = input;
    save.mutate(overview ? changes : input, {
      onSuccess: (saved) =>
        navigate(runOverviewPath(saved.id), {
          state: flash(overview ? "Run changed" : "Run scheduled", `${saved.title} is saved.`),
        }),
      onError: form.showFailure,
    });
  };

  const facilitatorOptions: CheckboxOption[] = options.facilitators.map((f) => ({
    value: f.id,
    label: f.id === myId ? `${f.name} (you)` : f.name,
  }));
  const back = overview ? runOverviewPath(overview.run.id) : FACILITATE_PATH;

  return (
    <>
      <BackLink to={back}>{overview ? overview.run.title : "Facilitate"}</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          {overview ? <span className="nhsuk-caption-l">{overview.run.courseTitle}</span> : null}
          <h1>{title}</h1>
          <p>
            Dates and times are UK time. Learners see the dates on the course page and their course outline.
          </p>
          <form noValidate onSubmit={submit}>
            {overview ? null : (
              <Select
                id="courseId"
                label="Mini-course"
                hint="Runs are for mini-courses only."
                options={[
                  { value: "", label: "Choose a mini-course" },
                  ...options.courses.map((c) => ({ value: c.id, label: c.title })),
                ]}
                value={draft.courseId}
                onChange={(courseId) => setDraft((d) => ({ ...d, courseId }))}
                error={form.errors.courseId}
              />
            )}
            <TextInput
              id="title"
              label="Title of the run"
              hint={`For example, "March 2027". Up to ${RUN_TITLE_MAX} characters.`}
              value={draft.title}
              onChange={(value) => setDraft((d) => ({ ...d, title: value }))}
              error={form.errors.title}
            />
            {RUN_DATE_FIELDS.map((f) => (
              <div key={f}>
                <DateInput
                  id={f}
                  legend={DATE_QUESTIONS[f].legend}
                  legendSize="s"
                  hint={`${DATE_QUESTIONS[f].hint} For example, 3 3 2027.`}
                  value={draft.dates[f].date}
                  onChange={(date) => setDate(f, { date })}
                  error={form.errors[f]}
                />
                <TextInput
                  id={`${f}-time`}
                  label="Time (UK)"
                  hint="24-hour clock, like 09:00 or 17:30"
                  width={5}
                  inputMode="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={draft.dates[f].time}
                  onChange={(time) => setDate(f, { time })}
                />
              </div>
            ))}
            <Checkboxes
              name="facilitatorIds"
              legend="Facilitators"
              legendSize="m"
              hint="People with the facilitator role. They are named on the course page and can moderate the run."
              options={facilitatorOptions}
              values={draft.facilitatorIds}
              onChange={(facilitatorIds) => setDraft((d) => ({ ...d, facilitatorIds }))}
              error={form.errors.facilitatorIds}
            />
            <Button busy={save.isPending}>{overview ? "Save changes" : "Schedule run"}</Button>
          </form>
          <p>
            <Link to={back}>Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
