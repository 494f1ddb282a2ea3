import { Link, useNavigate, useParams } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useSetTeam, useTeamChoices } from "../../../lib/teams";
import { useFormErrors } from "../../../lib/use-form-errors";
import { TeamForm } from "../components/team-form";

/** /admin/users/:id/team: a platform administrator sets someone's team. */
export function AdminUserTeamPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const team = useTeamChoices(id);
  const save = useSetTeam(id);
  const form = useFormErrors(["teamId"]);
  usePageTitle("Change their team", form.summary.length > 0);
  if (team.isPending) return <LoadingPage title="Change their team" />;
  const back = `/admin/users/${id}`;

  return (
    <>
      <BackLink to={back}>Back to the account</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {team.isError ? (
            <>
              <h1>Change their team</h1>
              <RequestErrorSummary error={team.error} />
            </>
          ) : !team.data.organisation ? (
            <>
              <h1>Change their team</h1>
              <p>Their organisation is not in the directory, so they cannot have a team.</p>
              <p>
                <Link to={back}>Back to the account</Link>
              </p>
            </>
          ) : (
            <TeamForm
              choices={team.data}
              legend="Change their team"
              hint={`Teams and units under ${team.data.organisation.name}`}
              form={form}
              busy={save.isPending}
              onSave={(teamId) =>
                save.mutate(teamId, {
                  onSuccess: (result) =>
                    navigate(back, {
                      state: flash(result.team ? `Team changed to ${result.team.name}` : "Team removed"),
                    }),
                  onError: form.showFailure,
                })
              }
            />
          )}
        </div>
      </div>
    </>
  );
}
