import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useBenefitList, useCreateBenefit } from "../api/benefits";
import {
  BENEFIT_FORM_FIELDS,
  type BenefitDraft,
  BenefitForm,
  emptyBenefitDraft,
  readBenefitDraft,
} from "../components/benefit-form";
import { benefitPaths } from "../components/benefit-words";

/** Record a benefit for a team: its module, area, title, whether it is cashable (and its figures), and dates. */
export function NewBenefitPage() {
  const { registrationId = "" } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const list = useBenefitList(registrationId);
  const create = useCreateBenefit();
  const form = useFormErrors(BENEFIT_FORM_FIELDS);
  const [draft, setDraft] = useState<BenefitDraft>(() => emptyBenefitDraft(params.get("teamId") ?? ""));
  usePageTitle("Record a benefit", form.summary.length > 0);

  if (list.isPending) return <LoadingPage title="Record a benefit" />;
  if (list.isError)
    return (
      <ProblemPage
        title={isApiError(list.error, 404) ? "Programme registration not found" : "Sorry, there is a problem"}
        message={list.error.message}
      />
    );
  const data = list.data;
  if (!data.myAccess.canRecord)
    return (
      <ProblemPage
        title="You cannot record benefits here"
        message="Only a team's leader, the programme lead or a finance lead can record a team's benefits."
      >
        <p>
          <Link to={benefitPaths.list(registrationId)}>Back to benefits</Link>
        </p>
      </ProblemPage>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, errors } = readBenefitDraft(draft);
    if (form.showFieldErrors(errors)) return;
    create.mutate(
      { ...input, teamId: draft.teamId },
      {
        onSuccess: (detail) =>
          navigate(benefitPaths.benefit(detail.benefit.id), {
            state: flash(
              `${detail.benefit.title} recorded`,
              detail.benefit.cashable
                ? "The organisation's finance leads have been asked to sign it off. Add evidence, such as stock counts or invoices, to help them."
                : "Add any evidence you have.",
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
            { to: benefitPaths.registration(registrationId), text: "Programme implementation" },
            { to: benefitPaths.list(registrationId), text: "Benefits" },
          ]}
        />
        <ErrorSummary errors={form.summary} />
        <span className="nhsuk-caption-l">{data.registration.organisationName}</span>
        <h1>Record a benefit</h1>
        <BenefitForm
          choices={data}
          draft={draft}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          errors={form.errors}
          onSubmit={submit}
          busy={create.isPending}
          submitLabel="Record benefit"
        />
      </div>
    </div>
  );
}
