import pino from "pino";
import { buildApp } from "./app.js";
import { startHousekeeping } from "./housekeeping.js";
import { seedCatalogue } from "./modules/catalogue/catalogue.seed.js";
import { startAccessWindowJob } from "./modules/enrolments/access-window.job.js";
import { seedHelp } from "./modules/help/help.seed.js";
import { seedImplementationCatalogue } from "./modules/implementation/implementation.seed.js";
import { seedLessons } from "./modules/learning/lessons.seed.js";
import { startDigestJob } from "./modules/notifications/digest.job.js";
import { seedAssessmentCriteria } from "./modules/portfolios/portfolios.seed.js";
import { seedSurveys } from "./modules/surveys/surveys.seed.js";
import { ConfigError, loadConfig } from "./platform/config.js";
import { openDatabase, runMigrations } from "./platform/db.js";
import { createLoggerOptions } from "./platform/logger.js";
import { createMailer, startMailSender } from "./platform/mailer.js";
import { describeDemoAccounts, seedDemoAccounts, seedDemoActivity, seedDirectory } from "./seed.js";

/** Process entry: config -> database -> migrations -> seed -> listen. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino(createLoggerOptions(config) as pino.LoggerOptions);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  await runMigrations(database, config.databaseUrl);
  const added = await seedDirectory(database.db);
  if (added > 0) logger.info({ organisations: added }, "organisation directory seeded");
  const courses = await seedCatalogue(database.db);
  if (courses > 0) {
    const steps = await seedLessons(database.db);
    logger.info({ courses, steps }, "catalogue and lessons seeded");
  }
  const houses = await seedImplementationCatalogue(database.db);
  if (houses > 0) logger.info({ houses }, "programme houses seeded");
  const answers = await seedHelp(database.db);
  if (answers > 0) logger.info({ answers }, "help centre seeded");
  const assessed = await seedAssessmentCriteria(database.db);
  if (assessed > 0) logger.info({ courses: assessed }, "assessment criteria seeded");
  const surveysCreated = await seedSurveys(database.db);
  if (surveysCreated > 0) logger.info({ surveys: surveysCreated }, "course surveys seeded");
  if (config.seedDemo) {
    const created = await seedDemoAccounts(database.db, config);
    if (created) logger.info("demo accounts created");
    await seedDemoActivity(database.db, config);
    console.log(`\n${describeDemoAccounts(config)}\n`);
  }

  const app = await buildApp({ config, database, logger });
  const sender = config.smtpUrl
    ? startMailSender({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom, logger })
    : null;

  const stopHousekeeping = startHousekeeping(database.db, config, logger);
  const stopAccessWindows = startAccessWindowJob({
    db: database.db,
    mailer: createMailer({ smtp: config.smtpUrl !== null, logger }),
    config,
    logger,
  });

  const stopDigests = startDigestJob({
    db: database.db,
    mailer: createMailer({ smtp: config.smtpUrl !== null, logger }),
    config,
    logger,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    stopHousekeeping();
    stopAccessWindows();
    stopDigests();
    await app.close();
    await sender?.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ host: config.host, port: config.port });
  console.log(
    `QI Academy is running at ${config.publicUrl} (database: ${database.kind === "pglite" ? `embedded, in ${config.dataDir}` : "PostgreSQL"})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
