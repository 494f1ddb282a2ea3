import { useState } from "react";
import { type Me, SECTOR_LABELS, SECTORS, type Sector } from "../../../../shared/accounts";
import {
  type OrganisationChoice,
  OrganisationPicker,
  organisationLabel,
  validateOrganisationChoice,
} from "../../../components/organisation-picker";
import { LoadingPage } from "../../../components/page-state";
import { QuestionPage } from "../../../components/question-page";
import { Radios } from "../../../components/radios";
import { useMe } from "../../../lib/use-me";
import { organisationRequired } from "../components/registration.context";
import { useProfileForm } from "../components/use-profile-form";

const FIELDS = ["sector", "organisationId", "organisationName"] as const;

function initialChoice(me: Me): OrganisationChoice {
  return {
    search: "",
    organisationId: me.organisation?.id ?? null,
    organisationLabel: me.organisation ? organisationLabel(me.organisation) : null,
    notListed: !me.organisation && Boolean(me.organisationName),
    organisationName: me.organisationName ?? "",
  };
}

function OrganisationForm({ me }: { me: Me }) {
  const [sector, setSector] = useState<Sector>(me.sector);
  const [choice, setChoice] = useState(() => initialChoice(me));
  const form = useProfileForm(FIELDS, "Your sector and organisation have been changed");

  const submit = () => {
    if (form.showFieldErrors(validateOrganisationChoice(choice, organisationRequired(sector)))) return;
    form.save({
      sector,
      organisationId: choice.notListed ? null : choice.organisationId,
      organisationName: choice.notListed ? choice.organisationName.trim() : null,
    });
  };

  return (
    <QuestionPage
      title="Change your sector and organisation"
      backTo="/account"
      errors={form.summary}
      onSubmit={submit}
      submitLabel="Save changes"
      busy={form.busy}
    >
      <h1>Change your sector and organisation</h1>
      <Radios
        name="sector"
        legend="Which sector do you work in?"
        hint="This decides what you pay for courses."
        options={SECTORS.map((value) => ({ value, label: SECTOR_LABELS[value] }))}
        value={sector}
        onChange={(value) => setSector(SECTORS.find((s) => s === value) ?? sector)}
        error={form.errors.sector}
      />
      <OrganisationPicker
        legend="Which organisation do you work for?"
        hint={
          organisationRequired(sector)
            ? "Search for your employer."
            : "This is optional for students and independent learners."
        }
        value={choice}
        onChange={setChoice}
        errors={form.errors}
      />
    </QuestionPage>
  );
}

/** /account/organisation: sector and organisation together, since one decides whether the other is needed. */
export function AccountOrganisationPage() {
  const { data: me } = useMe();
  return me ? <OrganisationForm me={me} /> : <LoadingPage title="Change your sector and organisation" />;
}
