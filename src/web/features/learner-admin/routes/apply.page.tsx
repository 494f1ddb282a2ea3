import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  ApplicationCreateSchema,
  LEARNER_ADMIN_TEXT_MAX,
  NOMINEE_FIELDS,
  NOMINEE_ROLE_LABELS,
  NOMINEE_ROLE_PHRASES,
  NOMINEE_ROLES,
  type NomineeRole,
} from "../../../../shared/learner-admin";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useApply, useLearnerAdminOverview } from "../api/learner-admin";

const TITLE = "Apply for learner administrator access";

const NOMINEE_HINTS: Record<NomineeRole, string> = {
  line_manager: "The person you report to.",
  caldicott_guardian:
    "The person responsible for protecting patient and staff information in your organisation.",
  hr_lead: "Someone in HR, or in learning and development, who knows your role.",
};

const FIELDS = [
  "organisationId",
  "reason",
  ...NOMINEE_ROLES.flatMap((role) => [NOMINEE_FIELDS[role].name, NOMINEE_FIELDS[role].email]),
] as const;

type Values = Record<(typeof FIELDS)[number], string>;

const CHECK_TITLE = "Check your answers before sending your application";

/**
 * /account/learner-administrator/apply: the organisation, the reason and three nominees on one page, then (?step=check)
 * the answers to check, each with a Change link back to its field (?change=<field>), then Send application.
 */
