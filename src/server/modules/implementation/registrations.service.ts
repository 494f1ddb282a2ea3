import { formatCalendarDate } from "../../../shared/dates.js";
import {
  DEFAULT_BENEFIT_AREAS,
  REGISTRATION_ROLE_LABELS,
  type RegistrationRole,
} from "../../../shared/implementation.js";
import {
  type MyRegistrations,
  type PersonAddInput,
  type RegistrableProgrammes,
  type RegistrationCreateInput,
  type RegistrationDetail,
  type RegistrationPerson,
  TEAM_EARLIEST_START,
  type TeamCreateInput,
  type TeamDetail,
  type TeamUpdateInput,
} from "../../../shared/implementation-registrations.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.js";
import {
  assertCanEditTeam,
  assertCanManage,
  type ImplementationAccess,
  loadRegistrationAccess,
  loadTeamAccess,
} from "./implementation-access.js";
import * as repo from "./registrations.repository.js";

/** 422 naming the field, for input the schema accepts but the rules refuse. */
export function unprocessable(field: string, message: string): AppError {
  return new AppError(422, "validation_failed", message, [{ field, message }]);
}

/** Today in the UK as year-month-day, for "not in the future" checks. */
export function ukToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

/** Why a team's start date is refused, or null: a real date (the schema checks), not in the future, not before 2000. */
export function teamStartProblem(startedOn: string, today: string): string | null {
  if (startedOn > today) return "The date the team started on the programme must be today or in the past";
  if (startedOn < TEAM_EARLIEST_START)
    return `The date the team started on the programme must be on or after ${formatCalendarDate(TEAM_EARLIEST_START)}`;
  return null;
}

/** The message when someone named by email has no account in the organisation (or below it). */
function noAccountMessage(organisationName: string): string {
  return `There is no account for that email address in ${organisationName}. Ask them to create one, choosing ${organisationName}.`;
}

/** The access flags pages use to show or hide actions. */
function accessFlags(access: ImplementationAccess): RegistrationDetail["access"] {
  return {
    isAdmin: access.isAdmin,
    isProgrammeLead: access.isProgrammeLead,
    isExecutive: access.isExecutive,
    isFinanceLead: access.isFinanceLead,
    canReadAll: access.canReadAll,
    canManage: access.canManage,
    canSignOff: access.canSignOff,
    ledTeamIds: access.ledTeamIds,
  };
}

