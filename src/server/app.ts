import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { sql } from "drizzle-orm";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { accountsRoutes } from "./modules/accounts/accounts.routes.js";
import { createAccountsService } from "./modules/accounts/accounts.service.js";
import { assessmentRoutes } from "./modules/assessment/assessment.routes.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { authoringRoutes } from "./modules/authoring/authoring.routes.js";
import { catalogueRoutes } from "./modules/catalogue/catalogue.routes.js";
import { certificatesRoutes } from "./modules/certificates/certificates.routes.js";
import { discussionsRoutes } from "./modules/community/discussions.routes.js";
import { engagementRoutes } from "./modules/community/engagement.routes.js";
import { moderationRoutes } from "./modules/community/moderation.routes.js";
import { runsRoutes } from "./modules/community/runs.routes.js";
import { cpdRoutes } from "./modules/cpd/cpd.routes.js";
import { deferralsRoutes } from "./modules/enrolments/deferrals.routes.js";
import { enrolmentsRoutes } from "./modules/enrolments/enrolments.routes.js";
import { grantsRoutes } from "./modules/enrolments/grants.routes.js";
import { licencesRoutes } from "./modules/enrolments/licences.routes.js";
import { filesRoutes } from "./modules/files/files.routes.js";
import { helpRoutes } from "./modules/help/help.routes.js";
import { benefitsRoutes } from "./modules/implementation/benefits.routes.js";
import { benefitsSummaryRoutes } from "./modules/implementation/benefits-summary.routes.js";
import { boxSetsRoutes } from "./modules/implementation/box-sets.routes.js";
import { houseRoutes } from "./modules/implementation/house.routes.js";
import { registrationsRoutes } from "./modules/implementation/registrations.routes.js";
import { teamMeasuresRoutes } from "./modules/implementation/team-measures.routes.js";
import { learnerAdminRoutes } from "./modules/learner-admin/learner-admin.routes.js";
import { learningRoutes } from "./modules/learning/learning.routes.js";
import { notificationsRoutes } from "./modules/notifications/notifications.routes.js";
import { organisationsRoutes } from "./modules/organisations/organisations.routes.js";
import { organisationsAdminRoutes } from "./modules/organisations/organisations-admin.routes.js";
import { outboxRoutes } from "./modules/outbox/outbox.routes.js";
import { portfoliosRoutes } from "./modules/portfolios/portfolios.routes.js";
import { caseStudyExportRoutes } from "./modules/projects/case-study-export.routes.js";
import { measuresRoutes } from "./modules/projects/measures.routes.js";
import { projectsRoutes } from "./modules/projects/projects.routes.js";
import { libraryRoutes } from "./modules/recognition/library.routes.js";
import { recognitionRoutes } from "./modules/recognition/recognition.routes.js";
import { reportsRoutes } from "./modules/reports/reports.routes.js";
import { scormPackagesRoutes } from "./modules/scorm/packages.routes.js";
import { scormRuntimeRoutes } from "./modules/scorm/runtime.routes.js";
import { spcRoutes } from "./modules/spc/spc.routes.js";
import { surveysRoutes } from "./modules/surveys/surveys.routes.js";
import { authPlugin } from "./platform/auth.js";
import type { AppConfig } from "./platform/config.js";
import { type Database, journalMigrationCount, queryRows } from "./platform/db.js";
import { registerErrorHandling } from "./platform/errors.js";
import { createLoggerOptions } from "./platform/logger.js";
import { createMailer, type Mailer } from "./platform/mailer.js";
import { registerSecurityHeaders } from "./platform/security-headers.js";

/** What every module is built with. */
export interface AppDeps {
  config: AppConfig;
  database: Database;
  mailer: Mailer;
}

/** Inputs to buildApp: config and an open, migrated database; a logger instance is optional (tests pass none). */
export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  logger?: FastifyBaseLogger;
}

const NHSUK_ASSETS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../node_modules/nhsuk-frontend/dist/nhsuk/assets",
);

