import { z } from "zod";
import { REGISTRATION_ROLES, TEAM_SETTINGS } from "./implementation.js";
import { ORGANISATION_TYPES } from "./organisations.js";

/**
 * Programme implementation, registration part (issue 9): an organisation's registration on a programme, the people
 * named on it, and its teams. The lists and their words are in implementation.ts.
 */

/** Longest team name, in characters. */
export const TEAM_NAME_MAX = 120;
/** Smallest and largest team size (people). */
export const TEAM_SIZE_MIN = 1;
/** Largest team size (people). */
export const TEAM_SIZE_MAX = 1000;
/** The earliest date a team may have started on a programme. */
export const TEAM_EARLIEST_START = "2000-01-01";

const uuid = z.uuid("Enter a valid id");

/** An email address as people type it: trimmed, checked and lower-cased (accounts are keyed that way). */
const email = (what: string) =>
  z
    .string(`Enter ${what}`)
    .trim()
    .min(1, `Enter ${what}`)
    .max(254, "Email address must be 254 characters or fewer")
    .pipe(z.email(`Enter ${what} in the correct format, like name@example.nhs.uk`))
    .transform((value) => value.toLowerCase());

/** A calendar date as year-month-day that exists ("2026-02-30" is refused). */
const isoDate = z
  .string("Enter the date the team started on the programme")
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as year-month-day, like 2026-03-02")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
  }, "Enter a real date, like 2026-03-02");

const teamName = z
  .string("Enter the team's name")
  .trim()
  .min(1, "Enter the team's name")
  .max(TEAM_NAME_MAX, `The team's name must be ${TEAM_NAME_MAX} characters or fewer`)
  .regex(/^[^\p{Cc}<>]+$/u, "The team's name must not contain < or > or control characters");

const teamSize = z
  .number("Enter the number of people in the team")
  .int("Enter the team's size as a whole number")
  .min(
    TEAM_SIZE_MIN,
    `A team has between ${TEAM_SIZE_MIN} and ${TEAM_SIZE_MAX.toLocaleString("en-GB")} people`,
  )
  .max(
    TEAM_SIZE_MAX,
    `A team has between ${TEAM_SIZE_MIN} and ${TEAM_SIZE_MAX.toLocaleString("en-GB")} people`,
  );

const setting = z.enum(TEAM_SETTINGS, "Choose where the team works");
const role = z.enum(REGISTRATION_ROLES, "Choose a role: programme lead, executive sponsor or finance lead");

/** Params naming a registration. */
export const RegistrationParamsSchema = z.strictObject({ registrationId: uuid });
/** Params naming a person's role on a registration. */
export const RegistrationPersonParamsSchema = z.strictObject({ registrationId: uuid, userId: uuid, role });
/** Params naming a team. */
export const TeamParamsSchema = z.strictObject({ teamId: uuid });

/** A programme someone may register on: it has a house. */
export const RegistrableProgrammeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  moduleCount: z.number().int(),
  /** Whether the actor's own organisation is registered on it. */
  registered: z.boolean(),
  /** That registration's id, when the actor may read it. */
  registrationId: z.string().nullable(),
});
/** A programme someone may register on. */
export type RegistrableProgramme = z.infer<typeof RegistrableProgrammeSchema>;

/** An organisation the actor may register: their own or one above it. */
export const RegistrableOrganisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  own: z.boolean(),
});

/** GET /api/implementation/programmes. */
export const RegistrableProgrammesSchema = z.object({
  programmes: z.array(RegistrableProgrammeSchema),
  /** The actor's organisation first, then those above it; empty when the account has no organisation. */
  organisations: z.array(RegistrableOrganisationSchema),
});
/** GET /api/implementation/programmes. */
export type RegistrableProgrammes = z.infer<typeof RegistrableProgrammesSchema>;

