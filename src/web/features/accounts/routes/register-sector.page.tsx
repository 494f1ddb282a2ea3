import { useState } from "react";
import { SECTOR_LABELS, SECTORS, type Sector } from "../../../../shared/accounts";
import { QuestionPage } from "../../../components/question-page";
import { Radios } from "../../../components/radios";
import { useFormErrors } from "../../../lib/use-form-errors";
import { organisationRequired } from "../components/registration.context";
import { useRegistrationStep } from "../components/use-registration-step";

const FIELDS = ["sector"] as const;

/** /register/sector: the sector decides what courses cost. */
export function RegisterSectorPage() {
  const { answers, update, backTo, next, fromCheck, serverErrors, clearServerErrors } =
    useRegistrationStep("sector");
  const [sector, setSector] = useState<Sector | "">(answers.sector);
  const { errors, summary, showFieldErrors } = useFormErrors(FIELDS, serverErrors);

  const submit = () => {
    if (!sector) {
      showFieldErrors({ sector: "Select the sector you work in" });
      return;
    }
    update({ sector });
    clearServerErrors([...FIELDS]);
    const org = answers.organisation;
    const needsOrganisation = organisationRequired(sector) && !org.organisationId && !org.notListed;
    // Changing to a sector that needs an organisation must not skip the organisation question.
    if (fromCheck && needsOrganisation) {
      next("organisation");
      return;
    }
    next();
  };

  return (
    <QuestionPage title="Which sector do you work in?" backTo={backTo} errors={summary} onSubmit={submit}>
      <Radios
        name="sector"
        legend="Which sector do you work in?"
        isPageHeading
        hint="This decides what you pay for courses. NHS England staff get the Introductory courses free."
        options={SECTORS.map((value) => ({ value, label: SECTOR_LABELS[value] }))}
        value={sector}
        onChange={(value) => setSector(SECTORS.find((s) => s === value) ?? "")}
        error={errors.sector}
      />
    </QuestionPage>
  );
}
