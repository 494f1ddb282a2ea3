import { aliasedTable, and, asc, eq, inArray } from "drizzle-orm";
import type { BenefitGroupRow, RollupDimensions, SummaryGrouping } from "../../../shared/benefits-rollup.js";
import type {
  BenefitStatus,
  CashCategory,
  CashOrder,
  RegistrationRole,
} from "../../../shared/implementation.js";
import { benefitAreas, benefits, houseModules, implementationTeams, users } from "../../db/schema/index.js";
import type { Database, Tx } from "../../platform/db.js";

/** A registration's facts for the summary and where the reader stands on it, read in one statement. */
export interface SummaryContext {
  registration: { id: string; programmeId: string; organisationId: string };
  organisation: { id: string; name: string; type: string };
  programme: { id: string; title: string };
  nationalPotentialPence: number | null;
  benefitsVersion: number;
  roles: RegistrationRole[];
  ledTeamIds: string[];
  /** Whether the team asked for (if any) belongs to this registration. */
  teamFound: boolean;
}

interface SummaryContextRow {
  id: string;
  programme_id: string;
  organisation_id: string;
  benefits_version: number;
  organisation_name: string;
  organisation_type: string;
  programme_title: string;
  national_potential_pence: string | null;
  roles: RegistrationRole[] | string;
  led_team_ids: string[] | string;
  team_found: boolean;
}

/**
 * The context statement, by registration id ($1) or by organisation ($1) and programme ($4); $2 the reader, $3 an
 * optional team. Raw SQL sent as a named prepared statement: it runs on every summary request (the figures are
 * cached by benefits_version), so PostgreSQL plans it once per connection, like the session check (decision 0020).
 */
function contextSql(where: string): string {
  return `select r.id, r.programme_id, r.organisation_id, r.benefits_version,
    o.name as organisation_name, o.type::text as organisation_type, p.title as programme_title,
    s.national_potential_pence::text as national_potential_pence,
    (select coalesce(json_agg(rp.role::text), '[]'::json) from registration_people rp
      where rp.registration_id = r.id and rp.user_id = $2::uuid) as roles,
    (select coalesce(json_agg(t.id order by t.id), '[]'::json) from implementation_teams t
      where t.registration_id = r.id and t.leader_user_id = $2::uuid) as led_team_ids,
    exists (select 1 from implementation_teams t where t.id = $3::uuid and t.registration_id = r.id) as team_found
  from programme_registrations r
  join organisations o on o.id = r.organisation_id
  join programmes p on p.id = r.programme_id
  left join implementation_settings s on s.programme_id = r.programme_id
  where ${where}`;
}

const CONTEXT_BY_ID_SQL = contextSql("r.id = $1::uuid and $4::uuid is null");
const CONTEXT_BY_ORGANISATION_SQL = contextSql("r.organisation_id = $1::uuid and r.programme_id = $4::uuid");

const parseJson = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

/** The summary's context by registration id, or by organisation and programme; null when there is none. */
export async function getSummaryContext(
  database: Database,
  ids: {
    registrationId?: string;
    organisationId?: string;
    programmeId?: string;
    teamId?: string;
    userId: string;
  },
): Promise<SummaryContext | null> {
  const byId = ids.registrationId !== undefined;
  const [row] = await database.preparedQuery<SummaryContextRow>(
    byId ? "benefits_summary_context_by_id" : "benefits_summary_context_by_organisation",
    byId ? CONTEXT_BY_ID_SQL : CONTEXT_BY_ORGANISATION_SQL,
    [
      byId ? ids.registrationId : ids.organisationId,
      ids.userId,
      ids.teamId ?? null,
      byId ? null : ids.programmeId,
    ],
  );
  if (!row) return null;
  return {
    registration: { id: row.id, programmeId: row.programme_id, organisationId: row.organisation_id },
    organisation: { id: row.organisation_id, name: row.organisation_name, type: row.organisation_type },
    programme: { id: row.programme_id, title: row.programme_title },
    nationalPotentialPence:
      row.national_potential_pence === null ? null : Number(row.national_potential_pence),
    benefitsVersion: Number(row.benefits_version),
    roles: parseJson(row.roles),
    ledTeamIds: parseJson(row.led_team_ids),
    teamFound: row.team_found,
  };
}

/** An organisation and, for each of its programme registrations, the summary's context for one reader. */
export interface OrganisationSummaryContext {
  organisation: { id: string; name: string; type: string };
  /** Every registration of the organisation, by programme title. */
  registrations: SummaryContext[];
}

type OrganisationContextRow = Omit<
  SummaryContextRow,
  "id" | "programme_id" | "benefits_version" | "programme_title"
> & {
  id: string | null;
  programme_id: string | null;
  benefits_version: number | null;
  programme_title: string | null;
};

