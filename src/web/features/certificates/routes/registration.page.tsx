import { type FormEvent, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import {
  REGISTRATION_NUMBER_MAX,
  type Registration,
  RegistrationSetSchema,
} from "../../../../shared/certificates";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { toQueryString } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useRegistration, useSetRegistration } from "../api/certificates";

function RegistrationForm({ registration, backTo }: { registration: Registration; backTo: string }) {
  const navigate = useNavigate();
  const save = useSetRegistration(registration.learner.id);
  const [value, setValue] = useState(registration.registrationNumber ?? "");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["registrationNumber"]);
  usePageTitle(`Awarding body registration number for ${registration.learner.name}`, summary.length > 0);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      showFieldErrors(
        validateFields({ registrationNumber: [RegistrationSetSchema.shape.registrationNumber, value] }),
      ) ||
      save.isPending
    )
      return;
    save.mutate(
      { registrationNumber: value.trim() },
      {
        onSuccess: (saved) =>
          void navigate(backTo, {
            state: flash(
              "Registration number saved",
              `${saved.learner.name}'s registration number is ${saved.registrationNumber}.`,
            ),
          }),
        onError: showFailure,
      },
    );
  };
  return (
    <>
      <BackLink to={backTo}>Awarding body claims</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          <span className="nhsuk-caption-l">
            {registration.learner.name} ({registration.learner.email})
          </span>
          <form noValidate onSubmit={submit}>
            <TextInput
              id="registrationNumber"
              label="What is their awarding body registration number?"
              isPageHeading
              hint={`As the awarding body gave it: up to ${REGISTRATION_NUMBER_MAX} letters, numbers, spaces, hyphens and slashes, like ABC-12345/6.`}
              value={value}
              onChange={setValue}
              error={errors.registrationNumber}
              spellCheck={false}
              autoComplete="off"
            />
            {registration.recordedAt ? (
              <p className="nhsuk-body-s">
                Recorded on {formatDate(registration.recordedAt)}
                {registration.recordedBy ? ` by ${registration.recordedBy}` : ""}.
              </p>
            ) : null}
            <Button busy={save.isPending}>Save registration number</Button>
          </form>
        </div>
      </div>
    </>
  );
}

/** /admin/awarding-body/learners/:userId: record or change a learner's awarding body registration number. */
export function RegistrationPage() {
  const { userId = "" } = useParams();
  const [params] = useSearchParams();
  const backTo = `/admin/awarding-body${toQueryString({ from: params.get("from"), to: params.get("to") })}`;
  const registration = useRegistration(userId);
  if (registration.isPending) return <LoadingPage title="Awarding body registration number" />;
  if (registration.isError)
    return <ProblemPage title="Awarding body registration number" message={registration.error.message} />;
  return <RegistrationForm registration={registration.data} backTo={backTo} />;
}
