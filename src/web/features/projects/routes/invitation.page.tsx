import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAcceptInvitation, useDeclineInvitation, useInvitationByToken } from "../api/projects";
import { PROJECTS_PATH, projectPath } from "../components/project-paths";

const FIELDS = ["nameInLibrary"] as const;

/**
 * /projects/invitation?token=… (the emailed link; the token stays out of logged paths) and
 * /projects/invitations/:token: accept or decline an invitation to a project team.
 */
export function InvitationPage() {
  const { token: pathToken = "" } = useParams();
  const [search] = useSearchParams();
  const token = search.get("token") ?? pathToken;
  const invitation = useInvitationByToken(token);
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const navigate = useNavigate();
  const form = useFormErrors(FIELDS);
  const [consent, setConsent] = useState("");
  usePageTitle("Join a project team", form.summary.length > 0);

  if (!token) {
    return (
      <ProblemPage title="This link is incomplete" message="Copy the whole link from the invitation email." />
    );
  }
  if (invitation.isPending) return <LoadingPage title="Join a project team" />;
  if (invitation.isError) {
    return (
      <ProblemPage title="You cannot use this invitation" message={invitation.error.message}>
        <p>
          <Link to={PROJECTS_PATH}>Go to my projects</Link>
        </p>
      </ProblemPage>
    );
  }
  const i = invitation.data;
  if (i.state !== "pending") {
    const why = {
      accepted: "It has already been accepted.",
      withdrawn: "It was withdrawn or declined. Ask the project lead to invite you again.",
      expired: "It has expired. Ask the project lead to invite you again.",
    }[i.state];
    return (
      <ProblemPage title="This invitation cannot be used" message={why}>
        <p>
          <Link to={i.state === "accepted" ? projectPath(i.projectId) : PROJECTS_PATH}>
            {i.state === "accepted" ? "Go to the project" : "Go to my projects"}
          </Link>
        </p>
      </ProblemPage>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = consent
      ? {}
      : { nameInLibrary: "Say whether we may show your name as an author" };
    if (form.showFieldErrors(errors) || accept.isPending) return;
    accept.mutate(
      { invitationId: i.id, nameInLibrary: consent === "yes" },
      {
        onSuccess: ({ projectId }) =>
          navigate(projectPath(projectId), {
            state: flash("You joined the project", `You are now on the team of ${i.projectTitle}.`),
          }),
        onError: form.showFailure,
      },
    );
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={form.summary} />
        <span className="nhsuk-caption-l">{i.projectTitle}</span>
        <h1>Join a project team</h1>
        <p>
          {i.invitedBy ?? "A project lead"} invited you to join <strong>{i.projectTitle}</strong> as{" "}
          {i.role === "lead" ? "a lead" : "a team member"}
          {i.responsibility ? ` (${i.responsibility})` : ""}. The invitation expires on{" "}
          {formatDate(i.expiresAt)}.
        </p>
        <form noValidate onSubmit={submit}>
          <Radios
            name="nameInLibrary"
            legend="May we show your name as an author if the case study is published?"
            legendSize="m"
            hint="If the project is recognised and the team agrees to publish it, it appears in the public case-study library. You can change your answer later on the team page."
            options={[
              { value: "yes", label: "Yes, show my name" },
              { value: "no", label: "No, do not show my name" },
            ]}
            value={consent}
            onChange={setConsent}
            error={form.errors.nameInLibrary}
          />
          <div className="nhsuk-button-group">
            <Button type="submit" busy={accept.isPending}>
              Accept and join the team
            </Button>
            <Button
              type="button"
              variant="secondary"
              busy={decline.isPending}
              onClick={() =>
                decline.mutate(i.id, {
                  onSuccess: () => navigate(PROJECTS_PATH, { state: flash("Invitation declined") }),
                  onError: form.showFailure,
                })
              }
            >
              Decline
            </Button>
          </div>
        </form>
      </div>
    </div>
  );
}
