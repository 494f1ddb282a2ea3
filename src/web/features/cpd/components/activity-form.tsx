import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  CPD_EARLIEST_YEAR,
  CPD_REFLECTION_MAX,
  CPD_TITLE_MAX,
  type CpdActivity,
  type CpdActivityInputRaw,
  CpdActivityInputSchema,
} from "../../../../shared/cpd";
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
import { BackLink } from "../../../components/links";
import { TextInput } from "../../../components/text-input";
import { flash } from "../../../lib/flash";
import { type FieldErrors, zodFieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSaveCpdActivity } from "../api/save-cpd-activity";
import { activityPath, CPD_PATH } from "./cpd-paths";
import { amountFromText, ukToday } from "./cpd-words";

const FIELDS = ["title", "activityDate", "hours", "points", "reflection"] as const;

interface Draft {
  title: string;
  date: DateParts;
  hours: string;
  points: string;
  reflection: string;
}

function draftFrom(activity: CpdActivity | null): Draft {
  if (!activity) return { title: "", date: emptyDateParts, hours: "", points: "", reflection: "" };
  return {
    title: activity.title,
    date: datePartsFrom(activity.activityDate),
    hours: activity.hours === null ? "" : String(activity.hours),
    points: activity.points === null ? "" : String(activity.points),
    reflection: activity.reflection,
  };
}

/** The draft as the API takes it, or the errors that stop it being sent (the server checks everything again). */
function validate(draft: Draft): { errors: FieldErrors; input: CpdActivityInputRaw | null } {
  const errors: FieldErrors = {};
  const date = isoDateFrom(draft.date, "the date of the activity");
  const input: CpdActivityInputRaw = {
    title: draft.title,
    activityDate: date.date ?? "",
    hours: amountFromText(draft.hours),
    points: amountFromText(draft.points),
    reflection: draft.reflection,
  };
  const parsed = CpdActivityInputSchema.safeParse(input);
  if (!parsed.success) Object.assign(errors, zodFieldErrors(parsed.error));
  if (date.error !== undefined) errors.activityDate = date.error;
  else if (date.date > ukToday())
    errors.activityDate = "The date of the activity must be today or in the past";
  return { errors, input: Object.keys(errors).length === 0 ? input : null };
}

/** Add or change one of the learner's own CPD activities: title, date, hours and/or points, and a reflection. */
export function ActivityForm({ activity }: { activity: CpdActivity | null }) {
  const title = activity ? "Change a CPD activity" : "Add a CPD activity";
  const navigate = useNavigate();
  const save = useSaveCpdActivity(activity?.id ?? null);
  const form = useFormErrors(FIELDS);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(activity));
  usePageTitle(title, form.summary.length > 0);

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { errors, input } = validate(draft);
    if (form.showFieldErrors(errors) || !input || save.isPending) return;
    save.mutate(input, {
      onSuccess: (saved) =>
        navigate(activityPath(saved.id), {
          state: flash(
            activity ? "CPD activity changed" : "CPD activity added",
            "It is in your CPD record and its totals.",
          ),
        }),
      onError: form.showFailure,
    });
  };

  return (
    <>
      <BackLink to={activity ? activityPath(activity.id) : CPD_PATH}>
        {activity ? activity.title : "Your CPD record"}
      </BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <h1>{title}</h1>
          <p>
            Record learning you did outside QI Academy: reading, a workshop, a conference, coaching, or
            improvement work. Courses you complete here are added to your record automatically.
          </p>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="title"
              label="What did you do?"
              hint={`A short title, like "Read the Making Data Count guide". Up to ${CPD_TITLE_MAX} characters.`}
              value={draft.title}
              onChange={(value) => change("title", value)}
              error={form.errors.title}
            />
            <DateInput
              id="activityDate"
              legend="When did you do it?"
              legendSize="s"
              hint={`For example, 27 3 2026. Today or earlier, from ${CPD_EARLIEST_YEAR}.`}
              value={draft.date}
              onChange={(value) => change("date", value)}
              error={form.errors.activityDate}
            />
            <fieldset className="nhsuk-fieldset nhsuk-u-margin-bottom-4">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                How much CPD was it?
              </legend>
              <div className="nhsuk-hint">
                Enter the hours, the CPD points, or both. Use a decimal point for parts of an hour, like 1.5.
              </div>
              <TextInput
                id="hours"
                label="Hours"
                width={5}
                spellCheck={false}
                autoComplete="off"
                value={draft.hours}
                onChange={(value) => change("hours", value)}
                error={form.errors.hours}
              />
              <TextInput
                id="points"
                label="CPD points"
                width={5}
                spellCheck={false}
                autoComplete="off"
                value={draft.points}
                onChange={(value) => change("points", value)}
                error={form.errors.points}
              />
            </fieldset>
            <CharacterCount
              id="reflection"
              label="Reflection (optional)"
              labelSize="s"
              hint="What did you learn, and how will you use it in your work? You can use Markdown: **bold**, - for a list item."
              value={draft.reflection}
              onChange={(value) => change("reflection", value)}
              error={form.errors.reflection}
              maxLength={CPD_REFLECTION_MAX}
              rows={8}
            />
            <Button busy={save.isPending}>{activity ? "Save changes" : "Add activity"}</Button>
          </form>
          <p>
            <Link to={activity ? activityPath(activity.id) : CPD_PATH}>Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
