import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { SECTOR_LABELS } from "../../../../shared/accounts";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList } from "../../../components/nhs";
import { ApiError } from "../../../lib/api-client";
import type { FieldErrors, SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { type RegisterBody, useRegister } from "../api/register";
import {
  organisationRequired,
  type RegistrationAnswers,
  type RegistrationStep,
  STEP_FOR_FIELD,
  useRegistration,
} from "../components/registration.context";
import { emailError, esrError, newPasswordError } from "../components/validation";

/** Problems with the answers as they stand, keyed by API field, before anything is sent. */
function missingAnswers(answers: RegistrationAnswers, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!answers.givenName) errors.givenName = "Enter your given name";
  if (!answers.familyName) errors.familyName = "Enter your family name";
  const email = emailError(answers.email);
  if (email) errors.email = email;
  if (!answers.sector) errors.sector = "Select the sector you work in";
  const org = answers.organisation;
  if (org.notListed && org.organisationName.trim().length < 2)
    errors.organisationName = "Enter the name of your organisation";
  if (!org.notListed && !org.organisationId && organisationRequired(answers.sector)) {
    errors.organisationId = "Choose your organisation";
  }
  const esr = esrError(answers.esrNumber);
  if (esr) errors.esrNumber = esr;
  const passwordProblem = newPasswordError(password, "Create a password");
  if (passwordProblem) errors.password = passwordProblem;
  return errors;
}

function toBody(answers: RegistrationAnswers, password: string): RegisterBody {
  const org = answers.organisation;
  const body: RegisterBody = {
    email: answers.email,
    password,
    givenName: answers.givenName,
    familyName: answers.familyName,
    // Checked by missingAnswers before this is called; the server validates it again.
    sector: answers.sector || "independent",
  };
  if (org.notListed && org.organisationName.trim()) body.organisationName = org.organisationName.trim();
  if (!org.notListed && org.organisationId) body.organisationId = org.organisationId;
  if (answers.jobRole.trim()) body.jobRole = answers.jobRole.trim();
  if (answers.esrNumber.trim()) body.esrNumber = answers.esrNumber.trim();
  return body;
}

const FIELD_ORDER = Object.keys(STEP_FOR_FIELD);

function toSummary(errors: FieldErrors): SummaryError[] {
  return FIELD_ORDER.filter((field) => errors[field]).map((field) => {
    const step: RegistrationStep = STEP_FOR_FIELD[field] ?? "name";
    return { to: `/register/${step}?from=check`, message: errors[field] ?? "" };
  });
}

/** /register/check: every answer with a Change link, then Create account. */
export function RegisterCheckPage() {
  const navigate = useNavigate();
  const { answers, password, setServerErrors, reset } = useRegistration();
  const register = useRegister();
  const [summary, setSummary] = useState<SummaryError[]>([]);
  usePageTitle("Check your answers before creating your account", summary.length > 0);

  const change = (step: RegistrationStep, what: string) => (
    <SummaryList.Action asElement={Link} to={`/register/${step}?from=check`} visuallyHiddenText={what}>
      Change
    </SummaryList.Action>
  );

  const org = answers.organisation;
  const organisationText = org.notListed
    ? `${org.organisationName} (not in our list)`
    : (org.organisationLabel ?? "Not given");

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (register.isPending) return;
    const missing = missingAnswers(answers, password);
    if (Object.keys(missing).length > 0) {
      setSummary(toSummary(missing));
      return;
    }
    const body = toBody(answers, password);
    register.mutate(body, {
      onSuccess: () => {
        reset();
        navigate("/register/done", { state: { email: body.email } });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.details.some((d) => d.field && STEP_FOR_FIELD[d.field])) {
          const fieldErrors: FieldErrors = {};
          const other: SummaryError[] = [];
          for (const detail of error.details) {
            if (detail.field && STEP_FOR_FIELD[detail.field]) fieldErrors[detail.field] ??= detail.message;
            else other.push({ message: detail.message });
          }
          setServerErrors(fieldErrors);
          setSummary([...toSummary(fieldErrors), ...other]);
          return;
        }
        setSummary([{ message: error.message }]);
      },
    });
  };

  return (
    <>
      <BackLink to="/register/password" />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          <h1>Check your answers before creating your account</h1>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Name</SummaryList.Key>
              <SummaryList.Value>
                {answers.givenName || answers.familyName
                  ? `${answers.givenName} ${answers.familyName}`
                  : "Not given"}
              </SummaryList.Value>
              {change("name", "name")}
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Email address</SummaryList.Key>
              <SummaryList.Value className="app-break-anywhere">
                {answers.email || "Not given"}
              </SummaryList.Value>
              {change("email", "email address")}
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Sector</SummaryList.Key>
              <SummaryList.Value>
                {answers.sector ? SECTOR_LABELS[answers.sector] : "Not given"}
              </SummaryList.Value>
              {change("sector", "sector")}
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Organisation</SummaryList.Key>
              <SummaryList.Value>{organisationText}</SummaryList.Value>
              {change("organisation", "organisation")}
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Job role</SummaryList.Key>
              <SummaryList.Value>{answers.jobRole || "Not given"}</SummaryList.Value>
              {change("job-role", "job role")}
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>ESR assignment number</SummaryList.Key>
              <SummaryList.Value>{answers.esrNumber || "Not given"}</SummaryList.Value>
              {change("esr", "ESR assignment number")}
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Password</SummaryList.Key>
              <SummaryList.Value>{password ? "Chosen (hidden)" : "Not chosen yet"}</SummaryList.Value>
              {change("password", "password")}
            </SummaryList.Row>
          </SummaryList>

          <h2>Now create your account</h2>
          <p>
            When you select Create account, we will email a link to {answers.email || "your email address"}.
            Use it within 24 hours to confirm your email address.
          </p>
          <form noValidate onSubmit={submit}>
            <Button busy={register.isPending}>Create account</Button>
          </form>
        </div>
      </div>
    </>
  );
}