export function ApplyPage() {
  const overview = useLearnerAdminOverview();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const apply = useApply();
  const [values, setValues] = useState<Partial<Values>>({});
  const { errors, summary, showFieldErrors, showFailure, showSummary } = useFormErrors(FIELDS);
  const changing = params.get("change");
  const wantsCheck = params.get("step") === "check";
  const complete = ApplicationCreateSchema.safeParse(values);
  const checking = wantsCheck && complete.success;
  usePageTitle(checking ? CHECK_TITLE : TITLE, summary.length > 0);

  useEffect(() => {
    // A Change link lands on the form with the focus on the answer to change.
    if (changing) document.getElementById(changing)?.focus();
  }, [changing]);

  if (overview.isPending) return <LoadingPage title={TITLE} />;
  if (overview.isError) return <ProblemPage title={TITLE} message={overview.error.message} />;
  const { organisations, cannotApply } = overview.data;
  if (cannotApply)
    return (
      <ProblemPage title="You cannot apply yet" message={cannotApply}>
        <p>
          <Link to="/account">Go to your account</Link>
        </p>
      </ProblemPage>
    );

  const preset = organisations.find((o) => o.id === params.get("organisationId"))?.id;
  const organisationId =
    values.organisationId ?? preset ?? (organisations.length === 1 ? organisations[0]?.id : "");
  const value = (field: (typeof FIELDS)[number]) =>
    field === "organisationId" ? (organisationId ?? "") : (values[field] ?? "");
  const set = (field: (typeof FIELDS)[number]) => (v: string) => setValues((old) => ({ ...old, [field]: v }));

  const toCheck = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const shape = ApplicationCreateSchema.shape;
    const checks = Object.fromEntries(
      FIELDS.map((f) => [f, [shape[f], value(f)] as [(typeof shape)[typeof f], string]]),
    );
    if (showFieldErrors(validateFields(checks))) return;
    setValues(Object.fromEntries(FIELDS.map((f) => [f, value(f)])));
    navigate("?step=check");
    window.scrollTo(0, 0);
  };

  if (checking) {
    const body = complete.data;
    const organisationName = organisations.find((o) => o.id === body.organisationId)?.name ?? "";
    const change = (field: (typeof FIELDS)[number], what: string) => (
      <SummaryList.Action asElement={Link} to={`?change=${field}`} visuallyHiddenText={what}>
        Change
      </SummaryList.Action>
    );
    const send = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (apply.isPending) return;
      apply.mutate(body, {
        onSuccess: () =>
          navigate("/account/learner-administrator", {
            replace: true,
            state: flash(
              "Application sent",
              "We have emailed your three nominees a link to confirm. When all three have, a QI Academy administrator will decide. We will email you the decision.",
            ),
          }),
        onError: (error) => {
          const field = isApiError(error)
            ? error.details.find((d) => d.field && FIELDS.includes(d.field as (typeof FIELDS)[number]))?.field
            : undefined;
          if (field) {
            // The server refused an answer: back to the form, with the message against that field.
            showFailure(error);
            navigate(`?change=${field}`);
            return;
          }
          showSummary([{ message: error.message }]);
        },
      });
    };
    return (
      <>
        <BackLink to="?">Back</BackLink>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={summary} />
            <h1>{CHECK_TITLE}</h1>
            <SummaryList>
              <SummaryList.Row>
                <SummaryList.Key>Organisation</SummaryList.Key>
                <SummaryList.Value>{organisationName}</SummaryList.Value>
                {change("organisationId", "organisation")}
              </SummaryList.Row>
              <SummaryList.Row>
                <SummaryList.Key>Why you need access</SummaryList.Key>
                <SummaryList.Value>
                  <span className="app-pre-wrap">{body.reason}</span>
                </SummaryList.Value>
                {change("reason", "why you need access")}
              </SummaryList.Row>
              {NOMINEE_ROLES.map((role) => (
                <SummaryList.Row key={role}>
                  <SummaryList.Key>{NOMINEE_ROLE_LABELS[role]}</SummaryList.Key>
                  <SummaryList.Value>
                    {body[NOMINEE_FIELDS[role].name]}
                    <br />
                    <span className="app-break-anywhere">{body[NOMINEE_FIELDS[role].email]}</span>
                  </SummaryList.Value>
                  {change(NOMINEE_FIELDS[role].name, NOMINEE_ROLE_PHRASES[role])}
                </SummaryList.Row>
              ))}
            </SummaryList>
            <h2>Now send your application</h2>
            <p>
              When you select Send application, we will email each of the three people a link to confirm or
              decline. The links work for 14 days. You can see their answers, and send an email again, on your
              learner administrator access page.
            </p>
            <form noValidate onSubmit={send}>
              <Button busy={apply.isPending}>Send application</Button>
            </form>
          </div>
        </div>
      </>
    );
  }

  return (
    <>
      <BackLink to="/account/learner-administrator">Learner administrator access</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          <h1>{TITLE}</h1>
          <p>
            Learner administrators can see the names, email addresses, ESR numbers and learning progress of
            everyone in their organisation and the teams below it. Three people must confirm you need this
            before a QI Academy administrator decides. We email each of them a link that works for 14 days.
          </p>
          <form noValidate onSubmit={toCheck}>
            <Radios
              name="organisationId"
              legend="Which organisation do you need access to?"
              hint="Your own organisation, or a part of it. Access covers everything below the one you choose."
              error={errors.organisationId}
              options={organisations.map((o) => ({
                value: o.id,
                label: o.name,
                ...(o.depth > 0
                  ? { hint: o.depth === 1 ? "Part of your organisation" : "A team in your organisation" }
                  : {}),
              }))}
              value={organisationId ?? ""}
              onChange={set("organisationId")}
            />
            <CharacterCount
              id="reason"
              label="Why do you need learner administrator access?"
              labelSize="m"
              hint="For example, you report staff training to the board, or send completions to ESR. Your nominees will see this."
              value={value("reason")}
              onChange={set("reason")}
              error={errors.reason}
              maxLength={LEARNER_ADMIN_TEXT_MAX}
              rows={5}
            />
            {NOMINEE_ROLES.map((role) => (
              <fieldset key={role} className="nhsuk-fieldset nhsuk-u-margin-bottom-6">
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                  Your {NOMINEE_ROLE_PHRASES[role]}
                </legend>
                <div className="nhsuk-hint">{NOMINEE_HINTS[role]} It cannot be you.</div>
                <TextInput
                  id={NOMINEE_FIELDS[role].name}
                  label="Full name"
                  autoComplete="off"
                  value={value(NOMINEE_FIELDS[role].name)}
                  onChange={set(NOMINEE_FIELDS[role].name)}
                  error={errors[NOMINEE_FIELDS[role].name]}
                />
                <TextInput
                  id={NOMINEE_FIELDS[role].email}
                  label="Work email address"
                  type="email"
                  autoComplete="off"
                  spellCheck={false}
                  value={value(NOMINEE_FIELDS[role].email)}
                  onChange={set(NOMINEE_FIELDS[role].email)}
                  error={errors[NOMINEE_FIELDS[role].email]}
                />
              </fieldset>
            ))}
            <Button>Continue</Button>
          </form>
        </div>
      </div>
    </>
  );
}
