import { createHash } from "node:crypto";
import { UPLOAD_LIMIT_BYTES, type UploadType } from "../../../shared/authoring.js";
import type { BenefitStatus } from "../../../shared/implementation.js";
import {
  type BenefitAnswerInput,
  type BenefitAreas,
  type BenefitAreasUpdateInput,
  type BenefitChangeResult,
  type BenefitCreateInput,
  type BenefitDecisionInput,
  type BenefitDetail,
  type BenefitList,
  type BenefitListQuery,
  type BenefitSummary,
  type BenefitUpdateInput,
  ChangeValueSchema,
} from "../../../shared/implementation-benefits.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import {
  AppError,
  conflict,
  type ErrorDetail,
  forbidden,
  notFound,
  validationFailed,
} from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { assertContentsMatch, declaredType, tooLarge } from "../files/files.service.js";
import { awaitingSignOffMessage, decisionMessage } from "./benefits.emails.js";
import * as repo from "./benefits.repository.js";
import {
  BENEFIT_STATE_FIELDS,
  type BenefitState,
  benefitProblems,
  cashOrderOf,
  changeMessage,
  decisionRefusal,
  diffBenefit,
  initialChanges,
  mergeBenefit,
  statusAfterChange,
  touchesSignOff,
} from "./benefits.rules.js";
import {
  type ImplementationAccess,
  loadRegistrationAccess,
  loadTeamAccess,
} from "./implementation-access.js";

/** An evidence upload as the route read it. */
export interface EvidenceUpload {
  filename: string;
  bytes: Buffer;
}

const unprocessable = (message: string, details: ErrorDetail[]) =>
  new AppError(422, "invalid_benefit", message, details);

/** 422 listing every problem with a benefit's values; the message is the problem itself when there is one. */
function refuseProblems(problems: ErrorDetail[]): void {
  if (problems.length === 0) return;
  const first = problems[0]?.message ?? "Check the benefit's details";
  throw unprocessable(
    problems.length === 1
      ? first
      : `There are ${problems.length} problems with the benefit's details. Correct them and try again.`,
    problems,
  );
}

const nameOf = (given: string | null, family: string | null) =>
  given === null ? null : `${given} ${family ?? ""}`.trim();
const personOf = (id: string | null, given: string | null, family: string | null) => {
  const name = nameOf(given, family);
  return id && name ? { id, name } : null;
};

/** The UK calendar date of an instant (YYYY-MM-DD). */
function ukDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

/** The team-settable fields of a stored benefit. */
function stateOf(row: repo.BenefitRow): BenefitState {
  return {
    houseModuleId: row.houseModuleId,
    areaId: row.areaId,
    title: row.title,
    description: row.description,
    cashable: row.cashable,
    cashCategory: row.cashCategory,
    method: row.method,
    unit: row.unit,
    baselinePence: row.baselinePence,
    forecastPence: row.forecastPence,
    realisedPence: row.realisedPence,
    baselineValue: row.baselineValue,
    forecastValue: row.forecastValue,
    realisedValue: row.realisedValue,
    baselineOn: row.baselineOn,
    forecastOn: row.forecastOn,
    realisedOn: row.realisedOn,
  };
}

/** A stored change value in the shape the API sends (anything odd becomes text). */
function changeValue(value: unknown) {
  const parsed = ChangeValueSchema.safeParse(value ?? null);
  return parsed.success ? parsed.data : JSON.stringify(value);
}

const FIELD_ORDER: readonly string[] = [...BENEFIT_STATE_FIELDS, "status", "file"];
/** Where a field comes in a history entry: the form's order, then the status (jsonb keeps keys in its own order). */
const fieldRank = (field: string) => {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
};

/** Who last changed the figures finance signs off: the actor of the newest event that touched them. */
function lastValuesChanger(events: Array<{ actorUserId: string | null; changes: Record<string, unknown> }>) {
  const event = events.find((e) => touchesSignOff(e.changes));
  return event?.actorUserId ?? null;
}

