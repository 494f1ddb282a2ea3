import { useParams } from "react-router";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { useProject, useProjectOptions } from "../api/projects";
import { ProjectProblem } from "../components/project-bits";
import { ProjectForm } from "../components/project-form";

/** /projects/new: start a project. */
export function NewProjectPage() {
  const options = useProjectOptions();
  if (options.isPending) return <LoadingPage title="Start an improvement project" />;
  if (options.isError)
    return <ProblemPage title="Sorry, there is a problem" message={options.error.message} />;
  return <ProjectForm project={null} options={options.data} />;
}

/** /projects/:projectId/edit: change a project's details (the team). */
export function EditProjectPage() {
  const { projectId = "" } = useParams();
  const project = useProject(projectId);
  const options = useProjectOptions();
  if (project.isPending || options.isPending) return <LoadingPage title="Change the project's details" />;
  if (project.isError) return <ProjectProblem error={project.error} />;
  if (options.isError)
    return <ProblemPage title="Sorry, there is a problem" message={options.error.message} />;
  if (!project.data.myAccess.canEdit) {
    return (
      <ProblemPage
        title="You cannot change this project"
        message="Only the project team can change it. Ask its lead to invite you to the team."
      />
    );
  }
  return <ProjectForm key={project.data.revision} project={project.data} options={options.data} />;
}
