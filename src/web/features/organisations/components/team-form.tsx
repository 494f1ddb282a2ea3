import { type FormEvent, useEffect, useState } from "react";
import type { TeamChoices } from "../../../../shared/organisations";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { type RadioOption, Radios } from "../../../components/radios";
import type { FormErrors } from "../../../lib/use-form-errors";
import { typeLabel } from "./organisation-words";

const NO_TEAM = "none";

/** Radios of the teams and units under an organisation, plus "No team", and a save button. */
export function TeamForm({
  choices,
  legend,
  hint,
  form,
  busy,
  onSave,
}: {
  choices: TeamChoices;
  legend: string;
  hint: string;
  form: FormErrors;
  busy: boolean;
  onSave: (teamId: string | null) => void;
}) {
  const [value, setValue] = useState(choices.team?.id ?? NO_TEAM);
  useEffect(() => setValue(choices.team?.id ?? NO_TEAM), [choices.team?.id]);
  const options: RadioOption[] = [
    ...choices.choices.map((c) => ({
      value: c.id,
      label: c.name,
      hint: c.path === c.name ? typeLabel(c.type) : `${typeLabel(c.type)}: ${c.path}`,
    })),
    { value: NO_TEAM, label: "No team", dividerBefore: choices.choices.length > 0 },
  ];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    onSave(value === NO_TEAM ? null : value);
  };

  return (
    <>
      <ErrorSummary errors={form.summary} />
      <form noValidate onSubmit={submit}>
        <Radios
          name="teamId"
          legend={legend}
          isPageHeading
          hint={hint}
          error={form.errors.teamId}
          options={options}
          value={value}
          onChange={setValue}
        />
        <Button busy={busy}>Save team</Button>
      </form>
    </>
  );
}
