import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import {
  REGISTRATION_ROLE_LABELS,
  REGISTRATION_ROLES,
  type RegistrationRole,
  TEAM_SETTING_LABELS,
} from "../../../../shared/implementation";
import type { RegistrationDetail, RegistrationPerson } from "../../../../shared/implementation-registrations";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { RegistrationNav } from "../../../components/implementation-nav";
import { ActionLink } from "../../../components/links";
import { Table } from "../../../components/nhs";
import { LoadingPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { type FormErrors, useFormErrors } from "../../../lib/use-form-errors";
import { useAddPerson, useRegistration, useRemovePerson } from "../api/implementation";
import { ImplementationCrumbs, ImplementationProblem, paths } from "../components/implementation-bits";

const PERSON_FIELDS = ["email", "role"] as const;

const ROLE_HINTS: Record<RegistrationRole, string> = {
  programme_lead: "Manages the registration: people, teams, benefit areas and box sets.",
  executive_sponsor: "Sees every team and orders box sets.",
  finance_lead: "Sees every team, records cashable benefits and signs them off.",
};

/** A programme lead's form to name someone in a role by their email address. */
function AddPersonForm({ registration, form }: { registration: RegistrationDetail; form: FormErrors }) {
  const add = useAddPerson(registration.id);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("");
  const [added, setAdded] = useState<string | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(null);
    const errors: FieldErrors = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      errors.email = email.trim()
        ? "Enter an email address in the correct format, like name@example.nhs.uk"
        : "Enter their email address";
    const chosen = REGISTRATION_ROLES.find((r) => r === role);
    if (!chosen) errors.role = "Choose their role";
    if (form.showFieldErrors(errors) || !chosen || add.isPending) return;
    add.mutate(
      { email: email.trim(), role: chosen },
      {
        onSuccess: (person) => {
          setAdded(`${person.name} is now ${REGISTRATION_ROLE_LABELS[person.role].toLowerCase()}.`);
          setEmail("");
          setRole("");
        },
        onError: form.showFailure,
      },
    );
  };
  return (
    <>
      <ErrorSummary errors={form.summary} />
      {added ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{added}</p>
        </div>
      ) : null}
      <form noValidate onSubmit={submit}>
        <TextInput
          id="email"
          type="email"
          label="Email address"
          hint={`The address they sign in to QI Academy with. Their account must be in ${registration.organisation.name} or a part of it.`}
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={form.errors.email}
        />
        <Radios
          name="role"
          legend="Role"
          legendSize="s"
          small
          options={REGISTRATION_ROLES.map((r) => ({
            value: r,
            label: REGISTRATION_ROLE_LABELS[r],
            hint: ROLE_HINTS[r],
          }))}
          value={role}
          onChange={setRole}
          error={form.errors.role}
        />
        <Button type="submit" busy={add.isPending}>
          Add person
        </Button>
      </form>
    </>
  );
}

/** One person in one role, with Remove for programme leads. */
function PersonRow({
  registrationId,
  person,
  canManage,
  onError,
}: {
  registrationId: string;
  person: RegistrationPerson;
  canManage: boolean;
  onError: (error: unknown) => void;
}) {
  const remove = useRemovePerson(registrationId);
  return (
    <Table.Row>
      <Table.Cell>{REGISTRATION_ROLE_LABELS[person.role]}</Table.Cell>
      <Table.Cell>{person.name}</Table.Cell>
      <Table.Cell>
        <a href={`mailto:${person.email}`}>{person.email}</a>
      </Table.Cell>
      {canManage ? (
        <Table.Cell>
          <Button
            type="button"
            variant="secondary"
            small
            busy={remove.isPending}
            onClick={() => remove.mutate({ userId: person.userId, role: person.role }, { onError })}
          >
            Remove
            <span className="nhsuk-u-visually-hidden">
              {" "}
              {person.name} as {REGISTRATION_ROLE_LABELS[person.role].toLowerCase()}
            </span>
          </Button>
        </Table.Cell>
      ) : null}
    </Table.Row>
  );
}

/** /implementation/:registrationId: people by role and the teams, with the programme lead's actions. */
export function RegistrationPage() {
  const { registrationId = "" } = useParams();
  const query = useRegistration(registrationId);
  const removal = useFormErrors([]);
  // The add-person form's errors live here so the page title says "Error:" when it has them.
  const personForm = useFormErrors(PERSON_FIELDS);
  const title = query.data
    ? `${query.data.programme.title}: ${query.data.organisation.name}`
    : "Programme registration";
  usePageTitle(title, removal.summary.length > 0 || personForm.summary.length > 0);
  if (query.isPending) return <LoadingPage title="Programme registration" />;
  if (query.isError) return <ImplementationProblem error={query.error} />;
  const r = query.data;
  const canManage = r.access.canManage;
  return (
    <>
      <ImplementationCrumbs />
      <RegistrationNav registrationId={r.id} />
      <ErrorSummary errors={removal.summary} />
      <span className="nhsuk-caption-l">{r.organisation.name}</span>
      <h1>{r.programme.title}</h1>
      <p>Registered on {formatCalendarDate(r.registeredOn)}.</p>

      <h2>People</h2>
      <Table responsive caption="People named on this registration">
        <Table.Head>
          <Table.Row>
            <Table.Cell>Role</Table.Cell>
            <Table.Cell>Name</Table.Cell>
            <Table.Cell>Email</Table.Cell>
            {canManage ? (
              <Table.Cell>
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </Table.Cell>
            ) : null}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {r.people.map((p) => (
            <PersonRow
              key={`${p.userId}-${p.role}`}
              registrationId={r.id}
              person={p}
              canManage={canManage}
              onError={removal.showFailure}
            />
          ))}
        </Table.Body>
      </Table>
      {canManage ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Add someone to the registration</span>
          </summary>
          <div className="nhsuk-details__text">
            <AddPersonForm registration={r} form={personForm} />
          </div>
        </details>
      ) : null}

      <h2>Teams</h2>
      {!r.access.canReadAll ? <p>You see the teams you lead.</p> : null}
      {r.teams.length === 0 ? (
        <p>{canManage ? "No teams yet. Add the teams taking part." : "No teams yet."}</p>
      ) : (
        <Table responsive caption="Teams implementing the programme">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Team</Table.Cell>
              <Table.Cell>Setting</Table.Cell>
              <Table.Cell>Team leader</Table.Cell>
              <Table.Cell format="numeric">Size</Table.Cell>
              <Table.Cell>Started</Table.Cell>
              <Table.Cell>
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {r.teams.map((t) => (
              <Table.Row key={t.id}>
                <Table.Cell>
                  <Link to={paths.team(t.id)}>{t.name}</Link>
                </Table.Cell>
                <Table.Cell>{TEAM_SETTING_LABELS[t.setting]}</Table.Cell>
                <Table.Cell>{t.leaderName ?? "No leader"}</Table.Cell>
                <Table.Cell format="numeric">{t.size}</Table.Cell>
                <Table.Cell>{formatCalendarDate(t.startedOn)}</Table.Cell>
                <Table.Cell>
                  {canManage || r.access.ledTeamIds.includes(t.id) ? (
                    <Link to={paths.editTeam(t.id)}>
                      Change<span className="nhsuk-u-visually-hidden"> {t.name}</span>
                    </Link>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {canManage ? <ActionLink to={paths.newTeam(r.id)}>Add a team</ActionLink> : null}
    </>
  );
}
