import { and, eq } from "drizzle-orm";
import type { ProjectMemberRole, ProjectVisibility } from "../../../shared/projects.js";
import { improvementProjects, projectMembers, users } from "../../db/schema/index.js";
import type { Actor } from "../../platform/auth.js";
import type { Tx } from "../../platform/db.js";
import { forbidden, notFound } from "../../platform/errors.js";

/** A project's sharing facts and where one person stands on it. */
export interface ProjectStanding {
  project: { id: string; title: string; organisationId: string | null; visibility: ProjectVisibility };
  /** The actor's place on the team, or null when they are not on it. */
  memberRole: ProjectMemberRole | null;
  /** The actor's own organisation (from their account), read with the project. */
  actorOrganisationId: string | null;
}

/**
 * What the actor may do with a project. Every part of the projects feature (the project, its team, driver diagram,
 * measures, PDSA cycles, write-up and submission) decides through this one object.
 */
export interface ProjectAccess extends ProjectStanding {
  isAdmin: boolean;
  isMember: boolean;
  isLead: boolean;
  /** Read the project and everything in it: the team, administrators, and whoever its sharing setting reaches. */
  canRead: boolean;
  /** Change the project's content (aim, driver diagram, measures, data, PDSA cycles, write-up): the team only. */
  canEdit: boolean;
  /** Manage the team, sharing, consent, submission and deletion: the project's leads only. */
  canManage: boolean;
}

/** Works out the actor's access from their standing; pure, so it is unit-testable. */
export function decideProjectAccess(standing: ProjectStanding, actor: Actor | null): ProjectAccess {
  const isAdmin = actor?.roles.some((r) => r.role === "platform_admin") ?? false;
  const isMember = standing.memberRole !== null;
  const isLead = standing.memberRole === "lead";
  const { visibility, organisationId } = standing.project;
  const sharedWithActor =
    actor !== null &&
    (visibility === "signed_in" ||
      (visibility === "organisation" &&
        organisationId !== null &&
        standing.actorOrganisationId === organisationId));
  return {
    ...standing,
    isAdmin,
    isMember,
    isLead,
    canRead: isMember || isAdmin || sharedWithActor,
    canEdit: isMember,
    canManage: isLead,
  };
}

/** Reads a project's sharing facts and the actor's standing in one statement; null when there is no such project. */
export async function getProjectStanding(
  db: Tx,
  projectId: string,
  userId: string | null,
): Promise<ProjectStanding | null> {
  const [row] = await db
    .select({
      id: improvementProjects.id,
      title: improvementProjects.title,
      organisationId: improvementProjects.organisationId,
      visibility: improvementProjects.visibility,
      memberRole: projectMembers.role,
      actorOrganisationId: users.organisationId,
    })
    .from(improvementProjects)
    .leftJoin(
      projectMembers,
      and(
        eq(projectMembers.projectId, improvementProjects.id),
        eq(projectMembers.userId, userId ?? "00000000-0000-0000-0000-000000000000"),
      ),
    )
    .leftJoin(users, eq(users.id, userId ?? "00000000-0000-0000-0000-000000000000"))
    .where(eq(improvementProjects.id, projectId))
    .limit(1);
  if (!row) return null;
  return {
    project: {
      id: row.id,
      title: row.title,
      organisationId: row.organisationId,
      visibility: row.visibility,
    },
    memberRole: row.memberRole,
    actorOrganisationId: row.actorOrganisationId,
  };
}

/**
 * Loads the actor's access to a project. A project the actor may not read is answered 404, the same as one that
 * does not exist, so private projects' existence is not revealed.
 */
export async function loadProjectAccess(
  db: Tx,
  projectId: string,
  actor: Actor | null,
): Promise<ProjectAccess> {
  const standing = await getProjectStanding(db, projectId, actor?.userId ?? null);
  if (!standing) throw notFound("The project");
  const access = decideProjectAccess(standing, actor);
  if (!access.canRead) throw notFound("The project");
  return access;
}

/** Refuses unless the actor is on the project's team. */
export function assertCanEdit(access: ProjectAccess): void {
  if (access.canEdit) return;
  throw forbidden("Only the project team can change this project. Ask its lead to invite you to the team.");
}

/** Refuses unless the actor leads the project. */
export function assertCanManage(access: ProjectAccess): void {
  if (access.canManage) return;
  throw forbidden(
    access.isMember
      ? "Only a project lead can do this. Ask a lead of the project."
      : "Only the project's leads can do this.",
  );
}
