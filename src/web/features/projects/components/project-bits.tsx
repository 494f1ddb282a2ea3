import { Link } from "react-router";
import type { ProjectStatus } from "../../../../shared/projects";
import { PROJECT_STATUS_LABELS } from "../../../../shared/projects";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Tag } from "../../../components/nhs";
import { ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { PROJECTS_PATH, projectPath } from "./project-paths";

const STATUS_COLOURS: Record<ProjectStatus, "grey" | "blue" | "yellow" | "green" | "purple" | "red"> = {
  planning: "grey",
  testing_changes: "blue",
  implementing: "yellow",
  sustaining: "purple",
  completed: "green",
  stopped: "red",
};

/** A project's status as a tag, always with its words. */
export function StatusTag({ status }: { status: ProjectStatus }) {
  return <Tag modifier={STATUS_COLOURS[status]}>{PROJECT_STATUS_LABELS[status]}</Tag>;
}

/** The aim statement in one sentence: "Reduce falls by 30% by 31 March 2027." */
export function aimStatement(aim: { what: string; howMuch: string; byWhen: string | null }): string {
  const parts = [aim.what, aim.howMuch, aim.byWhen ? `by ${formatDate(aim.byWhen)}` : ""].filter(Boolean);
  return parts.length === 0 ? "No aim written yet." : `${parts.join(" ")}.`;
}

/** Breadcrumbs from My projects to a project (and on to a page of it when `project` is given). */
export function ProjectCrumbs({ project }: { project?: { id: string; title: string } }) {
  const items = [{ to: PROJECTS_PATH, text: "My projects" }];
  if (project) items.push({ to: projectPath(project.id), text: project.title });
  return <Breadcrumbs items={items} />;
}

/** The page shown when a project's data could not be loaded: 404 says the project is not there or not shared. */
export function ProjectProblem({ error }: { error: Error }) {
  return (
    <>
      <ProjectCrumbs />
      <ProblemPage
        title={isApiError(error, 404) ? "Project not found" : "Sorry, there is a problem"}
        message={
          isApiError(error, 404)
            ? "The project does not exist, or it has not been shared with you. Ask the project's lead to invite you to the team."
            : error.message
        }
      >
        <p>
          <Link to={PROJECTS_PATH}>Go to my projects</Link>
        </p>
      </ProblemPage>
    </>
  );
}