/**
 * The organisation ($1) with every registration's summary context for the reader ($2), in one statement: the
 * organisation's row stands alone (registration columns null) when it has no registration.
 */
const ORGANISATION_CONTEXT_SQL = `select r.id, r.programme_id, o.id as organisation_id, r.benefits_version,
    o.name as organisation_name, o.type::text as organisation_type, p.title as programme_title,
    s.national_potential_pence::text as national_potential_pence,
    (select coalesce(json_agg(rp.role::text), '[]'::json) from registration_people rp
      where rp.registration_id = r.id and rp.user_id = $2::uuid) as roles,
    (select coalesce(json_agg(t.id order by t.id), '[]'::json) from implementation_teams t
      where t.registration_id = r.id and t.leader_user_id = $2::uuid) as led_team_ids,
    false as team_found
  from organisations o
  left join programme_registrations r on r.organisation_id = o.id
  left join programmes p on p.id = r.programme_id
  left join implementation_settings s on s.programme_id = r.programme_id
  where o.id = $1::uuid
  order by p.title, r.id`;

/** The organisation and its registrations' contexts for the reader; null when there is no such organisation. */
export async function getOrganisationSummaryContext(
  database: Database,
  organisationId: string,
  userId: string,
): Promise<OrganisationSummaryContext | null> {
  const rows = await database.preparedQuery<OrganisationContextRow>(
    "benefits_summary_organisation_context",
    ORGANISATION_CONTEXT_SQL,
    [organisationId, userId],
  );
  const [first] = rows;
  if (!first) return null;
  const organisation = {
    id: first.organisation_id,
    name: first.organisation_name,
    type: first.organisation_type,
  };
  const registrations: SummaryContext[] = [];
  for (const row of rows) {
    if (row.id === null || row.programme_id === null) continue;
    registrations.push({
      registration: { id: row.id, programmeId: row.programme_id, organisationId: row.organisation_id },
      organisation,
      programme: { id: row.programme_id, title: row.programme_title ?? "" },
      nationalPotentialPence:
        row.national_potential_pence === null ? null : Number(row.national_potential_pence),
      benefitsVersion: Number(row.benefits_version),
      roles: parseJson(row.roles),
      ledTeamIds: parseJson(row.led_team_ids),
      teamFound: false,
    });
  }
  return { organisation, registrations };
}

interface GroupRow {
  grouping: SummaryGrouping;
  key: string | null;
  cashable: boolean;
  cash_order: CashOrder | null;
  status: BenefitStatus;
  count: number;
  forecast_pence: string;
  realised_pence: string;
  pending_pence: string;
}

/**
 * The registration's benefits grouped five ways in one pass (GROUPING SETS): by area, team, module, forecast month and
 * realised month, each split by cashability, order and status, with counts and summed pence. Raw SQL because Drizzle
 * has no grouping sets; sums come back as text (bigint sums are numeric) and are checked to be exact on the way in.
 * $1 the registration, $2 the team ids in scope joined by commas, or null for every team.
 */
const GROUPED_BENEFITS_SQL = `with scoped as (
    select b.area_id, b.team_id, b.house_module_id, b.cashable, b.cash_order, b.status,
      to_char(b.forecast_on, 'YYYY-MM') as forecast_month, to_char(b.realised_on, 'YYYY-MM') as realised_month,
      coalesce(b.forecast_pence, 0) as forecast, coalesce(b.realised_pence, 0) as realised,
      coalesce(b.realised_pence, b.forecast_pence, 0) as pending
    from benefits b
    where b.registration_id = $1::uuid
      and ($2::text is null or b.team_id = any (string_to_array($2::text, ',')::uuid[]))
  )
  select case when grouping(area_id) = 0 then 'area' when grouping(team_id) = 0 then 'team'
      when grouping(house_module_id) = 0 then 'module' when grouping(forecast_month) = 0 then 'forecast_month'
      else 'realised_month' end as grouping,
    case when grouping(area_id) = 0 then area_id::text when grouping(team_id) = 0 then team_id::text
      when grouping(house_module_id) = 0 then house_module_id::text
      when grouping(forecast_month) = 0 then forecast_month else realised_month end as key,
    cashable, cash_order::text as cash_order, status::text as status, count(*)::int as count,
    sum(forecast)::text as forecast_pence, sum(realised)::text as realised_pence, sum(pending)::text as pending_pence
  from scoped
  group by cashable, cash_order, status,
    grouping sets ((area_id), (team_id), (house_module_id), (forecast_month), (realised_month))`;

/** A summed pence value from the database as an exact JS number, or an error rather than a rounded figure. */
function exactPence(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`A benefits sum is beyond exact whole pence: ${text}`);
  return n;
}

