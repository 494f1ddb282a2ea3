import {
  type Announcement,
  type AnnouncementCreated,
  type AnnouncementInput,
  type AnnouncementList,
  announcementsPath,
} from "../../../shared/notifications.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db } from "../../platform/db.js";
import { conflict } from "../../platform/errors.js";
import { renderMarkdown } from "../../platform/markdown.js";
import { assertCanFacilitate, assertCanRead, loadRunAccess } from "../community/run-access.js";
import * as repo from "./announcements.repository.js";

function toAnnouncement(row: repo.AnnouncementRow): Announcement {
  return {
    id: row.id,
    runId: row.runId,
    subject: row.subject,
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    authorName: `${row.authorGivenName} ${row.authorFamilyName}`,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Facilitators' announcements to a run: sending one notifies every member; members read them on the run's page. */
export function createAnnouncementsService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());

  return {
    /** A run's announcements, newest first, for anyone who may read the run. */
    async list(actor: Actor, runId: string): Promise<AnnouncementList> {
      const access = await loadRunAccess(db, runId, actor, clock());
      assertCanRead(access);
      const rows = await repo.listForRun(db, runId);
      return {
        runTitle: access.run.title,
        canAnnounce: access.canFacilitate,
        announcements: rows.map(toAnnouncement),
      };
    },

    /**
     * Sends an announcement to a run (its facilitators and platform administrators only): the announcement, one
     * notification per member and the audit record are written in one transaction.
     */
    async send(
      actor: Actor,
      runId: string,
      input: AnnouncementInput,
      context: RequestContext,
    ): Promise<AnnouncementCreated> {
      const now = clock();
      return db.transaction(async (tx) => {
        const access = await loadRunAccess(tx, runId, actor, now);
        assertCanFacilitate(access);
        // Members can no longer read an ended run, so nothing sent to it would be seen.
        if (access.phase === "ended") {
          throw conflict("This course run has ended, so its members can no longer read announcements.");
        }
        const saved = await repo.insertAnnouncement(tx, {
          runId,
          authorId: actor.userId,
          subject: input.subject,
          body: input.body,
          createdAt: now,
        });
        const author = `${actor.account.givenName} ${actor.account.familyName}`;
        const notified = await repo.notifyRunMembers(tx, {
          runId,
          announcementId: saved.id,
          authorId: actor.userId,
          summary: `${author} sent an announcement to ${access.run.title}: “${input.subject}”`,
          link: announcementsPath(runId, saved.id),
        });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "run.announcement_sent",
          subjectType: "course_run",
          subjectId: runId,
          details: { announcementId: saved.id, subject: input.subject, notified },
        });
        return {
          announcement: toAnnouncement({
            id: saved.id,
            runId,
            subject: input.subject,
            body: input.body,
            createdAt: saved.createdAt,
            authorGivenName: actor.account.givenName,
            authorFamilyName: actor.account.familyName,
          }),
          notified,
        };
      });
    },
  };
}