/** Builds the Fastify app: platform plugins, then each domain module, then the web front end when it is built. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: createLoggerOptions(config) }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerSecurityHeaders(app, config);
  await app.register(cookie);

  const mailer = createMailer({ smtp: config.smtpUrl !== null, logger: app.log });
  const deps: AppDeps = { config, database, mailer };
  const accounts = createAccountsService({ database, config, mailer });
  await app.register(authPlugin, { config, resolveSession: accounts.resolveSession });

  await app.register(swagger, {
    openapi: {
      info: {
        title: "QI Academy API",
        version: "0.1.0",
        description: "Accredited learning, social short courses and improvement work.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "qia_session" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const webIndex = path.join(config.webDistDir, "index.html");
  const serveWeb = existsSync(webIndex);
  registerErrorHandling(app, {
    fallback: serveWeb
      ? (request, reply) => {
          if (request.method !== "GET" || request.url.startsWith("/api/")) return false;
          void reply
            .type("text/html")
            .header("cache-control", "no-cache")
            .sendFile("index.html", config.webDistDir);
          return true;
        }
      : undefined,
  });

  app.get(
    "/healthz",
    {
      schema: {
        tags: ["health"],
        summary: "The process is up",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );
  const migrationsNeeded = journalMigrationCount();
  app.get(
    "/readyz",
    {
      schema: {
        tags: ["health"],
        summary: "The database is reachable and migrated",
        response: {
          200: z.object({ status: z.literal("ready") }),
          503: z.object({ status: z.literal("not_ready"), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        const [row] = await queryRows<{ n: number }>(database.db, sqlMigrationsApplied);
        if (Number(row?.n ?? 0) < migrationsNeeded)
          return reply.status(503).send({ status: "not_ready" as const, reason: "migrations pending" });
        return { status: "ready" as const };
      } catch {
        return reply.status(503).send({ status: "not_ready" as const, reason: "database unreachable" });
      }
    },
  );

  await app.register(organisationsRoutes, deps);
  await app.register(accountsRoutes, { ...deps, accounts });
  await app.register(outboxRoutes, deps);
  await app.register(catalogueRoutes, deps);
  await app.register(authoringRoutes, deps);
  await app.register(filesRoutes, deps);
  await app.register(helpRoutes, deps);
  await app.register(enrolmentsRoutes, deps);
  await app.register(grantsRoutes, deps);
  await app.register(licencesRoutes, deps);
  await app.register(deferralsRoutes, deps);
  await app.register(learningRoutes, deps);
  await app.register(scormPackagesRoutes, deps);
  await app.register(scormRuntimeRoutes, { ...deps, accounts });
  await app.register(organisationsAdminRoutes, deps);
  await app.register(learnerAdminRoutes, deps);
  await app.register(reportsRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(portfoliosRoutes, deps);
  await app.register(assessmentRoutes, deps);
  await app.register(certificatesRoutes, deps);
  await app.register(cpdRoutes, deps);
  await app.register(runsRoutes, deps);
  await app.register(discussionsRoutes, deps);
  await app.register(moderationRoutes, deps);
  await app.register(engagementRoutes, deps);
  await app.register(notificationsRoutes, deps);
  await app.register(surveysRoutes, deps);
  await app.register(spcRoutes, deps);
  await app.register(projectsRoutes, deps);
  await app.register(measuresRoutes, deps);
  await app.register(caseStudyExportRoutes, deps);
  await app.register(recognitionRoutes, deps);
  await app.register(registrationsRoutes, deps);
  await app.register(boxSetsRoutes, deps);
  await app.register(houseRoutes, deps);
  await app.register(teamMeasuresRoutes, deps);
  await app.register(benefitsRoutes, deps);
  await app.register(benefitsSummaryRoutes, deps);
  await app.register(libraryRoutes, deps);

  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      prefix: "/",
      wildcard: false,
      index: false,
      maxAge: "1h",
    });
  }
  if (existsSync(NHSUK_ASSETS)) {
    await app.register(fastifyStatic, {
      root: NHSUK_ASSETS,
      prefix: "/assets/",
      decorateReply: false,
      maxAge: "1d",
    });
  }
  return app;
}

// Drizzle's migrators record applied migrations in drizzle.__drizzle_migrations (both drivers).
const sqlMigrationsApplied = sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
