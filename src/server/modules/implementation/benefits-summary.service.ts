import { stringify } from "csv-stringify/sync";
import { rollUpBenefits, rollUpProgrammes } from "../../../shared/benefits-rollup.js";
import {
  type BenefitsSummary,
  type BenefitsSummaryQuery,
  BenefitsSummarySchema,
  type OrganisationBenefitsSummary,
  OrganisationBenefitsSummarySchema,
  type OrganisationSummaryQuery,
  type SummaryExportFormat,
  type SummaryNational,
  type SummaryScope,
} from "../../../shared/implementation-summary.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Database } from "../../platform/db.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { VersionedCache } from "../../platform/versioned-cache.js";
import { fileSlug, neutraliseCell } from "../reports/export-files.js";
import * as repo from "./benefits-summary.repository.js";
import { decideImplementationAccess } from "./implementation-access.js";
import { poundsCell, summaryCsv, summaryFileName, summaryXlsx } from "./summary-export.js";
import { renderSummaryPdf } from "./summary-pdf.js";

/** Audit action for a board-paper export of the benefits summary (it names who signed benefits off). */
export const SUMMARY_EXPORTED = "benefits.summary_exported";

/** Organisation types that are NHS England organisations, for the national comparison (domain.md). */
const NHS_ENGLAND_TYPES = new Set(["nhs_trust", "icb"]);

/** A summary as sent (JSON checked against the schema once, when built) and as the exports use it. */
interface CachedSummary {
  summary: BenefitsSummary;
  json: string;
}

/** A file for download. */
export interface SummaryFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

/** Whose teams a request covers, decided by the one access policy. */
interface Resolved {
  context: repo.SummaryContext;
  scope: SummaryScope;
  /** Teams in scope; null for every team of the registration. */
  teamIds: string[] | null;
}

/** The national comparison: NHS England organisations only, when the programme publishes a potential. */
export function nationalComparison(
  organisationType: string,
  potentialPence: number | null,
  totals: { forecastPence: number; realisedPence: number },
): SummaryNational | null {
  if (!NHS_ENGLAND_TYPES.has(organisationType) || potentialPence === null || potentialPence <= 0) return null;
  return {
    potentialPence,
    realisedPence: totals.realisedPence,
    forecastPence: totals.forecastPence,
    realisedShare: totals.realisedPence / potentialPence,
    forecastShare: totals.forecastPence / potentialPence,
  };
}

/**
 * The benefits summary and its board-paper exports. A request reads its context (the registration, organisation,
 * programme, national potential, benefits version and the reader's standing) in one statement and decides access
 * through the implementation policy; the figures are cached per instance at the registration's benefits_version
 * (moved by triggers on every change, migration 0016), so an unchanged summary costs the session check and that one
 * statement whatever the number of benefits.
 */
