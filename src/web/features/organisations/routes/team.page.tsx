import { Link, useNavigate } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useSetTeam, useTeamChoices } from "../../../lib/teams";
import { useFormErrors } from "../../../lib/use-form-errors";
import { TeamForm } from "../components/team-form";

/** /account/team: a learner chooses their ward, team or unit from those under their organisation. */
export function TeamPage() {
  const navigate = useNavigate();
  const team = useTeamChoices(null);
  const save = useSetTeam(null);
  const form = useFormErrors(["teamId"]);
  usePageTitle("Your team", form.summary.length > 0);
  if (team.isPending) return <LoadingPage title="Your team" />;

  return (
    <>
      <BackLink to="/account">Your account</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {team.isError ? (
            <>
              <h1>Your team</h1>
              <RequestErrorSummary error={team.error} />
            </>
          ) : !team.data.organisation ? (
            <>
              <h1>Your team</h1>
              <p>
                Teams are chosen from the organisation directory. Your organisation is not in it, so there are
                no teams to choose from.
              </p>
              <p>
                <Link to="/account">Back to your account</Link>
              </p>
            </>
          ) : (
            <TeamForm
              choices={team.data}
              legend="Your team"
              hint={
                team.data.choices.length > 0
                  ? `The ward, team or unit you work in at ${team.data.organisation.name}. Your learner administrators see it in their reports.`
                  : `${team.data.organisation.name} has no teams in the directory yet, so choose No team.`
              }
              form={form}
              busy={save.isPending}
              onSave={(teamId) =>
                save.mutate(teamId, {
                  onSuccess: (result) =>
                    navigate("/account", {
                      state: flash(
                        result.team ? `Your team is now ${result.team.name}` : "You are not in a team",
                      ),
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