/** One of the actor's registrations, with their roles and the teams they lead on it. */
export const MyRegistrationSchema = z.object({
  id: z.string(),
  programme: z.object({ id: z.string(), title: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  roles: z.array(z.enum(REGISTRATION_ROLES)),
  ledTeams: z.array(z.object({ id: z.string(), name: z.string() })),
});
/** One of the actor's registrations. */
export type MyRegistration = z.infer<typeof MyRegistrationSchema>;

/** GET /api/implementation/registrations. */
export const MyRegistrationsSchema = z.object({ registrations: z.array(MyRegistrationSchema) });
/** GET /api/implementation/registrations. */
export type MyRegistrations = z.infer<typeof MyRegistrationsSchema>;

/** POST /api/implementation/registrations. */
export const RegistrationCreateSchema = z.strictObject({
  programmeId: z.uuid("Choose a programme"),
  organisationId: z.uuid("Choose the organisation to register"),
  executiveSponsorEmail: email("the executive sponsor's email address"),
  /** Left out or the actor's own address: the actor is the only programme lead. */
  programmeLeadEmail: email("the programme lead's email address").optional(),
});
/** POST /api/implementation/registrations. */
export type RegistrationCreateInput = z.infer<typeof RegistrationCreateSchema>;

/** A person named on a registration in one role. */
export const RegistrationPersonSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(REGISTRATION_ROLES),
});
/** A person named on a registration. */
export type RegistrationPerson = z.infer<typeof RegistrationPersonSchema>;

/** A team as its registration's overview lists it. */
export const TeamSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  setting: z.enum(TEAM_SETTINGS),
  leaderUserId: z.string().nullable(),
  leaderName: z.string().nullable(),
  size: z.number().int(),
  startedOn: z.string(),
});
/** A team in the overview. */
export type TeamSummary = z.infer<typeof TeamSummarySchema>;

/** What the actor may do on a registration, for pages to show or hide actions (the API checks again). */
export const RegistrationAccessSchema = z.object({
  isAdmin: z.boolean(),
  isProgrammeLead: z.boolean(),
  isExecutive: z.boolean(),
  isFinanceLead: z.boolean(),
  canReadAll: z.boolean(),
  canManage: z.boolean(),
  canSignOff: z.boolean(),
  ledTeamIds: z.array(z.string()),
});
/** The actor's access flags. */
export type RegistrationAccess = z.infer<typeof RegistrationAccessSchema>;

/** GET /api/implementation/registrations/:registrationId. */
export const RegistrationDetailSchema = z.object({
  id: z.string(),
  programme: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string(), type: z.enum(ORGANISATION_TYPES) }),
  registeredOn: z.string(),
  people: z.array(RegistrationPersonSchema),
  /** Every team for those who read all; a team leader's own teams only. */
  teams: z.array(TeamSummarySchema),
  access: RegistrationAccessSchema,
});
/** A registration's overview. */
export type RegistrationDetail = z.infer<typeof RegistrationDetailSchema>;

/** POST /api/implementation/registrations/:registrationId/people. */
export const PersonAddSchema = z.strictObject({
  email: email("their email address"),
  role,
});
/** POST …/people. */
export type PersonAddInput = z.infer<typeof PersonAddSchema>;

/** POST /api/implementation/registrations/:registrationId/teams. */
export const TeamCreateSchema = z.strictObject({
  name: teamName,
  setting,
  leaderEmail: email("the team leader's email address"),
  size: teamSize,
  startedOn: isoDate,
});
/** POST …/teams. */
export type TeamCreateInput = z.infer<typeof TeamCreateSchema>;

/**
 * PATCH /api/implementation/teams/:teamId: the fields to change and the revision the form was loaded at. A team's
 * leader may change its name, setting and size; the leader and start date are the programme lead's.
 */
export const TeamUpdateSchema = z.strictObject({
  name: teamName.optional(),
  setting: setting.optional(),
  leaderEmail: email("the team leader's email address").optional(),
  size: teamSize.optional(),
  startedOn: isoDate.optional(),
  revision: z.number("Send the revision the form was loaded at").int().min(1),
});
/** PATCH …/teams/:teamId. */
export type TeamUpdateInput = z.infer<typeof TeamUpdateSchema>;

/** GET /api/implementation/teams/:teamId (and the answer to PATCH). */
export const TeamDetailSchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  programme: z.object({ id: z.string(), title: z.string() }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  name: z.string(),
  setting: z.enum(TEAM_SETTINGS),
  leader: z.object({ userId: z.string(), name: z.string(), email: z.string() }).nullable(),
  size: z.number().int(),
  startedOn: z.string(),
  revision: z.number().int(),
  access: z.object({
    /** Change the name, setting and size: the team's leader or a programme lead. */
    canEdit: z.boolean(),
    /** Change the leader and start date: a programme lead. */
    canManage: z.boolean(),
  }),
});
/** One team. */
export type TeamDetail = z.infer<typeof TeamDetailSchema>;

/** The id of what was created. */
export const CreatedSchema = z.object({ id: z.string() });
