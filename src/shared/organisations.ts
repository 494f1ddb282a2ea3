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

/** One of ORGANISATION_TYPES. */
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Words shown to people for each kind of organisation (also accepted, case-insensitively, in CSV imports). */
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  icb: "Integrated care board",
  nhs_trust: "NHS trust",
  directorate: "Directorate",
  team: "Ward or team",
  non_nhs: "Non-NHS organisation",
  university: "University",
  other: "Other organisation",
};

const ORGANISATION_LEVEL = ["nhs_trust", "non_nhs", "university", "other"] as const;

/**
 * Which kinds of organisation may hold each kind, and whether it must have a parent. The hierarchy is integrated
 * care board → trust (or other organisation) → directorate → ward or team; a team may hold smaller units.
 */
export const PARENT_RULES: Record<
  OrganisationType,
  { parents: readonly OrganisationType[]; required: boolean }
> = {
  icb: { parents: [], required: false },
  nhs_trust: { parents: ["icb"], required: false },
  non_nhs: { parents: ["icb"], required: false },
  university: { parents: ["icb"], required: false },
  other: { parents: ["icb"], required: false },
  directorate: { parents: ORGANISATION_LEVEL, required: true },
  team: { parents: [...ORGANISATION_LEVEL, "directorate", "team"], required: true },
};

/** Why an organisation of `type` cannot sit under a parent of `parentType` (null: no parent), or null when it can. */
export function parentTypeProblem(
  type: OrganisationType,
  parentType: OrganisationType | null,
): string | null {
  const rule = PARENT_RULES[type];
  const label = ORGANISATION_TYPE_LABELS[type];
  const allowed = rule.parents.map((t) => ORGANISATION_TYPE_LABELS[t].toLowerCase());
  if (parentType === null) {
    return rule.required
      ? `A ${label.toLowerCase()} must sit under a parent organisation: choose a ${allowed.join(", ")}`
      : null;
  }
  if (rule.parents.includes(parentType)) return null;
  const parentLabel = ORGANISATION_TYPE_LABELS[parentType].toLowerCase();
  if (allowed.length === 0)
    return `An ${label.toLowerCase()} sits at the top of the hierarchy, so it cannot be placed under a ${parentLabel}`;
  return `A ${parentLabel} cannot hold a ${label.toLowerCase()}: choose a ${allowed.join(", ")} as the parent${rule.required ? "" : ", or no parent"}`;
}

/** A type as typed in a CSV cell: the code ("nhs_trust") or its label ("NHS trust"), any case; null if unknown. */
export function parseOrganisationType(raw: string): OrganisationType | null {
  const wanted = raw.trim().toLowerCase();
  for (const type of ORGANISATION_TYPES) {
    if (type === wanted || ORGANISATION_TYPE_LABELS[type].toLowerCase() === wanted) return type;
  }
  return null;
}

/** ODS codes: letters and digits (trusts 3 characters, sites 5), stored upper-case. */
export const ODS_CODE_PATTERN = /^[A-Z0-9]{2,10}$/;
const odsCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(ODS_CODE_PATTERN, "Enter the ODS code as 2 to 10 letters and numbers, like RX1")
  .nullable()
  .or(z.literal("").transform(() => null));

/** An organisation in the administrators' lists, with how many people and organisations it holds. */
export const AdminOrganisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  odsCode: z.string().nullable(),
  type: z.enum(ORGANISATION_TYPES),
  parentId: z.string().nullable(),
  childCount: z.number(),
  memberCount: z.number().describe("people whose organisation or team this is"),
});
/** One organisation as administrators list it. */
export type AdminOrganisation = z.infer<typeof AdminOrganisationSchema>;

/** GET /api/admin/organisations query: top-level organisations, or a search by name or ODS code. */
export const AdminOrganisationQuerySchema = z
  .object({
    q: z.string().trim().max(100, "Enter 100 characters or fewer").optional(),
    page: z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100, "Page size must be 100 or fewer").default(50),
  })
  .strict();
/** The administrators' organisation list query. */
export type AdminOrganisationQuery = z.infer<typeof AdminOrganisationQuerySchema>;