export function createBenefitsSummaryService(deps: { database: Database; cacheSize?: number }) {
  const { database } = deps;
  const cache = new VersionedCache<CachedSummary>(deps.cacheSize ?? 2_000);

  async function resolve(actor: Actor, query: BenefitsSummaryQuery): Promise<Resolved> {
    const context = await repo.getSummaryContext(database, {
      registrationId: query.registrationId,
      organisationId: query.organisationId,
      programmeId: query.programmeId,
      teamId: query.teamId,
      userId: actor.userId,
    });
    if (!context) throw notFound("The programme registration");
    const access = decideImplementationAccess(
      { registration: context.registration, roles: context.roles, ledTeamIds: context.ledTeamIds },
      actor,
    );
    if (!access.canRead) throw notFound("The programme registration");
    if (query.teamId !== undefined) {
      if (!context.teamFound) throw notFound("The team");
      if (!access.canReadTeam(query.teamId))
        throw forbidden(
          "You can only see the benefits of teams you lead. Ask the programme lead for the organisation's summary.",
        );
      return { context, scope: "team", teamIds: [query.teamId] };
    }
    if (access.canReadAll) return { context, scope: "organisation", teamIds: null };
    return { context, scope: "teams", teamIds: [...access.ledTeamIds].sort() };
  }

  async function build(resolved: Resolved): Promise<CachedSummary> {
    const { context, scope, teamIds } = resolved;
    const key = `${context.registration.id}|${scope}|${teamIds === null ? "*" : teamIds.join(",")}`;
    // What the figures depend on besides benefits_version: names and the potential are read with the context.
    const version = JSON.stringify([
      context.benefitsVersion,
      context.organisation.name,
      context.organisation.type,
      context.programme.title,
      context.nationalPotentialPence,
    ]);
    const cached = cache.get(key, version);
    if (cached) return cached;
    const [rows, dimensions] = await Promise.all([
      repo.listGroupedBenefits(database, context.registration.id, teamIds),
      repo.listDimensions(database.db, context.registration, teamIds),
    ]);
    const figures = rollUpBenefits(rows, dimensions);
    const summary = BenefitsSummarySchema.parse({
      registrationId: context.registration.id,
      organisation: context.organisation,
      programme: context.programme,
      scope,
      teamIds: dimensions.teams.map((t) => t.id).sort(),
      version: context.benefitsVersion,
      national: nationalComparison(
        context.organisation.type,
        context.nationalPotentialPence,
        figures.totals.total,
      ),
      ...figures,
    });
    const entry = { summary, json: JSON.stringify(summary) };
    cache.set(key, version, entry);
    return entry;
  }

  async function auditExport(
    actor: Actor,
    context: RequestContext,
    summary: BenefitsSummary,
    format: SummaryExportFormat,
  ): Promise<void> {
    await database.db.transaction((tx) =>
      recordAudit(tx, context, {
        actorUserId: actor.userId,
        action: SUMMARY_EXPORTED,
        subjectType: "programme_registration",
        subjectId: summary.registrationId,
        details: {
          format,
          scope: summary.scope,
          teams: summary.teamIds.length,
          benefits: summary.counts.benefits,
          version: summary.version,
        },
      }),
    );
  }

  /**
   * An organisation's benefits across its programmes: one context statement for every registration, the policy
   * decided per registration, and each registration the reader sees in full taken from its cached summary (a miss
   * costs that registration's grouping statements). 404 unless the reader stands somewhere in the organisation
   * (administrators always do); 403 for team leaders with no registration they see in full.
   */
  async function organisationSummary(
    actor: Actor,
    query: OrganisationSummaryQuery,
  ): Promise<OrganisationBenefitsSummary> {
    const found = await repo.getOrganisationSummaryContext(database, query.organisationId, actor.userId);
    if (!found) throw notFound("The organisation");
    const full: repo.SummaryContext[] = [];
    const teamsOnly: repo.SummaryContext[] = [];
    for (const context of found.registrations) {
      const access = decideImplementationAccess(context, actor);
      if (access.canReadAll) full.push(context);
      else if (access.canRead) teamsOnly.push(context);
    }
    const isAdmin = actor.roles.some((r) => r.role === "platform_admin");
    if (full.length === 0 && !isAdmin) {
      if (teamsOnly.length === 0) throw notFound("The organisation's programmes");
      const titles = teamsOnly.map((c) => c.programme.title).join(" and ");
      throw forbidden(
        `The benefits across all of ${found.organisation.name}'s programmes are for its programme leads, executive sponsors and finance leads. You lead teams on ${titles}: open the programme's benefits summary to see your teams' benefits.`,
      );
    }
    const programmes = [];
    for (const context of full) {
      const { summary } = await build({ context, scope: "organisation", teamIds: null });
      programmes.push({
        registrationId: summary.registrationId,
        programme: summary.programme,
        totals: summary.totals,
        counts: summary.counts,
        teams: summary.byTeam.length,
        version: summary.version,
        national: summary.national,
      });
    }
    return OrganisationBenefitsSummarySchema.parse({
      organisation: found.organisation,
      programmes,
      ...rollUpProgrammes(programmes),
      teamsOnly: teamsOnly.map((c) => ({ registrationId: c.registration.id, programme: c.programme })),
    });
  }

  return {
    organisationSummary,

    /**
     * The organisation summary as CSV for a board paper: one row per programme, then the total; audited as
     * benefits.summary_exported with format "organisation-csv".
     */
    async exportOrganisationCsv(
      actor: Actor,
      query: OrganisationSummaryQuery,
      context: RequestContext,
      today: string = new Date().toISOString().slice(0, 10),
    ): Promise<SummaryFile> {
      const summary = await organisationSummary(actor, query);
      const row = (label: string, t: OrganisationBenefitsSummary["totals"], benefits: number) => [
        label,
        poundsCell(t.first.forecastPence),
        poundsCell(t.first.realisedPence),
        poundsCell(t.first.notYetSignedOffPence),
        poundsCell(t.second.forecastPence),
        poundsCell(t.second.realisedPence),
        poundsCell(t.second.notYetSignedOffPence),
        poundsCell(t.total.forecastPence),
        poundsCell(t.total.realisedPence),
        poundsCell(t.total.notYetSignedOffPence),
        benefits,
      ];
      const records = [
        ...summary.programmes.map((p) => row(p.programme.title, p.totals, p.counts.benefits)),
        row("All programmes", summary.totals, summary.counts.benefits),
      ].map((cells) => cells.map(neutraliseCell));
      const body = `\uFEFF${stringify(records, {
        header: true,
        columns: [
          "Programme",
          "First-order forecast (£)",
          "First-order realised (£)",
          "First-order not yet signed off (£)",
          "Second-order forecast (£)",
          "Second-order realised (£)",
          "Second-order not yet signed off (£)",
          "Forecast (£)",
          "Realised (£)",
          "Not yet signed off (£)",
          "Benefits",
        ],
        record_delimiter: "windows",
      })}`;
      await database.db.transaction((tx) =>
        recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: SUMMARY_EXPORTED,
          subjectType: "organisation",
          subjectId: summary.organisation.id,
          details: {
            format: "organisation-csv",
            programmes: summary.programmes.length,
            registrationIds: summary.programmes.map((p) => p.registrationId),
            benefits: summary.counts.benefits,
          },
        }),
      );
      return {
        filename: `benefits-across-programmes-${fileSlug(summary.organisation.name)}-${today}.csv`,
        contentType: "text/csv; charset=utf-8",
        body,
      };
    },

    /** The summary as JSON text, checked against BenefitsSummarySchema when it was built. */
    async summaryJson(actor: Actor, query: BenefitsSummaryQuery): Promise<string> {
      return (await build(await resolve(actor, query))).json;
    },

    /** The summary as an object. */
    async summary(actor: Actor, query: BenefitsSummaryQuery): Promise<BenefitsSummary> {
      return (await build(await resolve(actor, query))).summary;
    },

    /** A board-paper export: CSV (one row per benefit), XLSX (summary and benefits sheets) or PDF; audited. */
    async exportSummary(
      actor: Actor,
      query: BenefitsSummaryQuery,
      format: SummaryExportFormat,
      context: RequestContext,
      today: string = new Date().toISOString().slice(0, 10),
    ): Promise<SummaryFile> {
      const resolved = await resolve(actor, query);
      const { summary } = await build(resolved);
      const filename = summaryFileName(summary, format, today);
      let file: SummaryFile;
      if (format === "pdf") {
        const bytes = await renderSummaryPdf(summary, { generatedOn: today });
        file = { filename, contentType: "application/pdf", body: Buffer.from(bytes) };
      } else {
        const rows = await repo.listBenefitsForExport(database.db, summary.registrationId, resolved.teamIds);
        file =
          format === "csv"
            ? { filename, contentType: "text/csv; charset=utf-8", body: summaryCsv(rows) }
            : {
                filename,
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                body: await summaryXlsx(summary, rows, today),
              };
      }
      await auditExport(actor, context, summary, format);
      return file;
    },
  };
}
