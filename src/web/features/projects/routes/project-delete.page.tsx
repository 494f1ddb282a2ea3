import { Link, useNavigate, useParams } from "react-router";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useDeleteProject, useProject } from "../api/projects";
import { ProjectCrumbs, ProjectProblem } from "../components/project-bits";
import { PROJECTS_PATH, projectPath } from "../components/project-paths";

/** /projects/:projectId/delete: a lead confirms deleting the project and everything in it. */
export function DeleteProjectPage() {
  const { projectId = "" } = useParams();
  const query = useProject(projectId);
  const remove = useDeleteProject(projectId);
  const navigate = useNavigate();
  const form = useFormErrors([]);
  usePageTitle("Delete the project", form.summary.length > 0);
  if (query.isPending) return <LoadingPage title="Delete the project" />;
  if (query.isError) return <ProjectProblem error={query.error} />;
  const p = query.data;
  if (!p.myAccess.canManage) {
    return (
      <ProblemPage title="You cannot delete this project" message="Only the project's leads can delete it." />
    );
  }
  return (
    <>
      <ProjectCrumbs project={p} />
      <ErrorSummary errors={form.summary} />
      <h1>Are you sure you want to delete {p.title}?</h1>
      <WarningCallout>
        <WarningCallout.Heading>This cannot be undone</WarningCallout.Heading>
        <p>
          Deleting the project removes its driver diagram, measures and their data, PDSA cycles, progress
          history and write-up for everyone on the team. A project submitted for recognition cannot be
          deleted.
        </p>
      </WarningCallout>
      <div className="nhsuk-button-group">
        <Button
          type="button"
          variant="warning"
          busy={remove.isPending}
          onClick={() =>
            remove.mutate(undefined, {
              onSuccess: () =>
                navigate(PROJECTS_PATH, { state: flash("Project deleted", `${p.title} has been deleted.`) }),
              onError: form.showFailure,
            })
          }
        >
          Delete project
        </Button>
        <Link className="nhsuk-link" to={projectPath(p.id)}>
          Cancel and go back to the project
        </Link>
      </div>
    </>
  );
}