/** Registration: programmes to register on, registering, people and teams (issue 9). */
export function createRegistrationsService(deps: { db: Db; now?: () => Date }) {
  const db = deps.db;
  const clock = deps.now ?? (() => new Date());

  async function teamDetail(tx: Tx, teamId: string, access: ImplementationAccess): Promise<TeamDetail> {
    const t = await repo.getTeamDetail(tx, teamId);
    if (!t) throw notFound("The team");
    return {
      id: t.id,
      registrationId: t.registrationId,
      programme: { id: t.programmeId, title: t.programmeTitle },
      organisation: { id: t.organisationId, name: t.organisationName },
      name: t.name,
      setting: t.setting,
      leader:
        t.leaderUserId && t.leaderEmail
          ? {
              userId: t.leaderUserId,
              name: `${t.leaderGivenName ?? ""} ${t.leaderFamilyName ?? ""}`.trim(),
              email: t.leaderEmail,
            }
          : null,
      size: t.size,
      startedOn: t.startedOn,
      revision: t.revision,
      access: { canEdit: access.canEditTeam(t.id), canManage: access.canManage },
    };
  }

  return {
    /** Programmes with a house, and whether the actor's organisation is registered on each. */
    async listProgrammes(actor: Actor): Promise<RegistrableProgrammes> {
      const ownId = actor.account.organisation?.id ?? null;
      const [programmes, chain, ownRegistrations] = await Promise.all([
        repo.listProgrammesWithHouse(db),
        ownId ? repo.listOrganisationAndAbove(db, ownId) : Promise.resolve([]),
        ownId ? repo.listRegistrationsOfOrganisation(db, ownId) : Promise.resolve([]),
      ]);
      const readable = await repo.registrationsReadableBy(
        db,
        actor.userId,
        ownRegistrations.map((r) => r.id),
      );
      const isAdmin = actor.roles.some((r) => r.role === "platform_admin");
      return {
        programmes: programmes.map((p) => {
          const registration = ownRegistrations.find((r) => r.programmeId === p.id);
          return {
            ...p,
            registered: registration !== undefined,
            registrationId:
              registration && (isAdmin || readable.has(registration.id)) ? registration.id : null,
          };
        }),
        organisations: chain.map((o) => ({ id: o.id, name: o.name, type: o.type, own: o.depth === 0 })),
      };
    },

    /** The actor's registrations: where they hold a role or lead a team. */
    async listMine(actor: Actor): Promise<MyRegistrations> {
      const rows = await repo.listRegistrationsOfUser(db, actor.userId);
      return {
        registrations: rows.map((r) => ({
          id: r.id,
          programme: { id: r.programmeId, title: r.programmeTitle },
          organisation: { id: r.organisationId, name: r.organisationName },
          roles: r.roles,
          ledTeams: r.ledTeams,
        })),
      };
    },

    /**
     * Registers an organisation (the actor's own or one above it) on a programme with a house. The actor becomes a
     * programme lead, with the named programme lead if different; the executive sponsor is named; the four default
     * benefit areas are created.
     */
    async register(
      actor: Actor,
      context: RequestContext,
      input: RegistrationCreateInput,
    ): Promise<{ id: string }> {
      return db.transaction(async (tx) => {
        const programme = await repo.getProgrammeWithModuleCount(tx, input.programmeId);
        if (!programme) throw unprocessable("programmeId", "Choose a programme from the list");
        if (programme.moduleCount === 0)
          throw unprocessable(
            "programmeId",
            `${programme.title} has no modules set up yet, so organisations cannot register on it. Choose another programme.`,
          );
        const ownId = actor.account.organisation?.id ?? null;
        if (!ownId)
          throw forbidden(
            "Your account has no organisation. Choose your organisation in your account details, then register it.",
          );
        const chain = await repo.listOrganisationAndAbove(tx, ownId);
        const organisation = chain.find((o) => o.id === input.organisationId);
        if (!organisation)
          throw forbidden(
            `You can register only your own organisation (${chain[0]?.name ?? "yours"}) or one above it. Ask someone in that organisation to register it.`,
          );
        const existing = await repo.findRegistration(tx, programme.id, organisation.id);
        if (existing)
          throw conflict(
            `${organisation.name} is already registered on ${programme.title}${existing.leadName ? `; its programme lead is ${existing.leadName}` : ""}. Ask the programme lead to add you.`,
          );
        const problems: Array<{ field: string; message: string }> = [];
        const sponsor = await repo.findUserInOrganisationTree(
          tx,
          input.executiveSponsorEmail,
          organisation.id,
        );
        if (!sponsor)
          problems.push({ field: "executiveSponsorEmail", message: noAccountMessage(organisation.name) });
        const leadEmail = input.programmeLeadEmail;
        const lead =
          leadEmail && leadEmail !== actor.email.toLowerCase()
            ? await repo.findUserInOrganisationTree(tx, leadEmail, organisation.id)
            : null;
        if (leadEmail && leadEmail !== actor.email.toLowerCase() && !lead)
          problems.push({ field: "programmeLeadEmail", message: noAccountMessage(organisation.name) });
        if (problems.length > 0)
          throw new AppError(
            422,
            "validation_failed",
            problems.length === 1
              ? (problems[0]?.message ?? "")
              : "There is a problem with the people you named.",
            problems,
          );
        const id = await repo.insertRegistration(tx, {
          programmeId: programme.id,
          organisationId: organisation.id,
          registeredBy: actor.userId,
        });
        if (!id) throw conflict(`${organisation.name} is already registered on ${programme.title}.`);
        const people: Array<{
          registrationId: string;
          userId: string;
          role: RegistrationRole;
          addedBy: string;
        }> = [{ registrationId: id, userId: actor.userId, role: "programme_lead", addedBy: actor.userId }];
        if (lead)
          people.push({ registrationId: id, userId: lead.id, role: "programme_lead", addedBy: actor.userId });
        if (sponsor)
          people.push({
            registrationId: id,
            userId: sponsor.id,
            role: "executive_sponsor",
            addedBy: actor.userId,
          });
        await repo.insertPeople(tx, people);
        await repo.insertBenefitAreas(tx, id, DEFAULT_BENEFIT_AREAS);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.registered",
          subjectType: "programme_registration",
          subjectId: id,
          details: {
            programmeId: programme.id,
            organisationId: organisation.id,
            people: people.map((p) => ({ userId: p.userId, role: p.role })),
          },
        });
        return { id };
      });
    },

    /**
     * A registration's overview: people by role and teams (a team leader sees only their own). An administrator who
     * is not on the registration reading its people is audited.
     */
    async get(actor: Actor, context: RequestContext, registrationId: string): Promise<RegistrationDetail> {
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        const header = await repo.getRegistrationHeader(tx, registrationId);
        if (!header) throw notFound("The programme registration");
        // One after another: a transaction is one connection, which runs one statement at a time.
        const people = await repo.listPeople(tx, registrationId);
        const teams = await repo.listTeams(
          tx,
          registrationId,
          access.canReadAll ? undefined : access.ledTeamIds,
        );
        if (access.isAdmin && access.roles.length === 0 && access.ledTeamIds.length === 0)
          await recordAudit(tx, context, {
            actorUserId: actor.userId,
            action: "implementation.registration_viewed",
            subjectType: "programme_registration",
            subjectId: registrationId,
          });
        return {
          id: header.id,
          programme: { id: header.programmeId, slug: header.programmeSlug, title: header.programmeTitle },
          organisation: {
            id: header.organisationId,
            name: header.organisationName,
            type: header.organisationType,
          },
          registeredOn: ukToday(header.createdAt),
          people,
          teams,
          access: accessFlags(access),
        };
      });
    },

    /** Names someone on the registration in a role (programme leads). */
    async addPerson(
      actor: Actor,
      context: RequestContext,
      registrationId: string,
      input: PersonAddInput,
    ): Promise<RegistrationPerson> {
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        assertCanManage(access);
        const header = await repo.getRegistrationHeader(tx, registrationId);
        if (!header) throw notFound("The programme registration");
        const person = await repo.findUserInOrganisationTree(tx, input.email, header.organisationId);
        if (!person) throw unprocessable("email", noAccountMessage(header.organisationName));
        const added = await repo.insertPeople(tx, [
          { registrationId, userId: person.id, role: input.role, addedBy: actor.userId },
        ]);
        if (added === 0)
          throw conflict(
            `${person.name} is already ${REGISTRATION_ROLE_LABELS[input.role].toLowerCase()} on this registration.`,
          );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.person_added",
          subjectType: "programme_registration",
          subjectId: registrationId,
          details: { userId: person.id, role: input.role },
        });
        return { userId: person.id, name: person.name, email: person.email, role: input.role };
      });
    },

    /** Removes someone's role (programme leads); the last programme lead stays. */
    async removePerson(
      actor: Actor,
      context: RequestContext,
      params: { registrationId: string; userId: string; role: RegistrationRole },
    ): Promise<void> {
      await db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, params.registrationId, actor);
        assertCanManage(access);
        // Two programme leads removing each other at once must not leave none: queue changes to the people.
        await repo.lockRegistration(tx, params.registrationId);
        if (params.role === "programme_lead") {
          const leads = await repo.countRole(tx, params.registrationId, "programme_lead");
          const people = await repo.listPeople(tx, params.registrationId);
          const holds = people.some((p) => p.userId === params.userId && p.role === "programme_lead");
          if (holds && leads <= 1)
            throw conflict(
              "A registration needs at least one programme lead. Add another programme lead before removing this one.",
            );
        }
        const removed = await repo.deletePerson(tx, params.registrationId, params.userId, params.role);
        if (!removed) throw notFound(`That ${REGISTRATION_ROLE_LABELS[params.role].toLowerCase()}`);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.person_removed",
          subjectType: "programme_registration",
          subjectId: params.registrationId,
          details: { userId: params.userId, role: params.role },
        });
      });
    },

    /** Adds a team with its leader (programme leads). */
    async addTeam(
      actor: Actor,
      context: RequestContext,
      registrationId: string,
      input: TeamCreateInput,
    ): Promise<{ id: string }> {
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        assertCanManage(access);
        const header = await repo.getRegistrationHeader(tx, registrationId);
        if (!header) throw notFound("The programme registration");
        const problems: Array<{ field: string; message: string }> = [];
        if (await repo.teamNameTaken(tx, registrationId, input.name))
          problems.push({
            field: "name",
            message: `There is already a team called ${input.name}. Give this team a different name.`,
          });
        const leader = await repo.findUserInOrganisationTree(tx, input.leaderEmail, header.organisationId);
        if (!leader)
          problems.push({ field: "leaderEmail", message: noAccountMessage(header.organisationName) });
        const startProblem = teamStartProblem(input.startedOn, ukToday(clock()));
        if (startProblem) problems.push({ field: "startedOn", message: startProblem });
        if (problems.length > 0 || !leader)
          throw new AppError(
            422,
            "validation_failed",
            problems.length === 1
              ? (problems[0]?.message ?? "")
              : "There is a problem with the team's details.",
            problems,
          );
        const id = await repo.insertTeam(tx, {
          registrationId,
          name: input.name,
          setting: input.setting,
          leaderUserId: leader.id,
          size: input.size,
          startedOn: input.startedOn,
        });
        if (!id)
          throw unprocessable(
            "name",
            `There is already a team called ${input.name}. Give this team a different name.`,
          );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.team_added",
          subjectType: "implementation_team",
          subjectId: id,
          details: { registrationId, name: input.name, leaderUserId: leader.id },
        });
        return { id };
      });
    },

    /** One team (its leader, the programme lead, executives, finance leads, administrators). */
    async getTeam(actor: Actor, teamId: string): Promise<TeamDetail> {
      return db.transaction(async (tx) => {
        const { access } = await loadTeamAccess(tx, teamId, actor);
        return teamDetail(tx, teamId, access);
      });
    },

    /**
     * Changes a team: its leader or a programme lead changes the name, setting and size; only a programme lead
     * changes the leader and the start date. 409 when the form's revision is stale.
     */
    async updateTeam(
      actor: Actor,
      context: RequestContext,
      teamId: string,
      input: TeamUpdateInput,
    ): Promise<TeamDetail> {
      return db.transaction(async (tx) => {
        const { access, team } = await loadTeamAccess(tx, teamId, actor);
        assertCanEditTeam(access, team);
        const current = await teamDetail(tx, teamId, access);
        const changesLeader =
          input.leaderEmail !== undefined && input.leaderEmail !== current.leader?.email.toLowerCase();
        const changesStart = input.startedOn !== undefined && input.startedOn !== current.startedOn;
        if ((changesLeader || changesStart) && !access.canManage)
          throw forbidden("Only the programme lead can change a team's leader or the date it started.");
        if (input.revision !== team.revision)
          throw conflict(
            "Someone else changed this team since you opened the form. Reload the page to see their changes, then make yours again.",
          );
        const header = await repo.getRegistrationHeader(tx, team.registrationId);
        if (!header) throw notFound("The team");
        const problems: Array<{ field: string; message: string }> = [];
        const values: Parameters<typeof repo.updateTeam>[3] = {};
        const changes: Record<string, [unknown, unknown]> = {};
        if (input.name !== undefined && input.name !== team.name) {
          if (await repo.teamNameTaken(tx, team.registrationId, input.name, team.id))
            problems.push({
              field: "name",
              message: `There is already a team called ${input.name}. Give this team a different name.`,
            });
          values.name = input.name;
          changes.name = [team.name, input.name];
        }
        if (input.setting !== undefined && input.setting !== team.setting) {
          values.setting = input.setting;
          changes.setting = [team.setting, input.setting];
        }
        if (input.size !== undefined && input.size !== team.size) {
          values.size = input.size;
          changes.size = [team.size, input.size];
        }
        if (changesLeader && input.leaderEmail) {
          const leader = await repo.findUserInOrganisationTree(tx, input.leaderEmail, header.organisationId);
          if (!leader)
            problems.push({ field: "leaderEmail", message: noAccountMessage(header.organisationName) });
          else {
            values.leaderUserId = leader.id;
            changes.leaderUserId = [team.leaderUserId, leader.id];
          }
        }
        if (changesStart && input.startedOn) {
          const problem = teamStartProblem(input.startedOn, ukToday(clock()));
          const earliest = problem ? null : await repo.earliestProgressDate(tx, team.id);
          if (problem) problems.push({ field: "startedOn", message: problem });
          else if (earliest && input.startedOn > earliest)
            problems.push({
              field: "startedOn",
              message: `The team has module dates from ${formatCalendarDate(earliest)}, so it cannot have started on the programme after that`,
            });
          else {
            values.startedOn = input.startedOn;
            changes.startedOn = [team.startedOn, input.startedOn];
          }
        }
        if (problems.length > 0)
          throw new AppError(
            422,
            "validation_failed",
            problems.length === 1
              ? (problems[0]?.message ?? "")
              : "There is a problem with the team's details.",
            problems,
          );
        if (Object.keys(changes).length === 0) return current;
        if (!(await repo.updateTeam(tx, team.id, input.revision, values)))
          throw conflict(
            "Someone else changed this team since you opened the form. Reload the page to see their changes, then make yours again.",
          );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.team_changed",
          subjectType: "implementation_team",
          subjectId: team.id,
          details: { registrationId: team.registrationId, changes },
        });
        return teamDetail(tx, team.id, access);
      });
    },
  };
}
