/** The whole Drizzle schema, one file per domain. */
export * from "./accounts.js";
export * from "./catalogue.js";
export * from "./organisations.js";
export * from "./platform.js";
