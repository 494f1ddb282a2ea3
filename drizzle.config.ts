import { defineConfig } from "drizzle-kit";

/** drizzle-kit generates SQL migrations from the schema; they are reviewed and committed. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./src/server/db/migrations",
  casing: "snake_case",
});
