import { type FormEvent, useState } from "react";
import { TEAM_SETTING_LABELS, TEAM_SETTINGS, type TeamSetting } from "../../../../shared/implementation";
import { TEAM_NAME_MAX, TEAM_SIZE_MAX } from "../../../../shared/implementation-registrations";
import { Button } from "../../../components/button";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import type { FieldErrors } from "../../../lib/form-errors";
import type { FormErrors } from "../../../lib/use-form-errors";

/** The order of the team form's fields, for the error summary. */
export const TEAM_FIELDS = ["name", "setting", "leaderEmail", "size", "startedOn"] as const;

/** What the team form holds, as typed. */
export interface TeamFormValues {
  name: string;
  setting: string;
  leaderEmail: string;
  size: string;
  startedOn: DateParts;
}

/** An empty team form. */
export const emptyTeam: TeamFormValues = {
  name: "",
  setting: "",
  leaderEmail: "",
  size: "",
  startedOn: emptyDateParts,
};

/** A team's current values in the form. */
export function teamFormValues(team: {
  name: string;
  setting: TeamSetting;
  leader: { email: string } | null;
  size: number;
  startedOn: string;
}): TeamFormValues {
  return {
    name: team.name,
    setting: team.setting,
    leaderEmail: team.leader?.email ?? "",
    size: String(team.size),
    startedOn: datePartsFrom(team.startedOn),
  };
}

/** The checked values of the form, ready to send. */
export interface TeamFormOutput {
  name: string;
  setting: TeamSetting;
  leaderEmail: string;
  size: number;
  startedOn: string;
}

function check(
  values: TeamFormValues,
  withManagerFields: boolean,
): { errors: FieldErrors; output?: TeamFormOutput } {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = "Enter the team's name";
  else if (name.length > TEAM_NAME_MAX)
    errors.name = `The team's name must be ${TEAM_NAME_MAX} characters or fewer`;
  const setting = TEAM_SETTINGS.find((s) => s === values.setting);
  if (!setting) errors.setting = "Choose where the team works";
  const size = Number(values.size.trim());
  if (!values.size.trim()) errors.size = "Enter the number of people in the team";
  else if (!/^\d+$/.test(values.size.trim()) || size < 1 || size > TEAM_SIZE_MAX)
    errors.size = `Enter the team's size as a whole number from 1 to ${TEAM_SIZE_MAX.toLocaleString("en-GB")}`;
  let startedOn = "";
  if (withManagerFields) {
    const email = values.leaderEmail.trim();
    if (!email) errors.leaderEmail = "Enter the team leader's email address";
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.leaderEmail =
        "Enter the team leader's email address in the correct format, like name@example.nhs.uk";
    const date = isoDateFrom(values.startedOn, "the date the team started on the programme");
    if (date.date === undefined) errors.startedOn = date.error;
    else startedOn = date.date;
  }
  if (Object.keys(errors).length > 0 || !setting) return { errors };
  return { errors, output: { name, setting, leaderEmail: values.leaderEmail.trim(), size, startedOn } };
}

/**
 * A team's details. Programme leads set everything; a team's own leader (withManagerFields false) changes its name,
 * setting and size, and sees the leader and start date as text above the form.
 */
export function TeamForm({
  initial,
  withManagerFields,
  organisationName,
  submitLabel,
  busy,
  form,
  onSubmit,
}: {
  initial: TeamFormValues;
  withManagerFields: boolean;
  organisationName: string;
  submitLabel: string;
  busy: boolean;
  form: FormErrors;
  onSubmit: (output: TeamFormOutput) => void;
}) {
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof TeamFormValues>(key: K) =>
    (value: TeamFormValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { errors, output } = check(values, withManagerFields);
    if (form.showFieldErrors(errors) || !output || busy) return;
    onSubmit(output);
  };
  return (
    <>
      <ErrorSummary errors={form.summary} />
      <form noValidate onSubmit={submit}>
        <TextInput
          id="name"
          label="Team name"
          hint="For example, Northfield district nursing. Each team's name must be different."
          value={values.name}
          onChange={set("name")}
          error={form.errors.name}
        />
        <Select
          id="setting"
          label="Setting"
          hint="Where the team works."
          options={[
            { value: "", label: "Choose a setting" },
            ...TEAM_SETTINGS.map((s) => ({ value: s, label: TEAM_SETTING_LABELS[s] })),
          ]}
          value={values.setting}
          onChange={set("setting")}
          error={form.errors.setting}
        />
        {withManagerFields ? (
          <TextInput
            id="leaderEmail"
            type="email"
            label="Team leader's email address"
            hint={`They need a QI Academy account in ${organisationName} or a part of it. Team leaders see and change their own team only.`}
            autoComplete="off"
            spellCheck={false}
            value={values.leaderEmail}
            onChange={set("leaderEmail")}
            error={form.errors.leaderEmail}
          />
        ) : null}
        <TextInput
          id="size"
          label="Number of people in the team"
          hint={`From 1 to ${TEAM_SIZE_MAX.toLocaleString("en-GB")}.`}
          inputMode="numeric"
          width={4}
          value={values.size}
          onChange={set("size")}
          error={form.errors.size}
        />
        {withManagerFields ? (
          <DateInput
            id="startedOn"
            legend="When did the team start on the programme?"
            legendSize="m"
            hint="For example, 2 3 2026. Module dates cannot be earlier than this. It cannot be in the future."
            value={values.startedOn}
            onChange={set("startedOn")}
            error={form.errors.startedOn}
          />
        ) : null}
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </form>
    </>
  );
}
