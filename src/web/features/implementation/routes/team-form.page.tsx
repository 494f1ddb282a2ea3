import { Link, useNavigate, useParams } from "react-router";
import { formatCalendarDate } from "../../../../shared/dates";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAddTeam, useRegistration, useTeam, useUpdateTeam } from "../api/implementation";
import { ImplementationCrumbs, ImplementationProblem, paths } from "../components/implementation-bits";
import { emptyTeam, TEAM_FIELDS, TeamForm, teamFormValues } from "../components/team-form";

/** /implementation/:registrationId/teams/new: a programme lead adds a team. */
export function NewTeamPage() {
  const { registrationId = "" } = useParams();
  const registration = useRegistration(registrationId);
  const add = useAddTeam(registrationId);
  const navigate = useNavigate();
  const form = useFormErrors(TEAM_FIELDS);
  usePageTitle("Add a team", form.summary.length > 0);
  if (registration.isPending) return <LoadingPage title="Add a team" />;
  if (registration.isError) return <ImplementationProblem error={registration.error} />;
  const r = registration.data;
  if (!r.access.canManage)
    return (
      <ProblemPage
        title="You cannot add a team"
        message="Only the organisation's programme lead can add teams."
      >
        <p>
          <Link to={paths.registration(r.id)}>Back to the registration</Link>
        </p>
      </ProblemPage>
    );
  return (
    <>
      <ImplementationCrumbs
        registration={{ id: r.id, programmeTitle: r.programme.title, organisationName: r.organisation.name }}
      />
      <span className="nhsuk-caption-l">
        {r.programme.title}: {r.organisation.name}
      </span>
      <h1>Add a team</h1>
      <TeamForm
        initial={emptyTeam}
        withManagerFields
        organisationName={r.organisation.name}
        submitLabel="Add team"
        busy={add.isPending}
        form={form}
        onSubmit={(output) =>
          add.mutate(output, {
            onSuccess: () =>
              navigate(paths.registration(r.id), {
                state: flash(
                  `${output.name} added`,
                  "Its team leader can now see the team and record its progress.",
                ),
              }),
            onError: form.showFailure,
          })
        }
      />
    </>
  );
}

/** /implementation/teams/:teamId/edit: the team's leader or a programme lead changes the team. */
export function EditTeamPage() {
  const { teamId = "" } = useParams();
  const team = useTeam(teamId);
  const update = useUpdateTeam(teamId);
  const navigate = useNavigate();
  const form = useFormErrors(TEAM_FIELDS);
  usePageTitle("Change team details", form.summary.length > 0);
  if (team.isPending) return <LoadingPage title="Change team details" />;
  if (team.isError) return <ImplementationProblem error={team.error} />;
  const t = team.data;
  if (!t.access.canEdit)
    return (
      <ProblemPage
        title="You cannot change this team"
        message={`Only ${t.name}'s team leader or the programme lead can change this team.`}
      >
        <p>
          <Link to={paths.registration(t.registrationId)}>Back to the registration</Link>
        </p>
      </ProblemPage>
    );
  const manager = t.access.canManage;
  return (
    <>
      <ImplementationCrumbs
        registration={{
          id: t.registrationId,
          programmeTitle: t.programme.title,
          organisationName: t.organisation.name,
        }}
      />
      <span className="nhsuk-caption-l">{t.name}</span>
      <h1>Change team details</h1>
      {manager ? null : (
        <p>
          Team leader: {t.leader?.name ?? "none"}. Started on the programme on{" "}
          {formatCalendarDate(t.startedOn)}. Only the programme lead can change these.
        </p>
      )}
      <TeamForm
        key={t.revision}
        initial={teamFormValues(t)}
        withManagerFields={manager}
        organisationName={t.organisation.name}
        submitLabel="Save changes"
        busy={update.isPending}
        form={form}
        onSubmit={(output) =>
          update.mutate(
            manager
              ? { ...output, revision: t.revision }
              : { name: output.name, setting: output.setting, size: output.size, revision: t.revision },
            {
              onSuccess: (saved) =>
                navigate(paths.registration(saved.registrationId), {
                  state: flash("Team details saved", `${saved.name}'s details are up to date.`),
                }),
              onError: form.showFailure,
            },
          )
        }
      />
    </>
  );
}
