import { customType } from "drizzle-orm/pg-core";

/** Column types Drizzle has no built-in for, shared by the schema files (this file imports no tables, so no cycles). */

/** PostgreSQL's text-search document type. */
export const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

/** PostgreSQL bytea, read and written as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
