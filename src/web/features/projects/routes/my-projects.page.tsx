import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { MyInvitation } from "../../../../shared/project-contracts";
import { PROGRESS_SCORE_LABELS } from "../../../../shared/projects";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { ActionLink } from "../../../components/links";
import { Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { flash } from "../../../lib/flash";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAcceptInvitation, useDeclineInvitation, useMyProjects } from "../api/projects";
import { StatusTag } from "../components/project-bits";
import { NEW_PROJECT_PATH, projectPath } from "../components/project-paths";

/** One invitation waiting for me: the consent question, then accept or decline. */
function InvitationCard({
  invitation: i,
  onError,
}: {
  invitation: MyInvitation;
  onError: (error: unknown) => void;
}) {
  const accept = useAcceptInvitation();
  const decline = useDeclineInvitation();
  const navigate = useNavigate();
  const [consent, setConsent] = useState("");
  const [error, setError] = useState<string | undefined>();
  const onAccept = () => {
    if (!consent) return setError("Say whether we may show your name as an author");
    setError(undefined);
    accept.mutate(
      { invitationId: i.id, nameInLibrary: consent === "yes" },
      {
        onSuccess: ({ projectId }) =>
          navigate(projectPath(projectId), {
            state: flash("You joined the project", `You are now on the team of ${i.projectTitle}.`),
          }),
        onError,
      },
    );
  };
  return (
    <li className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading">{i.projectTitle}</h3>
        <p>
          {i.invitedBy ?? "A project lead"} invited you as {i.role === "lead" ? "a lead" : "a team member"}
          {i.responsibility ? ` (${i.responsibility})` : ""}. The invitation expires on{" "}
          {formatDate(i.expiresAt)}.
        </p>
        <Radios
          name={`consent-${i.id}`}
          legend="May we show your name as an author if the case study is published?"
          legendSize="s"
          hint="You can change your answer later on the project's team page."
          small
          options={[
            { value: "yes", label: "Yes, show my name" },
            { value: "no", label: "No, do not show my name" },
          ]}
          value={consent}
          onChange={setConsent}
          error={error}
        />
        <div className="nhsuk-button-group">
          <Button type="button" busy={accept.isPending} onClick={onAccept}>
            Accept<span className="nhsuk-u-visually-hidden">: {i.projectTitle}</span>
          </Button>
          <Button
            type="button"
            variant="secondary"
            busy={decline.isPending}
            onClick={() => decline.mutate(i.id, { onError })}
          >
            Decline<span className="nhsuk-u-visually-hidden">: {i.projectTitle}</span>
          </Button>
        </div>
      </div>
    </li>
  );
}

/** /projects: the projects I am on, invitations waiting for me, and the way to start a project. */
export function MyProjectsPage() {
  const mine = useMyProjects();
  const form = useFormErrors([]);
  usePageTitle("My improvement projects", form.summary.length > 0);
  if (mine.isPending) return <LoadingPage title="My improvement projects" />;
  if (mine.isError) return <ProblemPage title="Sorry, there is a problem" message={mine.error.message} />;
  const { projects, invitations } = mine.data;
  return (
    <>
      <ErrorSummary errors={form.summary} />
      <h1>My improvement projects</h1>
      <p>
        Plan and test changes with your team, measure the results on SPC charts, and write up what you learnt.
      </p>
      <ActionLink to={NEW_PROJECT_PATH}>Start a project</ActionLink>

      {invitations.length > 0 ? (
        <>
          <h2>Invitations to join a project</h2>
          <ul className="nhsuk-list">
            {invitations.map((i) => (
              <InvitationCard key={i.id} invitation={i} onError={form.showFailure} />
            ))}
          </ul>
        </>
      ) : null}

      <h2>Projects</h2>
      {projects.length === 0 ? (
        <p>You are not on any projects yet. Start one, or ask a project lead to invite you.</p>
      ) : (
        <Table responsive caption="Projects I am on">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Project</Table.Cell>
              <Table.Cell>Status</Table.Cell>
              <Table.Cell>Progress</Table.Cell>
              <Table.Cell>My role</Table.Cell>
              <Table.Cell>Team, measures, PDSA cycles</Table.Cell>
              <Table.Cell>Last changed</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {projects.map((p) => (
              <Table.Row key={p.id}>
                <Table.Cell>
                  <Link to={projectPath(p.id)}>{p.title}</Link>
                </Table.Cell>
                <Table.Cell>
                  <StatusTag status={p.status} />
                </Table.Cell>
                <Table.Cell>
                  {p.progressScore
                    ? `${p.progressScore}: ${PROGRESS_SCORE_LABELS[p.progressScore]}`
                    : "Not scored yet"}
                </Table.Cell>
                <Table.Cell>{p.role === "lead" ? "Lead" : "Member"}</Table.Cell>
                <Table.Cell>
                  {p.memberCount} {p.memberCount === 1 ? "person" : "people"}, {p.measureCount}{" "}
                  {p.measureCount === 1 ? "measure" : "measures"}, {p.pdsaCount}{" "}
                  {p.pdsaCount === 1 ? "cycle" : "cycles"}
                </Table.Cell>
                <Table.Cell>{formatDate(p.updatedAt)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
