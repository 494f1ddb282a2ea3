/**
 * Maintenance command `npm run seed:large`: generates a big, realistic site in the configured database
 * (DATABASE_URL, else PGlite in DATA_DIR) for the report benchmarks. Resumable: run it again after an interruption.
 * SEED_LARGE_SCALE sets the size as a fraction of 100,000 learners (default 1 on PostgreSQL, 0.05 on PGlite).
 * See docs/large-seed.md.
 */
import { loadConfig } from "../src/server/platform/config.js";
import { openDatabase } from "../src/server/platform/db.js";
import { describeSummary, plannedLearners, SeedInterrupted, seedLarge } from "./seed-large/seed.js";

const config = loadConfig();
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 1,
});
const interruptText = process.env.SEED_LARGE_INTERRUPT_AFTER;
try {
  const learners = plannedLearners(database.kind, process.env.SEED_LARGE_SCALE);
  const where = config.databaseUrl
    ? `PostgreSQL at ${new URL(config.databaseUrl).host}${new URL(config.databaseUrl).pathname}`
    : `PGlite in ${config.dataDir}`;
  process.stderr.write(`seed:large: ${learners.toLocaleString("en-GB")} learners into ${where}\n`);
  const summary = await seedLarge({
    database,
    databaseUrl: config.databaseUrl,
    learners,
    scryptCost: config.scryptCost,
    ...(interruptText ? { interruptAfterBatches: Number(interruptText) } : {}),
  });
  console.log(describeSummary(summary));
} catch (error) {
  if (error instanceof SeedInterrupted) {
    console.error(`${error.message}. Run npm run seed:large again to finish.`);
    process.exitCode = 3;
  } else {
    throw error;
  }
} finally {
  await database.close();
}
