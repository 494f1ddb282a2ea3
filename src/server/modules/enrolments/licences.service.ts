import type {
  Licence,
  LicenceCreateInput,
  LicencePage,
  LicenceQuery,
  LicenceUpdateInput,
} from "../../../shared/entitlements.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, fieldError, notFound } from "../../platform/errors.js";
import { findOrganisation } from "../organisations/organisations.service.js";
import { licenceStatus, ukDate } from "./access-window.rules.js";
import { assertCanManageLicences } from "./entitlements.policy.js";
import { findPublishedCourse } from "./grants.repository.js";
import * as repo from "./licences.repository.js";

/** What the licences service needs. */
export interface LicencesDeps {
  db: Db;
  now?: () => Date;
}

const seatsWord = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "seat" : "seats"}`;

/**
 * Organisation licences: seats on a course for a period, recorded by platform administrators (buying comes later).
 * A learner of the organisation enrolling while the licence is current takes a seat for good.
 */
export function createLicencesService(deps: LicencesDeps) {
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());

  function toLicence(row: repo.LicenceListRow, today: string): Licence {
    return {
      id: row.id,
      organisation: row.organisation,
      course: row.course,
      seats: row.seats,
      seatsUsed: row.seatsUsed,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      status: licenceStatus(row, today),
      note: row.note,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async function loadLicence(tx: Tx, id: string): Promise<Licence> {
    const { rows } = await repo.listLicences(tx, { id }, 1, 0);
    const [row] = rows;
    if (!row) throw notFound("The licence");
    return toLicence(row, ukDate(clock()));
  }

  return {
    /** Licences with seats used, latest ending first. */
    async list(actor: Actor, query: LicenceQuery): Promise<LicencePage> {
      assertCanManageLicences(actor);
      const filters: repo.LicenceFilters = {};
      if (query.organisationId) filters.organisationId = query.organisationId;
      if (query.courseId) filters.courseId = query.courseId;
      const { rows, total } = await repo.listLicences(
        db,
        filters,
        query.pageSize,
        (query.page - 1) * query.pageSize,
      );
      const today = ukDate(clock());
      return {
        items: rows.map((row) => toLicence(row, today)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** One licence, for its edit page. */
    async get(actor: Actor, id: string): Promise<Licence> {
      assertCanManageLicences(actor);
      return loadLicence(db, id);
    },

    /** Records a licence; the organisation must be in the directory and the course published. */
    async create(actor: Actor, input: LicenceCreateInput, context: RequestContext): Promise<Licence> {
      assertCanManageLicences(actor);
      return db.transaction(async (tx) => {
        if (!(await findOrganisation(tx, input.organisationId)))
          throw fieldError("organisationId", "Search for the organisation and select it from the directory");
        if (!(await findPublishedCourse(tx, input.courseId)))
          throw fieldError("courseId", "Select a course from the list");
        const id = await repo.insertLicence(tx, {
          organisationId: input.organisationId,
          courseId: input.courseId,
          seats: input.seats,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          note: input.note ?? null,
          createdBy: actor.userId,
        });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "licences.create",
          subjectType: "organisation_licence",
          subjectId: id,
          details: {
            organisationId: input.organisationId,
            courseId: input.courseId,
            seats: input.seats,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
          },
        });
        return loadLicence(tx, id);
      });
    },

    /**
     * Changes seats, dates or note. Seats cannot go below those already taken (409 with both numbers); the licence is
     * locked while this is checked, so an enrolment cannot take a seat in between.
     */
    async update(
      actor: Actor,
      id: string,
      input: LicenceUpdateInput,
      context: RequestContext,
    ): Promise<Licence> {
      assertCanManageLicences(actor);
      return db.transaction(async (tx) => {
        const licence = await repo.getForUpdate(tx, id);
        if (!licence) throw notFound("The licence");
        const startsOn = input.startsOn ?? licence.startsOn;
        const endsOn = input.endsOn ?? licence.endsOn;
        if (endsOn < startsOn) {
          throw fieldError(
            input.endsOn ? "endsOn" : "startsOn",
            input.endsOn
              ? "The end date must be the same as or after the start date"
              : "The start date must be the same as or before the end date",
          );
        }
        if (input.seats !== undefined && input.seats < licence.seats) {
          const used = await repo.countSeatsUsed(tx, id);
          if (input.seats < used) {
            const message = `${seatsWord(used)} of this licence ${used === 1 ? "is" : "are"} already taken, so it cannot have fewer than ${seatsWord(used)}. You asked for ${seatsWord(input.seats)}.`;
            throw new AppError(409, "seats_in_use", message, [{ field: "seats", message }]);
          }
        }
        const changes: Parameters<typeof repo.updateLicence>[2] = {};
        if (input.seats !== undefined) changes.seats = input.seats;
        if (input.startsOn !== undefined) changes.startsOn = input.startsOn;
        if (input.endsOn !== undefined) changes.endsOn = input.endsOn;
        if (input.note !== undefined) changes.note = input.note;
        await repo.updateLicence(tx, id, changes);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "licences.update",
          subjectType: "organisation_licence",
          subjectId: id,
          details: {
            before: {
              seats: licence.seats,
              startsOn: licence.startsOn,
              endsOn: licence.endsOn,
              note: licence.note,
            },
            changes,
          },
        });
        return loadLicence(tx, id);
      });
    },
  };
}

/** The licences service's type. */
export type LicencesService = ReturnType<typeof createLicencesService>;