/** GET /api/admin/organisations */
export const AdminOrganisationPageSchema = z.object({
  items: z.array(AdminOrganisationSchema.extend({ parentName: z.string().nullable() })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** A page of organisations. */
export type AdminOrganisationPage = z.infer<typeof AdminOrganisationPageSchema>;

/** GET /api/admin/organisations/:id: one node with its ancestors, children and what refers to it. */
export const OrganisationNodeSchema = z.object({
  organisation: AdminOrganisationSchema.extend({ createdAt: z.string() }),
  ancestors: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(ORGANISATION_TYPES) })),
  children: z.array(AdminOrganisationSchema),
  usage: z.object({
    members: z.number(),
    teamMembers: z.number(),
    licences: z.number(),
    applications: z.number(),
    roles: z.number(),
  }),
  deleteBlockers: z.array(z.string()).describe("why it cannot be deleted; empty when it can"),
});
/** One organisation with its place in the hierarchy. */
export type OrganisationNode = z.infer<typeof OrganisationNodeSchema>;

/** POST /api/admin/organisations */
export const OrganisationCreateSchema = z
  .object({
    name: z.string().trim().min(2, "Enter the organisation's name").max(200, "Enter 200 characters or fewer"),
    type: z.enum(ORGANISATION_TYPES, { error: "Select the kind of organisation" }),
    odsCode: odsCode.optional().default(null),
    parentId: z.uuid("Choose the parent organisation from the list").nullable().optional().default(null),
  })
  .strict();
/** A new organisation. */
export type OrganisationCreateInput = z.infer<typeof OrganisationCreateSchema>;

/** PATCH /api/admin/organisations/:id: change the name, type, ODS code or parent (a move). */
export const OrganisationUpdateSchema = z
  .object({
    name: z.string().trim().min(2, "Enter the organisation's name").max(200, "Enter 200 characters or fewer"),
    type: z.enum(ORGANISATION_TYPES, { error: "Select the kind of organisation" }),
    odsCode,
    parentId: z.uuid("Choose the parent organisation from the list").nullable(),
  })
  .partial()
  .strict();
/** Changes to an organisation. */
export type OrganisationUpdateInput = z.infer<typeof OrganisationUpdateSchema>;

/** Most rows and bytes a CSV import accepts. */
export const IMPORT_LIMITS = { bytes: 5 * 1024 * 1024, rows: 20_000 } as const;

/** POST /api/admin/organisations/imports query. */
export const OrganisationImportQuerySchema = z
  .object({
    dryRun: z
      .enum(["true", "false"], { error: "dryRun must be true or false" })
      .default("true")
      .transform((v) => v === "true"),
  })
  .strict();

const ImportRowSchema = z.object({
  row: z.number().describe("line number in the file; the heading row is line 1"),
  odsCode: z.string(),
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  parentCode: z.string().nullable(),
});

/** What a CSV import would change (dry run) or changed. */
export const OrganisationImportReportSchema = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  valid: z.boolean(),
  counts: z.object({
    rows: z.number(),
    create: z.number(),
    update: z.number(),
    unchanged: z.number(),
    invalid: z.number(),
  }),
  create: z.array(ImportRowSchema),
  update: z.array(
    ImportRowSchema.extend({
      id: z.string(),
      changes: z.array(
        z.object({
          field: z.enum(["name", "type", "parentCode"]),
          before: z.string().nullable(),
          after: z.string().nullable(),
        }),
      ),
    }),
  ),
  unchanged: z.array(ImportRowSchema),
  invalid: z.array(
    z.object({ row: z.number(), odsCode: z.string().nullable(), problems: z.array(z.string()) }),
  ),
});
/** The import report. */
export type OrganisationImportReport = z.infer<typeof OrganisationImportReportSchema>;

/** An organisation a learner may choose as their team. */
export const TeamChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  path: z.string().describe("names between the learner's organisation and this one, e.g. Surgery › Ward 7"),
});

/** GET /api/me/team and GET /api/admin/users/:id/team: the current team and the choices under the organisation. */
export const TeamChoicesSchema = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  team: TeamChoiceSchema.nullable(),
  choices: z.array(TeamChoiceSchema),
});
/** A person's team and what they may choose. */
export type TeamChoices = z.infer<typeof TeamChoicesSchema>;

/** PUT /api/me/team and PUT /api/admin/users/:id/team: a team below the organisation, or null for "No team". */
export const TeamUpdateSchema = z
  .object({ teamId: z.uuid("Choose a team from the list, or No team").nullable() })
  .strict();
/** A team choice. */
export type TeamUpdateInput = z.infer<typeof TeamUpdateSchema>;
