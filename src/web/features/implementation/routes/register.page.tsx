import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useMe } from "../../../lib/use-me";
import { useRegister, useRegistrableProgrammes } from "../api/implementation";
import { ImplementationCrumbs, paths } from "../components/implementation-bits";

const TITLE = "Register your organisation on a programme";
const FIELDS = ["programmeId", "organisationId", "executiveSponsorEmail", "programmeLeadEmail"] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** /implementation/register: programme, organisation (mine or above), executive sponsor and programme lead. */
export function RegisterPage() {
  const options = useRegistrableProgrammes();
  const me = useMe();
  const register = useRegister();
  const navigate = useNavigate();
  const form = useFormErrors(FIELDS);
  const [programmeId, setProgrammeId] = useState("");
  const [organisationId, setOrganisationId] = useState("");
  const [sponsor, setSponsor] = useState("");
  const [lead, setLead] = useState("");
  usePageTitle(TITLE, form.summary.length > 0);

  const myEmail = me.data?.email ?? "";
  const ownOrganisation = options.data?.organisations.find((o) => o.own)?.id ?? "";
  useEffect(() => {
    if (myEmail) setLead((current) => current || myEmail);
  }, [myEmail]);
  useEffect(() => {
    if (ownOrganisation) setOrganisationId((current) => current || ownOrganisation);
  }, [ownOrganisation]);

  if (options.isPending) return <LoadingPage title={TITLE} />;
  if (options.isError)
    return <ProblemPage title="Sorry, there is a problem" message={options.error.message} />;
  const { programmes, organisations } = options.data;

  if (organisations.length === 0)
    return (
      <>
        <ImplementationCrumbs />
        <h1>{TITLE}</h1>
        <p>
          Your account does not say which organisation you work for, so you cannot register one yet. Choose
          your organisation in <Link to="/account/organisation">your account details</Link>, then come back.
        </p>
      </>
    );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!programmeId) errors.programmeId = "Choose a programme";
    if (!organisationId) errors.organisationId = "Choose the organisation to register";
    if (!EMAIL.test(sponsor.trim()))
      errors.executiveSponsorEmail = sponsor.trim()
        ? "Enter the executive sponsor's email address in the correct format, like name@example.nhs.uk"
        : "Enter the executive sponsor's email address";
    if (lead.trim() && !EMAIL.test(lead.trim()))
      errors.programmeLeadEmail =
        "Enter the programme lead's email address in the correct format, like name@example.nhs.uk";
    if (form.showFieldErrors(errors) || register.isPending) return;
    register.mutate(
      {
        programmeId,
        organisationId,
        executiveSponsorEmail: sponsor.trim(),
        ...(lead.trim() ? { programmeLeadEmail: lead.trim() } : {}),
      },
      {
        onSuccess: ({ id }) =>
          navigate(paths.registration(id), {
            state: flash(
              "Your organisation is registered",
              "You are its programme lead. Add your teams next, and order your box sets.",
            ),
          }),
        onError: form.showFailure,
      },
    );
  };

  return (
    <>
      <ImplementationCrumbs />
      <ErrorSummary errors={form.summary} />
      <h1>{TITLE}</h1>
      <p>
        You become the registration's programme lead: you add teams, name the people involved and order box
        sets. Everyone you name needs a QI Academy account in the organisation (or a part of it).
      </p>
      <form noValidate onSubmit={submit}>
        <Radios
          name="programmeId"
          legend="Which programme?"
          options={programmes.map((p) => ({
            value: p.id,
            label: p.title,
            hint: p.registered
              ? `Your organisation is already registered on this programme (${p.moduleCount} modules).`
              : `${p.moduleCount} modules in its house.`,
          }))}
          value={programmeId}
          onChange={setProgrammeId}
          error={form.errors.programmeId}
        />
        {programmes
          .filter((p) => p.registered && p.registrationId)
          .map((p) => (
            <p key={p.id}>
              <Link to={paths.registration(p.registrationId ?? "")}>
                View your organisation's registration on {p.title}
              </Link>
            </p>
          ))}
        <Select
          id="organisationId"
          label="Which organisation?"
          hint="Your own organisation or one above it. Register the organisation whose teams will take part."
          options={[
            { value: "", label: "Choose an organisation" },
            ...organisations.map((o) => ({ value: o.id, label: o.own ? `${o.name} (yours)` : o.name })),
          ]}
          value={organisationId}
          onChange={setOrganisationId}
          error={form.errors.organisationId}
        />
        <TextInput
          id="executiveSponsorEmail"
          type="email"
          label="Executive sponsor's email address"
          hint="The board member who sponsors the programme. They need a QI Academy account in this organisation."
          autoComplete="off"
          spellCheck={false}
          value={sponsor}
          onChange={setSponsor}
          error={form.errors.executiveSponsorEmail}
        />
        <TextInput
          id="programmeLeadEmail"
          type="email"
          label="Programme lead's email address"
          hint="You are a programme lead whatever you enter here. Enter someone else's address to name them as well."
          autoComplete="off"
          spellCheck={false}
          value={lead}
          onChange={setLead}
          error={form.errors.programmeLeadEmail}
        />
        <Button type="submit" busy={register.isPending}>
          Register
        </Button>
      </form>
    </>
  );
}
