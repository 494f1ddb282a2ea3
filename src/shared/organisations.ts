import { z } from "zod";

/** Kinds of organisation in the directory. */
export const ORGANISATION_TYPES = [
  "icb",
  "nhs_trust",
  "directorate",
  "team",
  "non_nhs",
  "university",
  "other",
] as const;

/** GET /api/organisations query: search by name or ODS code. */
export const OrganisationSearchQuerySchema = z.object({
  q: z.string().trim().min(2, "Enter at least 2 characters of the name or ODS code").max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** One organisation in the directory. */
export const OrganisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  odsCode: z.string().nullable(),
  type: z.enum(ORGANISATION_TYPES),
  parentName: z.string().nullable(),
});
/** A directory entry. */
export type Organisation = z.infer<typeof OrganisationSchema>;
