/** Maintenance command: apply migrations and load the directory and demo accounts into the configured database. */

import { seedCatalogue } from "../src/server/modules/catalogue/catalogue.seed.js";
import { seedLessons } from "../src/server/modules/learning/lessons.seed.js";
import { seedAssessmentCriteria } from "../src/server/modules/portfolios/portfolios.seed.js";
import { seedSurveys } from "../src/server/modules/surveys/surveys.seed.js";
import { loadConfig } from "../src/server/platform/config.js";
import { openDatabase, runMigrations } from "../src/server/platform/db.js";
import {
  describeDemoAccounts,
  seedDemoAccounts,
  seedDemoActivity,
  seedDirectory,
} from "../src/server/seed.js";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await runMigrations(database, config.databaseUrl);
  const organisations = await seedDirectory(database.db);
  const courses = await seedCatalogue(database.db);
  const steps = courses > 0 ? await seedLessons(database.db) : 0;
  await seedAssessmentCriteria(database.db);
  await seedSurveys(database.db);
  const created = await seedDemoAccounts(database.db, config);
  await seedDemoActivity(database.db, config);
  console.log(
    `Organisations added: ${organisations}. Courses added: ${courses}, with ${steps} lesson and quiz steps. Demo accounts ${created ? "created" : "already present (nothing changed)"}.`,
  );
  console.log(describeDemoAccounts(config));
} finally {
  await database.close();
}