/** Refuses what is not a document or an image, or whose bytes are not what its name says. */
async function checkEvidenceFile(filename: string, bytes: Buffer): Promise<UploadType> {
  const type = declaredType(filename);
  if (type.category === "video") {
    const message = `"${filename}" is a video. Upload a document (PDF, Word, Excel, PowerPoint, text or CSV) or an image as evidence.`;
    throw validationFailed(message, [{ field: "file", message }]);
  }
  if (bytes.length === 0) {
    const message = `"${filename}" is empty. Choose a file with something in it.`;
    throw validationFailed(message, [{ field: "file", message }]);
  }
  if (bytes.length > UPLOAD_LIMIT_BYTES[type.category]) throw tooLarge(type, bytes.length);
  await assertContentsMatch(type, filename, bytes);
  return type;
}

/** Benefits, their evidence, finance sign-off and the organisation's benefit areas. */
export function createBenefitsService(deps: {
  db: Db;
  mailer: Mailer;
  config: Pick<AppConfig, "publicUrl">;
  clock?: () => Date;
}) {
  const { db, mailer, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const benefitUrl = (id: string) => `${config.publicUrl}/implementation/benefits/${id}`;
  const actorName = (actor: Actor) => `${actor.account.givenName} ${actor.account.familyName}`.trim();

  /** The benefit and the actor's access to its registration: 404 when hidden, 403 for another team's leader. */
  async function benefitAccess(tx: Tx, actor: Actor, benefitId: string, lock = false) {
    const found = lock ? await repo.lockBenefit(tx, benefitId) : await repo.getBenefit(tx, benefitId);
    if (!found) throw notFound("The benefit");
    const access = await loadRegistrationAccess(tx, found.registrationId, actor).catch((error: unknown) => {
      throw error instanceof AppError && error.status === 404 ? notFound("The benefit") : error;
    });
    const view = await repo.getBenefitView(tx, benefitId);
    if (!view) throw notFound("The benefit");
    if (!access.canReadTeam(found.teamId))
      throw forbidden(
        `Only ${view.teamName}'s team leader, the programme lead, executives and finance leads can see this benefit.`,
      );
    return { row: found, view, access };
  }

  function assertCanRecord(access: ImplementationAccess, team: { id: string; name: string }) {
    if (!access.canRecordBenefit(team.id))
      throw forbidden(
        `Only ${team.name}'s team leader, the programme lead or a finance lead can record and change its benefits.`,
      );
  }

  /** 422 unless the area belongs to the registration and the module to its programme's house. */
  async function checkPlacement(
    tx: Tx,
    registrationId: string,
    programmeId: string,
    state: Pick<BenefitState, "areaId" | "houseModuleId">,
  ) {
    const problems: ErrorDetail[] = [];
    if (!(await repo.getArea(tx, registrationId, state.areaId)))
      problems.push({ field: "areaId", message: "Choose one of the organisation's benefit areas" });
    if (state.houseModuleId && !(await repo.getHouseModule(tx, programmeId, state.houseModuleId)))
      problems.push({ field: "houseModuleId", message: "Choose a module of the programme's house" });
    return problems;
  }

  async function notifyFinance(
    tx: Tx,
    actor: Actor,
    row: repo.BenefitRow,
    teamName: string,
    reason: "recorded" | "changed" | "answered",
  ) {
    for (const lead of await repo.financeLeads(tx, row.registrationId)) {
      if (lead.userId === actor.userId || lead.userId === row.recordedBy) continue;
      await mailer.enqueue(
        tx,
        awaitingSignOffMessage(lead.email, {
          benefitTitle: row.title,
          teamName,
          category: row.cashCategory,
          byName: actorName(actor),
          reason,
          url: benefitUrl(row.id),
        }),
      );
    }
  }

  function summaryOf(view: repo.BenefitView, access: ImplementationAccess, actor: Actor): BenefitSummary {
    const b = view.benefit;
    return {
      id: b.id,
      registrationId: b.registrationId,
      title: b.title,
      team: { id: b.teamId, name: view.teamName },
      area: { id: b.areaId, label: view.areaLabel },
      houseModule:
        b.houseModuleId && view.moduleTitle ? { id: b.houseModuleId, title: view.moduleTitle } : null,
      cashable: b.cashable,
      cashCategory: b.cashCategory,
      cashOrder: b.cashOrder,
      unit: b.unit,
      forecastPence: b.forecastPence,
      realisedPence: b.realisedPence,
      forecastValue: b.forecastValue,
      realisedValue: b.realisedValue,
      forecastOn: b.forecastOn,
      realisedOn: b.realisedOn,
      status: b.status,
      awaitingMySignOff:
        access.canSignOff && b.cashable && b.status === "awaiting_sign_off" && b.recordedBy !== actor.userId,
      updatedAt: b.updatedAt.toISOString(),
    };
  }

  async function detailOf(tx: Tx, actor: Actor, access: ImplementationAccess, benefitId: string) {
    const view = await repo.getBenefitView(tx, benefitId);
    if (!view) throw notFound("The benefit");
    const b = view.benefit;
    // One after another: a transaction is one connection, which runs one statement at a time.
    const names = await repo.getRegistrationNames(tx, b.registrationId);
    const events = await repo.listEvents(tx, benefitId);
    const valueEvents = await repo.listValueEvents(tx, benefitId);
    const evidence = await repo.listEvidence(tx, benefitId);
    const organisationName = names?.organisationName ?? "the organisation";
    const refusal = decisionRefusal({
      isFinanceLead: access.canSignOff,
      organisationName,
      actorUserId: actor.userId,
      recordedBy: b.recordedBy,
      lastValuesChangedBy: lastValuesChanger(valueEvents),
      cashable: b.cashable,
      status: b.status,
    });
    const canEdit = access.canRecordBenefit(b.teamId);
    const removeReason = !canEdit
      ? `Only ${view.teamName}'s team leader, the programme lead or a finance lead can remove evidence.`
      : b.status === "signed_off"
        ? "The benefit is signed off, so its evidence stays. Change the benefit first if the evidence was wrong."
        : null;
    const detail: BenefitDetail = {
      benefit: {
        ...summaryOf(view, access, actor),
        description: b.description,
        method: b.method,
        baselinePence: b.baselinePence,
        baselineValue: b.baselineValue,
        baselineOn: b.baselineOn,
        recordedBy: personOf(b.recordedBy, view.recorderGiven, view.recorderFamily),
        signedOffBy: personOf(b.signedOffBy, view.signerGiven, view.signerFamily),
        signedOffAt: b.signedOffAt?.toISOString() ?? null,
        revision: b.revision,
        createdAt: b.createdAt.toISOString(),
      },
      registration: { id: b.registrationId, organisationName },
      events: events.map((e) => ({
        id: e.event.id,
        kind: e.event.kind,
        actor: personOf(e.event.actorUserId, e.givenName, e.familyName),
        at: e.event.createdAt.toISOString(),
        changes: Object.entries(e.event.changes)
          .sort(([a], [b]) => fieldRank(a) - fieldRank(b))
          .map(([field, pair]) => ({
            field,
            before: changeValue(Array.isArray(pair) ? pair[0] : null),
            after: changeValue(Array.isArray(pair) ? pair[1] : null),
          })),
        comment: e.event.comment,
      })),
      evidence: evidence.map((f) => ({
        id: f.id,
        filename: f.filename,
        contentType: f.contentType,
        sizeBytes: f.sizeBytes,
        addedBy: personOf(f.addedBy, f.givenName, f.familyName),
        addedAt: f.createdAt.toISOString(),
        url: `/api/benefits/${benefitId}/evidence/${f.id}`,
      })),
      myAccess: {
        canEdit,
        canDecide: refusal === null,
        cannotDecideReason: refusal?.message ?? null,
        canAnswer: canEdit && b.status === "queried",
        canRemoveEvidence: removeReason === null,
        cannotRemoveEvidenceReason: removeReason,
      },
    };
    return detail;
  }

  return {
    /** A registration's benefit areas with how many benefits each holds (anyone who may read the registration). */
    async getAreas(actor: Actor, registrationId: string): Promise<BenefitAreas> {
      const access = await loadRegistrationAccess(db, registrationId, actor);
      const names = await repo.getRegistrationNames(db, registrationId);
      return {
        registrationId,
        organisationName: names?.organisationName ?? "",
        areas: await repo.listAreas(db, registrationId),
        canManage: access.canManage,
      };
    },

    /**
     * Replaces the ordered list of benefit areas (programme leads): existing ones by id are renamed and moved, new
     * ones added, missing ones removed; 409 naming any area that still holds benefits.
     */
    async putAreas(
      actor: Actor,
      context: RequestContext,
      registrationId: string,
      input: BenefitAreasUpdateInput,
    ): Promise<BenefitAreas> {
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        if (!access.canManage)
          throw forbidden("Only the organisation's programme lead can change the benefit areas.");
        await repo.lockRegistration(tx, registrationId);
        const current = await repo.listAreas(tx, registrationId);
        const byId = new Map(current.map((a) => [a.id, a]));
        const unknown = input.areas.findIndex((a) => a.id !== undefined && !byId.has(a.id));
        if (unknown >= 0)
          throw new AppError(
            422,
            "unknown_area",
            "One of the areas is not one of this organisation's. Reload the page and try again.",
            [{ field: `areas.${unknown}.id`, message: "This area is not one of the organisation's" }],
          );
        const kept = new Set(input.areas.flatMap((a) => (a.id ? [a.id] : [])));
        const removed = current.filter((a) => !kept.has(a.id));
        const busy = removed.filter((a) => a.benefitCount > 0);
        if (busy.length > 0) {
          const list = busy
            .map((a) => `"${a.label}" (${a.benefitCount} ${a.benefitCount === 1 ? "benefit" : "benefits"})`)
            .join(", ");
          throw conflict(
            `${list} still ${busy.length === 1 ? "holds" : "hold"} benefits, so ${busy.length === 1 ? "it" : "they"} cannot be removed. Move the benefits to another area first, or keep the area.`,
          );
        }
        await repo.deleteAreas(
          tx,
          removed.map((a) => a.id),
        );
        // Labels are unique per registration: park the kept ones on temporary labels so swaps do not collide.
        for (const [i, area] of input.areas.entries()) {
          if (area.id) await repo.updateArea(tx, area.id, { label: `(moving) ${area.id}`, position: i + 1 });
        }
        for (const [i, area] of input.areas.entries()) {
          if (area.id) await repo.updateArea(tx, area.id, { label: area.label, position: i + 1 });
          else await repo.insertArea(tx, { registrationId, label: area.label, position: i + 1 });
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "benefits.areas_changed",
          subjectType: "programme_registration",
          subjectId: registrationId,
          details: {
            before: current.map((a) => a.label),
            after: input.areas.map((a) => a.label),
          },
        });
        const names = await repo.getRegistrationNames(tx, registrationId);
        return {
          registrationId,
          organisationName: names?.organisationName ?? "",
          areas: await repo.listAreas(tx, registrationId),
          canManage: true,
        };
      });
    },

    /** A registration's benefits (team leaders: their own teams), with the teams, areas and modules forms need. */
    async list(actor: Actor, query: BenefitListQuery): Promise<BenefitList> {
      const access = await loadRegistrationAccess(db, query.registrationId, actor);
      const [names, teams, areas] = await Promise.all([
        repo.getRegistrationNames(db, query.registrationId),
        repo.listTeams(db, query.registrationId),
        repo.listAreas(db, query.registrationId),
      ]);
      const visible = teams.filter((t) => access.canReadTeam(t.id));
      if (query.teamId) {
        const team = teams.find((t) => t.id === query.teamId);
        if (!team) throw notFound("The team");
        if (!access.canReadTeam(team.id))
          throw forbidden(
            `Only ${team.name}'s team leader, the programme lead, executives and finance leads can see its benefits.`,
          );
      }
      const teamIds = query.teamId ? [query.teamId] : access.canReadAll ? null : visible.map((t) => t.id);
      const rows = await repo.listBenefitViews(db, query.registrationId, {
        teamIds,
        ...(query.status ? { status: query.status } : {}),
      });
      const modules = names ? await repo.listModules(db, names.programmeId) : [];
      return {
        registration: {
          id: query.registrationId,
          organisationName: names?.organisationName ?? "",
          programmeTitle: names?.programmeTitle ?? "",
        },
        benefits: rows.map((r) => summaryOf(r, access, actor)),
        teams: visible.map((t) => ({ ...t, canRecord: access.canRecordBenefit(t.id) })),
        areas: areas.map((a) => ({ id: a.id, label: a.label })),
        modules,
        myAccess: {
          isFinanceLead: access.isFinanceLead,
          canManageAreas: access.canManage,
          canRecord: visible.some((t) => access.canRecordBenefit(t.id)),
        },
      };
    },

    /** One benefit with its history, evidence and what the actor may do. */
    async get(actor: Actor, benefitId: string): Promise<BenefitDetail> {
      const { access } = await benefitAccess(db, actor, benefitId);
      return detailOf(db, actor, access, benefitId);
    },

    /**
     * Records a benefit for a team (its leader, a programme lead or a finance lead). Cashable ones wait for a finance
     * lead's sign-off, and the finance leads are told; others are recorded. The history starts with the values given.
     */
    async create(actor: Actor, input: BenefitCreateInput): Promise<BenefitDetail> {
      return db.transaction(async (tx) => {
        const { access, team } = await loadTeamAccess(tx, input.teamId, actor);
        assertCanRecord(access, team);
        const state: BenefitState = {
          houseModuleId: input.houseModuleId ?? null,
          areaId: input.areaId,
          title: input.title,
          description: input.description,
          cashable: input.cashable,
          cashCategory: input.cashCategory ?? null,
          method: input.method,
          unit: input.unit,
          baselinePence: input.baselinePence ?? null,
          forecastPence: input.forecastPence ?? null,
          realisedPence: input.realisedPence ?? null,
          baselineValue: input.baselineValue ?? null,
          forecastValue: input.forecastValue ?? null,
          realisedValue: input.realisedValue ?? null,
          baselineOn: input.baselineOn ?? null,
          forecastOn: input.forecastOn ?? null,
          realisedOn: input.realisedOn ?? null,
        };
        refuseProblems([
          ...(await checkPlacement(tx, team.registrationId, access.registration.programmeId, state)),
          ...benefitProblems(state, ukDate(clock())),
        ]);
        const status: BenefitStatus = state.cashable ? "awaiting_sign_off" : "recorded";
        const row = await repo.insertBenefit(tx, {
          ...state,
          registrationId: team.registrationId,
          teamId: team.id,
          cashOrder: cashOrderOf(state),
          status,
          recordedBy: actor.userId,
        });
        await repo.insertEvent(tx, {
          benefitId: row.id,
          actorUserId: actor.userId,
          kind: "created",
          changes: { ...initialChanges(state), status: [null, status] },
        });
        if (state.cashable) await notifyFinance(tx, actor, row, team.name, "recorded");
        return detailOf(tx, actor, access, row.id);
      });
    },

    /**
     * Changes a benefit (409 on a stale revision). Changing the figures, dates, method or category of a signed-off or
     * rejected cashable benefit sends it back for sign-off, and the answer says so. Every change is in the history.
     */
    async update(actor: Actor, benefitId: string, input: BenefitUpdateInput): Promise<BenefitChangeResult> {
      return db.transaction(async (tx) => {
        const { row, view, access } = await benefitAccess(tx, actor, benefitId, true);
        assertCanRecord(access, { id: row.teamId, name: view.teamName });
        if (input.revision !== row.revision)
          throw new AppError(
            409,
            "stale_revision",
            "Someone changed this benefit after you opened it. Reload the page to see their changes, then make yours again.",
          );
        const { revision: _revision, ...patch } = input;
        const before = stateOf(row);
        const after = mergeBenefit(before, patch);
        refuseProblems([
          ...(await checkPlacement(tx, row.registrationId, access.registration.programmeId, after)),
          ...benefitProblems(after, ukDate(clock())),
        ]);
        const changes = diffBenefit(before, after);
        const changed = Object.keys(changes).length > 0;
        if (!changed)
          return {
            benefit: await detailOf(tx, actor, access, benefitId),
            returnedForSignOff: false,
            message: changeMessage(false, false),
          };
        const { status, returnedForSignOff } = statusAfterChange(row, after, changes);
        const statusChanged = status !== row.status;
        const keepsSignOff = status === "signed_off";
        const updated = await repo.updateBenefit(tx, benefitId, {
          ...after,
          cashOrder: cashOrderOf(after),
          status,
          ...(keepsSignOff ? {} : { signedOffBy: null, signedOffAt: null }),
        });
        await repo.insertEvent(tx, {
          benefitId,
          actorUserId: actor.userId,
          kind: "updated",
          changes: { ...changes, ...(statusChanged ? { status: [row.status, status] } : {}) },
        });
        if (returnedForSignOff)
          await repo.insertEvent(tx, {
            benefitId,
            actorUserId: actor.userId,
            kind: "returned_for_sign_off",
            changes: { status: [row.status, status] },
            comment:
              "The figures changed after the finance decision, so the benefit needs signing off again.",
          });
        // Finance leads hear when a benefit starts waiting for them; changes while it already waits need no mail.
        if (status === "awaiting_sign_off" && statusChanged)
          await notifyFinance(tx, actor, updated, view.teamName, "changed");
        return {
          benefit: await detailOf(tx, actor, access, benefitId),
          returnedForSignOff,
          message: changeMessage(returnedForSignOff, true),
        };
      });
    },

    /**
     * A finance lead signs off, queries or rejects a cashable benefit awaiting sign-off: never one they recorded or
     * last changed the figures of. The row is locked so two finance leads cannot decide at once. Audited; the person
     * who recorded the benefit is told.
     */
    async decide(
      actor: Actor,
      context: RequestContext,
      benefitId: string,
      input: BenefitDecisionInput,
    ): Promise<BenefitChangeResult> {
      return db.transaction(async (tx) => {
        const row = await repo.lockBenefit(tx, benefitId);
        if (!row) throw notFound("The benefit");
        const access = await loadRegistrationAccess(tx, row.registrationId, actor).catch((error: unknown) => {
          throw error instanceof AppError && error.status === 404 ? notFound("The benefit") : error;
        });
        const names = await repo.getRegistrationNames(tx, row.registrationId);
        const refusal = decisionRefusal({
          isFinanceLead: access.canSignOff,
          organisationName: names?.organisationName ?? "the organisation",
          actorUserId: actor.userId,
          recordedBy: row.recordedBy,
          lastValuesChangedBy: lastValuesChanger(await repo.listValueEvents(tx, benefitId)),
          cashable: row.cashable,
          status: row.status,
        });
        if (refusal)
          throw refusal.status === 403 ? forbidden(`${refusal.message}.`) : conflict(`${refusal.message}.`);
        const signed = input.decision === "signed_off";
        await repo.updateBenefit(tx, benefitId, {
          status: input.decision,
          signedOffBy: signed ? actor.userId : null,
          signedOffAt: signed ? clock() : null,
        });
        await repo.insertEvent(tx, {
          benefitId,
          actorUserId: actor.userId,
          kind: input.decision,
          changes: { status: [row.status, input.decision] },
          comment: input.comment,
        });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "benefits.decided",
          subjectType: "benefit",
          subjectId: benefitId,
          details: {
            registrationId: row.registrationId,
            teamId: row.teamId,
            title: row.title,
            decision: input.decision,
            realisedPence: row.realisedPence,
            forecastPence: row.forecastPence,
          },
        });
        if (row.recordedBy && row.recordedBy !== actor.userId) {
          const recorder = await repo.contactOf(tx, row.recordedBy);
          if (recorder)
            await mailer.enqueue(
              tx,
              decisionMessage(recorder.email, {
                benefitTitle: row.title,
                decision: input.decision,
                comment: input.comment,
                byName: actorName(actor),
                url: benefitUrl(benefitId),
              }),
            );
        }
        const message = {
          signed_off: "Benefit signed off: its realised value now counts",
          queried: "Query sent: the team will answer it",
          rejected: "Benefit rejected",
        }[input.decision];
        return { benefit: await detailOf(tx, actor, access, benefitId), returnedForSignOff: false, message };
      });
    },

    /** Someone who may record the team's benefits answers a finance lead's query: it waits for sign-off again. */
    async answer(actor: Actor, benefitId: string, input: BenefitAnswerInput): Promise<BenefitChangeResult> {
      return db.transaction(async (tx) => {
        const { row, view, access } = await benefitAccess(tx, actor, benefitId, true);
        assertCanRecord(access, { id: row.teamId, name: view.teamName });
        if (row.status !== "queried") throw conflict("There is no query to answer on this benefit.");
        const updated = await repo.updateBenefit(tx, benefitId, { status: "awaiting_sign_off" });
        await repo.insertEvent(tx, {
          benefitId,
          actorUserId: actor.userId,
          kind: "answered",
          changes: { status: ["queried", "awaiting_sign_off"] },
          comment: input.comment,
        });
        await notifyFinance(tx, actor, updated, view.teamName, "answered");
        return {
          benefit: await detailOf(tx, actor, access, benefitId),
          returnedForSignOff: false,
          message: "Answer sent: the benefit is back with the finance lead for sign-off",
        };
      });
    },

    /** 404/403 before an upload is read: only those who may change the team's benefits add evidence. */
    async assertCanAddEvidence(actor: Actor, benefitId: string): Promise<void> {
      const { row, view, access } = await benefitAccess(db, actor, benefitId);
      assertCanRecord(access, { id: row.teamId, name: view.teamName });
    },

    /** Adds an evidence file once its contents match its name and it is within its kind's limit. */
    async addEvidence(actor: Actor, benefitId: string, upload: EvidenceUpload): Promise<BenefitDetail> {
      const type = await checkEvidenceFile(upload.filename, upload.bytes);
      const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
      return db.transaction(async (tx) => {
        const { row, view, access } = await benefitAccess(tx, actor, benefitId, true);
        assertCanRecord(access, { id: row.teamId, name: view.teamName });
        await repo.insertEvidence(tx, {
          benefitId,
          filename: upload.filename,
          contentType: type.contentType,
          sizeBytes: upload.bytes.length,
          sha256,
          content: upload.bytes,
          addedBy: actor.userId,
        });
        await repo.insertEvent(tx, {
          benefitId,
          actorUserId: actor.userId,
          kind: "evidence_added",
          changes: { file: [null, upload.filename] },
        });
        return detailOf(tx, actor, access, benefitId);
      });
    },

    /** An evidence file's bytes for anyone who may read the benefit. */
    async readEvidence(actor: Actor, benefitId: string, evidenceId: string) {
      await benefitAccess(db, actor, benefitId);
      const file = await repo.getEvidence(db, benefitId, evidenceId);
      if (!file) throw notFound("The evidence file");
      const bytes = await repo.readEvidenceContent(db, file.storedFileId);
      if (!bytes) throw notFound("The evidence file");
      return { filename: file.filename, contentType: file.contentType, bytes };
    },

    /** Removes an evidence file (those who may change the benefit), unless the benefit is signed off (409). */
    async removeEvidence(actor: Actor, benefitId: string, evidenceId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const { row, view, access } = await benefitAccess(tx, actor, benefitId, true);
        assertCanRecord(access, { id: row.teamId, name: view.teamName });
        const file = await repo.getEvidence(tx, benefitId, evidenceId);
        if (!file) throw notFound("The evidence file");
        if (row.status === "signed_off")
          throw conflict(
            "The benefit is signed off, so its evidence stays. Change the benefit first if the evidence was wrong.",
          );
        await repo.deleteEvidenceFile(tx, file.storedFileId);
        await repo.insertEvent(tx, {
          benefitId,
          actorUserId: actor.userId,
          kind: "evidence_removed",
          changes: { file: [file.filename, null] },
        });
      });
    },
  };
}