/** The registration's benefits grouped for the roll-up; teamIds null for every team. */
export async function listGroupedBenefits(
  database: Database,
  registrationId: string,
  teamIds: readonly string[] | null,
): Promise<BenefitGroupRow[]> {
  const rows = await database.preparedQuery<GroupRow>("benefits_summary_grouped", GROUPED_BENEFITS_SQL, [
    registrationId,
    teamIds === null ? null : teamIds.join(","),
  ]);
  return rows.map((r) => ({
    grouping: r.grouping,
    key: r.key,
    cashable: r.cashable,
    cashOrder: r.cash_order,
    status: r.status,
    count: Number(r.count),
    forecastPence: exactPence(r.forecast_pence),
    realisedPence: exactPence(r.realised_pence),
    pendingPence: exactPence(r.pending_pence),
  }));
}

/** The areas of the registration, its teams in scope (teamIds null for all) and its programme's modules. */
export async function listDimensions(
  db: Tx,
  registration: { id: string; programmeId: string },
  teamIds: readonly string[] | null,
): Promise<RollupDimensions> {
  const areas = await db
    .select({ id: benefitAreas.id, label: benefitAreas.label, position: benefitAreas.position })
    .from(benefitAreas)
    .where(eq(benefitAreas.registrationId, registration.id));
  const teams =
    teamIds !== null && teamIds.length === 0
      ? []
      : await db
          .select({ id: implementationTeams.id, name: implementationTeams.name })
          .from(implementationTeams)
          .where(
            and(
              eq(implementationTeams.registrationId, registration.id),
              teamIds === null ? undefined : inArray(implementationTeams.id, [...teamIds]),
            ),
          );
  const modules = await db
    .select({ id: houseModules.id, title: houseModules.title, position: houseModules.position })
    .from(houseModules)
    .where(eq(houseModules.programmeId, registration.programmeId));
  return { areas, teams, modules };
}

/** One benefit as a board paper lists it: where it belongs, what it is, its values, dates and sign-off. */
export interface BenefitExportRow {
  id: string;
  teamName: string;
  moduleTitle: string | null;
  modulePosition: number | null;
  areaLabel: string;
  title: string;
  cashable: boolean;
  cashOrder: CashOrder | null;
  cashCategory: CashCategory | null;
  status: BenefitStatus;
  method: string;
  unit: string;
  baselinePence: number | null;
  forecastPence: number | null;
  realisedPence: number | null;
  baselineValue: number | null;
  forecastValue: number | null;
  realisedValue: number | null;
  baselineOn: string | null;
  forecastOn: string | null;
  realisedOn: string | null;
  signedOffByName: string | null;
  signedOffAt: Date | null;
}

/** Every benefit of the registration in scope, by team, module and title, with who signed it off. */
export async function listBenefitsForExport(
  db: Tx,
  registrationId: string,
  teamIds: readonly string[] | null,
): Promise<BenefitExportRow[]> {
  if (teamIds !== null && teamIds.length === 0) return [];
  const signer = aliasedTable(users, "signer");
  return db
    .select({
      id: benefits.id,
      teamName: implementationTeams.name,
      moduleTitle: houseModules.title,
      modulePosition: houseModules.position,
      areaLabel: benefitAreas.label,
      title: benefits.title,
      cashable: benefits.cashable,
      cashOrder: benefits.cashOrder,
      cashCategory: benefits.cashCategory,
      status: benefits.status,
      method: benefits.method,
      unit: benefits.unit,
      baselinePence: benefits.baselinePence,
      forecastPence: benefits.forecastPence,
      realisedPence: benefits.realisedPence,
      baselineValue: benefits.baselineValue,
      forecastValue: benefits.forecastValue,
      realisedValue: benefits.realisedValue,
      baselineOn: benefits.baselineOn,
      forecastOn: benefits.forecastOn,
      realisedOn: benefits.realisedOn,
      signedOffByGiven: signer.givenName,
      signedOffByFamily: signer.familyName,
      signedOffAt: benefits.signedOffAt,
    })
    .from(benefits)
    .innerJoin(implementationTeams, eq(implementationTeams.id, benefits.teamId))
    .innerJoin(benefitAreas, eq(benefitAreas.id, benefits.areaId))
    .leftJoin(houseModules, eq(houseModules.id, benefits.houseModuleId))
    .leftJoin(signer, eq(signer.id, benefits.signedOffBy))
    .where(
      and(
        eq(benefits.registrationId, registrationId),
        teamIds === null ? undefined : inArray(benefits.teamId, [...teamIds]),
      ),
    )
    .orderBy(asc(implementationTeams.name), asc(houseModules.position), asc(benefits.title), asc(benefits.id))
    .then((rows) =>
      rows.map(({ signedOffByGiven, signedOffByFamily, ...row }) => ({
        ...row,
        signedOffByName:
          signedOffByGiven === null ? null : `${signedOffByGiven} ${signedOffByFamily ?? ""}`.trim(),
      })),
    );
}
