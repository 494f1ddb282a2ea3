import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { BenefitDetail, BenefitList } from "../../../../shared/implementation-benefits";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { ErrorSummary } from "../../../components/error-summary";
import { WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useBenefit, useBenefitList, useUpdateBenefit } from "../api/benefits";
import {
  BENEFIT_FORM_FIELDS,
  type BenefitDraft,
  BenefitForm,
  draftFromBenefit,
  readBenefitDraft,
} from "../components/benefit-form";
import { benefitPaths } from "../components/benefit-words";

/** The form once both the benefit and the registration's choices have loaded. */
function EditForm({ detail, choices }: { detail: BenefitDetail; choices: BenefitList }) {
  const navigate = useNavigate();
  const update = useUpdateBenefit(detail.benefit.id);
  const form = useFormErrors(BENEFIT_FORM_FIELDS);
  const [draft, setDraft] = useState<BenefitDraft>(() => draftFromBenefit(detail));
  const b = detail.benefit;
  usePageTitle(`Change ${b.title}`, form.summary.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, errors } = readBenefitDraft(draft);
    if (form.showFieldErrors(errors)) return;
    update.mutate(
      { ...input, revision: b.revision },
      {
        onSuccess: (result) =>
          navigate(benefitPaths.benefit(b.id), {
            state: flash(
              result.message,
              result.returnedForSignOff
                ? "The finance leads have been asked to check the new figures. Until they sign it off, its realised value does not count."
                : undefined,
            ),
          }),
        onError: (error) => form.showFailure(error),
      },
    );
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Breadcrumbs
          items={[
            { to: benefitPaths.registration(detail.registration.id), text: "Programme implementation" },
            { to: benefitPaths.list(detail.registration.id), text: "Benefits" },
            { to: benefitPaths.benefit(b.id), text: b.title },
          ]}
        />
        <ErrorSummary errors={form.summary} />
        <span className="nhsuk-caption-l">{b.team.name}</span>
        <h1>Change the benefit</h1>
        {b.status === "signed_off" || b.status === "rejected" ? (
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">
              {b.status === "signed_off" ? "This benefit is signed off" : "This benefit was rejected"}
            </WarningCallout.Heading>
            <p>
              If you change its figures, dates, method or category, it goes back to awaiting sign-off and a
              finance lead needs to check it again.
            </p>
          </WarningCallout>
        ) : null}
        <BenefitForm
          choices={choices}
          draft={draft}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          errors={form.errors}
          onSubmit={submit}
          busy={update.isPending}
          submitLabel="Save changes"
          teamLocked
        >
          <p>
            <Link to={benefitPaths.benefit(b.id)}>Cancel</Link>
          </p>
        </BenefitForm>
      </div>
    </div>
  );
}

/** Change a benefit: the form prefilled; saving a signed-off benefit's figures sends it back for sign-off. */
export function EditBenefitPage() {
  const { benefitId = "" } = useParams();
  const benefit = useBenefit(benefitId);
  const registrationId = benefit.data?.registration.id ?? "";
  const list = useBenefitList(registrationId);
  if (benefit.isPending || (registrationId && list.isPending))
    return <LoadingPage title="Change the benefit" />;
  if (benefit.isError)
    return (
      <ProblemPage
        title={isApiError(benefit.error, 404) ? "Benefit not found" : "Sorry, there is a problem"}
        message={benefit.error.message}
      />
    );
  if (list.isError) return <ProblemPage title="Sorry, there is a problem" message={list.error.message} />;
  if (!list.data) return <LoadingPage title="Change the benefit" />;
  if (!benefit.data.myAccess.canEdit)
    return (
      <ProblemPage
        title="You cannot change this benefit"
        message={`Only ${benefit.data.benefit.team.name}'s team leader, the programme lead or a finance lead can change it.`}
      />
    );
  return <EditForm detail={benefit.data} choices={list.data} />;
}
