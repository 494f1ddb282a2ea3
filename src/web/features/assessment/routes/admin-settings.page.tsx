import { type FormEvent, useState } from "react";
import {
  NEW_ASSESSOR_DECISIONS_MAX,
  type VerificationSettings,
  VerificationSettingsUpdateSchema,
} from "../../../../shared/assessment";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { validateFields } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useSaveVerificationSettings, useVerificationSettings } from "../api/settings";

const FIELDS = ["samplePercent", "newAssessorDecisions"] as const;
const TITLE = "Internal verification sampling";

/** A whole number as typed ("20", " 20 "), or the text itself so the schema's message explains what is wrong. */
function asNumber(value: string): number | string {
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function SettingsForm({ settings }: { settings: VerificationSettings }) {
  const save = useSaveVerificationSettings();
  const [percent, setPercent] = useState(String(settings.samplePercent));
  const [count, setCount] = useState(String(settings.newAssessorDecisions));
  const [saved, setSaved] = useState(0);
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);
  usePageTitle(TITLE, summary.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const samplePercent = asNumber(percent);
    const newAssessorDecisions = asNumber(count);
    const fieldErrors = validateFields({
      samplePercent: [VerificationSettingsUpdateSchema.shape.samplePercent, samplePercent],
      newAssessorDecisions: [
        VerificationSettingsUpdateSchema.shape.newAssessorDecisions,
        newAssessorDecisions,
      ],
    });
    if (showFieldErrors(fieldErrors)) return;
    if (typeof samplePercent !== "number" || typeof newAssessorDecisions !== "number") return;
    save.mutate(
      { samplePercent, newAssessorDecisions },
      { onSuccess: () => setSaved((n) => n + 1), onError: showFailure },
    );
  };

  return (
    <>
      <BackLink to="/admin/assessment">Assessment allocation</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {saved > 0 ? (
            <NotificationBanner key={saved} heading="Sampling settings saved">
              <p>New decisions are sampled with these settings from now on.</p>
            </NotificationBanner>
          ) : null}
          <ErrorSummary errors={summary} />
          <h1>{TITLE}</h1>
          <p>
            A sampled decision waits for an internal verifier before it takes effect. A decision made again
            after a verifier overturned one is always sampled.
          </p>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="samplePercent"
              label="Percentage of decisions to sample"
              hint="A whole number from 0 to 100. Each decision is drawn at random, so over time about this share is sampled."
              error={errors.samplePercent}
              value={percent}
              onChange={setPercent}
              inputMode="numeric"
              width={3}
            />
            <TextInput
              id="newAssessorDecisions"
              label="How many of each new assessor's first decisions to sample"
              hint={`A whole number from 0 to ${NEW_ASSESSOR_DECISIONS_MAX}. These are always sampled, whatever the percentage.`}
              error={errors.newAssessorDecisions}
              value={count}
              onChange={setCount}
              inputMode="numeric"
              width={3}
            />
            <Button busy={save.isPending}>Save settings</Button>
          </form>
          <p className="nhsuk-body-s">
            Last changed {formatDateTime(save.data?.updatedAt ?? settings.updatedAt)}
            {(save.data?.updatedBy ?? settings.updatedBy)
              ? ` by ${(save.data?.updatedBy ?? settings.updatedBy)?.name}`
              : ""}
            .
          </p>
        </div>
      </div>
    </>
  );
}

/** /admin/assessment/settings: the sample percentage and the new-assessor count. */
export function AdminSettingsPage() {
  const settings = useVerificationSettings();
  if (settings.isPending) return <LoadingPage title={TITLE} />;
  if (settings.isError) return <ProblemPage title={TITLE} message={settings.error.message} />;
  return <SettingsForm settings={settings.data} />;
}
