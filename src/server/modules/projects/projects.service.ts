import type {
  MyProjects,
  ProgressCreateInput,
  ProgressEntry,
  ProjectCreateInput,
  ProjectDetail,
  ProjectOptions,
  ProjectUpdateInput,
} from "../../../shared/project-contracts.js";
import type { ProgressScore } from "../../../shared/projects.js";
import { PROGRESS_SCORES } from "../../../shared/projects.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict } from "../../platform/errors.js";
import { assertCanEdit, assertCanManage, loadProjectAccess } from "./project-access.js";
import * as repo from "./projects.repository.js";

/** 422 naming the field, for input the schema accepts but the rules refuse. */
export function unprocessable(field: string, message: string): AppError {
  return new AppError(422, "validation_failed", message, [{ field, message }]);
}

/** The database's numeric score ("3.5", "3.0", "3") as one of PROGRESS_SCORES; null when unset. */
export function toProgressScore(value: string | null): ProgressScore | null {
  if (value === null) return null;
  const fixed = Number(value).toFixed(1);
  return PROGRESS_SCORES.find((s) => s === fixed) ?? null;
}

/** Today in the UK as year-month-day, for "today or later" checks. */
export function ukToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

/** Projects: create, list mine, read, edit, delete, and the progress score. */
export function createProjectsService(deps: { db: Db; now?: () => Date }) {
  const db = deps.db;
  const clock = deps.now ?? (() => new Date());

  /** Checks the course and run a project links to: only a course the actor is enrolled on, a run they are in. */
  async function checkLinks(
    tx: Tx,
    actor: Actor,
    courseId: string | null,
    runId: string | null,
  ): Promise<{ courseId: string | null; runId: string | null }> {
    let course = courseId;
    if (runId) {
      const runCourse = await repo.memberRunCourse(tx, actor.userId, runId);
      if (!runCourse) throw unprocessable("runId", "Choose a course run you are a member of, or none");
      if (course && course !== runCourse) {
        throw unprocessable("runId", "Choose a run of the linked course, or no run");
      }
      course = runCourse;
    }
    if (course && !(await repo.isEnrolledOn(tx, actor.userId, course))) {
      throw unprocessable("courseId", "Choose a course you are enrolled on, or none");
    }
    return { courseId: course, runId };
  }

  async function checkOrganisation(tx: Tx, organisationId: string | null): Promise<void> {
    if (organisationId && !(await repo.organisationExists(tx, organisationId))) {
      throw unprocessable("organisationId", "Choose an organisation from the list, or none");
    }
  }

  return {
    /** The courses and runs a new project may link to, and the actor's own organisation (the default). */
    async options(actor: Actor): Promise<ProjectOptions> {
      const [courses, runs] = await Promise.all([
        repo.listEnrolledCourses(db, actor.userId),
        repo.listMemberRuns(db, actor.userId),
      ]);
      const organisation = actor.account.organisation;
      return {
        courses,
        runs,
        organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
      };
    },

    /** Creates a project with the actor as its lead. */
    async create(actor: Actor, input: ProjectCreateInput): Promise<{ id: string }> {
      if (input.aimByWhen < ukToday(clock())) {
        throw unprocessable("aimByWhen", "The date in your aim must be today or in the future");
      }
      return db.transaction(async (tx) => {
        const organisationId =
          input.organisationId === undefined
            ? (actor.account.organisation?.id ?? null)
            : input.organisationId;
        await checkOrganisation(tx, organisationId);
        const links = await checkLinks(tx, actor, input.courseId ?? null, input.runId ?? null);
        const id = await repo.insertProject(
          tx,
          {
            title: input.title,
            problem: input.problem,
            aimWhat: input.aimWhat,
            aimHowMuch: input.aimHowMuch,
            aimByWhen: input.aimByWhen,
            setting: input.setting,
            topic: input.topic,
            organisationId,
            teamName: input.teamName,
            ...links,
            visibility: input.visibility ?? "team",
          },
          actor.userId,
        );
        await repo.insertMember(tx, {
          projectId: id,
          userId: actor.userId,
          role: "lead",
          responsibility: "",
          nameInLibrary: false,
        });
        return { id };
      });
    },

    /** My projects and the invitations waiting for my address. */
    async listMine(actor: Actor): Promise<MyProjects> {
      const [projects, invitations] = await Promise.all([
        repo.listMyProjects(db, actor.userId),
        repo.listOpenInvitationsForEmail(db, actor.email, clock()),
      ]);
      return {
        projects: projects.map((p) => ({
          ...p,
          progressScore: toProgressScore(p.progressScore),
          updatedAt: p.updatedAt.toISOString(),
        })),
        invitations: invitations.map((i) => ({
          id: i.id,
          projectId: i.projectId,
          projectTitle: i.projectTitle,
          role: i.role,
          responsibility: i.responsibility,
          invitedBy: i.invitedBy,
          expiresAt: i.expiresAt.toISOString(),
        })),
      };
    },

    /** Everything the overview needs; a read by someone not on the team is audited (team names are personal data). */
    async get(actor: Actor, context: RequestContext, projectId: string): Promise<ProjectDetail> {
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        const project = await repo.getProject(tx, projectId);
        if (!project) throw conflict("The project was deleted. Go back to your projects.");
        // One after another: a transaction's queries share one connection.
        const members = await repo.listMembers(tx, projectId);
        const progress = await repo.listProgress(tx, projectId);
        const measures = await repo.listMeasureSummaries(tx, projectId);
        const counts = await repo.contentCounts(tx, projectId);
        const recognition = await repo.recognitionSummary(tx, projectId);
        if (!access.isMember) {
          await recordAudit(tx, context, {
            actorUserId: actor.userId,
            action: "project.viewed",
            subjectType: "improvement_project",
            subjectId: projectId,
            details: { title: project.title, visibility: project.visibility },
          });
        }
        return {
          id: project.id,
          title: project.title,
          problem: project.problem,
          aimWhat: project.aimWhat,
          aimHowMuch: project.aimHowMuch,
          aimByWhen: project.aimByWhen,
          setting: project.setting,
          topic: project.topic,
          organisation:
            project.organisationId && project.organisationName
              ? { id: project.organisationId, name: project.organisationName }
              : null,
          teamName: project.teamName,
          course:
            project.courseId && project.courseTitle
              ? { id: project.courseId, title: project.courseTitle }
              : null,
          run: project.runId && project.runTitle ? { id: project.runId, title: project.runTitle } : null,
          status: project.status,
          progressScore: toProgressScore(project.progressScore),
          visibility: project.visibility,
          revision: project.revision,
          createdAt: project.createdAt.toISOString(),
          updatedAt: project.updatedAt.toISOString(),
          members: members.map((m) => ({
            ...m,
            email: access.isMember ? m.email : null,
            joinedAt: m.joinedAt.toISOString(),
          })),
          progress: progress.map((p) => ({
            id: p.id,
            score: toProgressScore(p.score) ?? "0.5",
            status: p.status,
            note: p.note,
            recordedBy: p.recordedBy,
            recordedAt: p.recordedAt.toISOString(),
          })),
          measures: measures.map((m) => ({
            id: m.id,
            title: m.title,
            kind: m.kind,
            unit: m.unit,
            pointCount: Number(m.pointCount),
            latest: m.latest ? { observedOn: m.latest.observed_on, value: Number(m.latest.value) } : null,
          })),
          counts,
          recognition: recognition
            ? {
                status: recognition.status,
                version: recognition.version,
                submittedAt: recognition.submittedAt.toISOString(),
                recognised: recognition.recognised,
              }
            : null,
          myAccess: { canEdit: access.canEdit, canManage: access.canManage, role: access.memberRole },
        };
      });
    },

    /** Edits the project's own fields when the form is current; 409 when someone else changed it first. */
    async update(actor: Actor, projectId: string, input: ProjectUpdateInput): Promise<{ revision: number }> {
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanEdit(access);
        const current = await repo.getProject(tx, projectId);
        if (!current) throw conflict("The project was deleted. Go back to your projects.");
        if (current.revision !== input.revision) {
          throw conflict(
            "The project was changed by someone else while you were editing it. Reload the page to see their changes, then make yours again.",
          );
        }
        if (input.visibility !== current.visibility) assertCanManage(access);
        await checkOrganisation(tx, input.organisationId);
        const courseId = input.courseId ?? null;
        const runId = input.runId ?? null;
        // Links kept as they were need no re-check (the person who made them may have left the course).
        const links =
          courseId === current.courseId && runId === current.runId
            ? { courseId, runId }
            : await checkLinks(tx, actor, courseId, runId);
        const saved = await repo.updateProjectAtRevision(tx, projectId, input.revision, {
          title: input.title,
          problem: input.problem,
          aimWhat: input.aimWhat,
          aimHowMuch: input.aimHowMuch,
          aimByWhen: input.aimByWhen,
          setting: input.setting,
          topic: input.topic,
          organisationId: input.organisationId,
          teamName: input.teamName,
          ...links,
          visibility: input.visibility,
        });
        if (!saved) {
          throw conflict(
            "The project was changed by someone else while you were editing it. Reload the page to see their changes, then make yours again.",
          );
        }
        return { revision: input.revision + 1 };
      });
    },

    /** Deletes a project (leads); refused once it has been submitted for recognition. */
    async remove(actor: Actor, context: RequestContext, projectId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanManage(access);
        await repo.lockProject(tx, projectId);
        if (await repo.hasSubmissions(tx, projectId)) {
          throw conflict(
            "This project has been submitted for recognition, so it cannot be deleted. It stays as a record of the work.",
          );
        }
        await repo.deleteProject(tx, projectId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "project.deleted",
          subjectType: "improvement_project",
          subjectId: projectId,
          details: { title: access.project.title },
        });
      });
    },

    /** Records a progress score and status (the team), copied onto the project in the same transaction. */
    async recordProgress(
      actor: Actor,
      projectId: string,
      input: ProgressCreateInput,
    ): Promise<ProgressEntry> {
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanEdit(access);
        const id = await repo.insertProgress(tx, {
          projectId,
          score: input.score,
          status: input.status,
          note: input.note,
          recordedBy: actor.userId,
        });
        const [entry] = (await repo.listProgress(tx, projectId)).filter((p) => p.id === id);
        return {
          id,
          score: input.score,
          status: input.status,
          note: input.note,
          recordedBy: entry?.recordedBy ?? null,
          recordedAt: (entry?.recordedAt ?? clock()).toISOString(),
        };
      });
    },
  };
}
