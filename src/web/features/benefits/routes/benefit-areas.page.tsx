import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { BENEFIT_AREAS_MAX, type BenefitAreas } from "../../../../shared/implementation-benefits";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { RegistrationNav } from "../../../components/implementation-nav";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useBenefitAreas, useSaveBenefitAreas } from "../api/benefits";
import { benefitPaths } from "../components/benefit-words";

interface AreaDraft {
  key: string;
  id?: string;
  label: string;
  benefitCount: number;
}

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

/** The editor once the areas have loaded. */
function AreasForm({ registrationId, areas }: { registrationId: string; areas: BenefitAreas }) {
  const save = useSaveBenefitAreas(registrationId);
  const [rows, setRows] = useState<AreaDraft[]>(() =>
    areas.areas.map((a) => ({ key: a.id, id: a.id, label: a.label, benefitCount: a.benefitCount })),
  );
  const fields = rows.map((_, i) => `areas.${i}.label`);
  const form = useFormErrors([...fields, "areas"]);
  const [saved, setSaved] = useState(false);
  usePageTitle("Benefit areas", form.summary.length > 0);

  const update = (index: number, patch: Partial<AreaDraft>) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) =>
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const errors: Record<string, string> = {};
    rows.forEach((row, i) => {
      if (!row.label.trim()) errors[`areas.${i}.label`] = `Enter a name for area ${i + 1}`;
    });
    if (form.showFieldErrors(errors)) return;
    save.mutate(
      { areas: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), label: r.label.trim() })) },
      {
        onSuccess: (result) => {
          setRows(
            result.areas.map((a) => ({ key: a.id, id: a.id, label: a.label, benefitCount: a.benefitCount })),
          );
          form.showFieldErrors({});
          setSaved(true);
        },
        onError: (error) => form.showFailure(error),
      },
    );
  };

  return (
    <>
      {saved ? <NotificationBanner heading="Benefit areas saved" /> : null}
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">{areas.organisationName}</span>
      <h1>Benefit areas</h1>
      <RegistrationNav registrationId={registrationId} />
      <p>
        Benefits are grouped in these areas, like a balanced scorecard. You can rename them, change their
        order, add up to {BENEFIT_AREAS_MAX}, and remove any that hold no benefits.
      </p>
      <form onSubmit={submit} noValidate>
        {rows.map((row, i) => (
          <div key={row.key} className="nhsuk-u-margin-bottom-4">
            <TextInput
              id={`areas.${i}.label`}
              label={`Area ${i + 1}`}
              hint={
                row.benefitCount > 0
                  ? `Holds ${row.benefitCount} ${row.benefitCount === 1 ? "benefit" : "benefits"}, so it cannot be removed`
                  : undefined
              }
              error={form.errors[`areas.${i}.label`]}
              value={row.label}
              onChange={(label) => update(i, { label })}
              width={30}
            />
            <div className="nhsuk-button-group">
              {i > 0 ? (
                <Button type="button" variant="secondary" small onClick={() => move(i, -1)}>
                  Move up<span className="nhsuk-u-visually-hidden"> {row.label}</span>
                </Button>
              ) : null}
              {i < rows.length - 1 ? (
                <Button type="button" variant="secondary" small onClick={() => move(i, 1)}>
                  Move down<span className="nhsuk-u-visually-hidden"> {row.label}</span>
                </Button>
              ) : null}
              {row.benefitCount === 0 && rows.length > 1 ? (
                <Button
                  type="button"
                  variant="secondary"
                  small
                  onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
                >
                  Remove<span className="nhsuk-u-visually-hidden"> {row.label}</span>
                </Button>
              ) : null}
            </div>
          </div>
        ))}
        {rows.length < BENEFIT_AREAS_MAX ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => setRows((all) => [...all, { key: newKey(), label: "", benefitCount: 0 }])}
          >
            Add another area
          </Button>
        ) : null}
        <div>
          <Button busy={save.isPending}>Save benefit areas</Button>
        </div>
      </form>
      <p>
        <Link to={benefitPaths.list(registrationId)}>Back to benefits</Link>
      </p>
    </>
  );
}

/** Programme leads rename, reorder, add and remove the organisation's benefit areas. */
export function BenefitAreasPage() {
  const { registrationId = "" } = useParams();
  const areas = useBenefitAreas(registrationId);
  if (areas.isPending) return <LoadingPage title="Benefit areas" />;
  if (areas.isError)
    return (
      <ProblemPage
        title={
          isApiError(areas.error, 404) ? "Programme registration not found" : "Sorry, there is a problem"
        }
        message={areas.error.message}
      />
    );
  if (!areas.data.canManage)
    return (
      <ProblemPage
        title="You cannot change the benefit areas"
        message="Only the organisation's programme lead can."
      >
        <p>
          The areas are: {areas.data.areas.map((a) => a.label).join(", ")}.{" "}
          <Link to={benefitPaths.list(registrationId)}>Back to benefits</Link>
        </p>
      </ProblemPage>
    );
  return <AreasForm registrationId={registrationId} areas={areas.data} />;
}
