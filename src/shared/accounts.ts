import { z } from "zod";

/** Sectors decide what a learner pays (domain.md). */
export const SECTORS = ["nhs_england", "nhs_outside_england", "non_nhs", "student", "independent"] as const;
/** One of SECTORS. */
export type Sector = (typeof SECTORS)[number];
/** Words shown to people for each sector. */
export const SECTOR_LABELS: Record<Sector, string> = {
  nhs_england: "NHS England",
  nhs_outside_england: "NHS outside England (Scotland, Wales or Northern Ireland)",
  non_nhs: "Non-NHS health or care organisation",
  student: "University or pre-registration student",
  independent: "Independent learner",
};

/** Platform roles; learner_admin (and optionally others) are scoped to an organisation. */
export const ROLES = [
  "learner",
  "facilitator",
  "assessor",
  "internal_verifier",
  "learner_admin",
  "content_editor",
  "platform_admin",
] as const;
/** One of ROLES. */
export type Role = (typeof ROLES)[number];
/** Words shown to people for each role. */
export const ROLE_LABELS: Record<Role, string> = {
  learner: "Learner",
  facilitator: "Facilitator",
  assessor: "Assessor",
  internal_verifier: "Internal verifier",
  learner_admin: "Learner administrator",
  content_editor: "Content editor",
  platform_admin: "Platform administrator",
};

/** Minimum password length (NCSC: length, not composition rules). */
export const PASSWORD_MIN_LENGTH = 10;
/** Longest password we hash; longer input is refused rather than silently truncated. */
export const PASSWORD_MAX_LENGTH = 256;

/** Strips the spaces and hyphens people copy from payslips; "" stays "". */
export function normaliseEsrNumber(raw: string): string {
  return raw.replace(/[\s-]/g, "");
}

/** Person names: any script, apostrophes and hyphens; no control characters or markup brackets. */
const personName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter your ${what}`)
    .max(100, `Your ${what} must be 100 characters or fewer`)
    .regex(/^[^\p{Cc}<>]+$/u, `Your ${what} must not contain < or > or control characters`);

const email = z
  .string()
  .trim()
  .max(254, "Email address must be 254 characters or fewer")
  .pipe(z.email("Enter an email address in the correct format, like name@example.org"))
  .transform((value) => value.toLowerCase());

const newPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Your password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Your password must be ${PASSWORD_MAX_LENGTH} characters or fewer`);

const esrNumber = z
  .string()
  .max(40, "Enter your ESR assignment number as 11 digits, like 12345678901")
  .transform(normaliseEsrNumber)
  .pipe(z.string().regex(/^(\d{11})?$/, "Enter your ESR assignment number as 11 digits, like 12345678901"))
  .transform((value) => (value === "" ? null : value));

const jobRole = z.string().trim().max(100, "Job role must be 100 characters or fewer");
const organisationName = z
  .string()
  .trim()
  .min(2, "Enter the name of your organisation")
  .max(200, "Organisation name must be 200 characters or fewer");

/** POST /api/auth/register */
export const RegisterSchema = z
  .object({
    email,
    password: newPassword,
    givenName: personName("given name"),
    familyName: personName("family name"),
    sector: z.enum(SECTORS, { error: "Select the sector you work in" }),
    organisationId: z.uuid("Choose your organisation from the list").optional(),
    organisationName: organisationName.optional(),
    jobRole: jobRole.optional(),
    esrNumber: esrNumber.optional(),
  })
  .strict()
  .refine((v) => !(v.organisationId && v.organisationName), {
    message: "Choose your organisation from the list or type its name, not both",
    path: ["organisationName"],
  });
/** Parsed registration. */
export type RegisterInput = z.infer<typeof RegisterSchema>;

/** POST /api/auth/sign-in */
export const SignInSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(1, "Enter your email address")
      .max(254)
      .transform((v) => v.toLowerCase()),
    password: z.string().min(1, "Enter your password").max(PASSWORD_MAX_LENGTH),
  })
  .strict();

/** POST /api/auth/verify-email and the token half of reset. */
export const TokenSchema = z
  .object({ token: z.string().min(10, "The link is incomplete").max(200, "The link is not valid") })
  .strict();

/** POST /api/auth/forgot-password and /api/auth/resend-verification */
export const EmailOnlySchema = z.object({ email }).strict();

/** POST /api/auth/reset-password */
export const ResetPasswordSchema = z
  .object({ token: z.string().min(10, "The link is incomplete").max(200), password: newPassword })
  .strict();

/** POST /api/me/password */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX_LENGTH),
    newPassword,
  })
  .strict();

/** POST /api/me/email: takes effect only once the new address is verified. */
export const ChangeEmailSchema = z
  .object({
    newEmail: email,
    currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX_LENGTH),
  })
  .strict();

/** PATCH /api/me: every field optional; null clears an optional one. */
export const ProfileUpdateSchema = z
  .object({
    givenName: personName("given name").optional(),
    familyName: personName("family name").optional(),
    certificateName: personName("name for certificates").optional(),
    certificateNameConfirmed: z.literal(true).optional(),
    sector: z.enum(SECTORS, { error: "Select the sector you work in" }).optional(),
    organisationId: z.uuid("Choose your organisation from the list").nullable().optional(),
    organisationName: organisationName.nullable().optional(),
    jobRole: jobRole.nullable().optional(),
    esrNumber: esrNumber.nullable().optional(),
  })
  .strict()
  .refine((v) => !(v.organisationId && v.organisationName), {
    message: "Choose your organisation from the list or type its name, not both",
    path: ["organisationName"],
  });
/** Parsed profile change. */
export type ProfileUpdateInput = z.infer<typeof ProfileUpdateSchema>;

/** A role held, with the organisation it applies to where scoped. */
export const RoleGrantSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  /** When the role lapses (ISO 8601); null never lapses. Lapsed roles are never listed. */
  expiresAt: z.string().nullable(),
});

/** GET /api/me */
export const MeSchema = z.object({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  pendingEmail: z.string().nullable(),
  givenName: z.string(),
  familyName: z.string(),
  certificateName: z.string(),
  certificateNameConfirmed: z.boolean(),
  sector: z.enum(SECTORS),
  organisation: z.object({ id: z.string(), name: z.string(), odsCode: z.string().nullable() }).nullable(),
  organisationName: z.string().nullable().describe("typed name when the organisation is not listed"),
  jobRole: z.string().nullable(),
  esrNumber: z.string().nullable(),
  roles: z.array(RoleGrantSchema),
});
/** The signed-in person's own account. */
export type Me = z.infer<typeof MeSchema>;

/** GET /api/admin/users query */
export const UserSearchQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(["active", "expired"]).optional(),
  role: z.enum(ROLES).optional(),
  page: z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "Page size must be 100 or fewer").default(25),
});

/** One row of the admin user list. */
export const AdminUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  givenName: z.string(),
  familyName: z.string(),
  sector: z.enum(SECTORS),
  organisationName: z.string().nullable(),
  status: z.enum(["active", "expired"]),
  expiredReason: z.string().nullable(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  roles: z.array(RoleGrantSchema),
});
/** A user as platform administrators see them. */
export type AdminUser = z.infer<typeof AdminUserSchema>;

/** GET /api/admin/users */
export const AdminUserPageSchema = z.object({
  items: z.array(AdminUserSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** POST /api/admin/users/:id/expire */
export const ExpireUserSchema = z
  .object({ reason: z.string().trim().min(3, "Say why the account is being expired").max(500) })
  .strict();

/** POST /api/admin/users/:id/roles */
export const GrantRoleSchema = z
  .object({ role: z.enum(ROLES, { error: "Select a role" }), organisationId: z.uuid().nullable().optional() })
  .strict();

/** One outbox message (GET /api/admin/outbox). */
export const OutboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string().nullable(),
  status: z.enum(["stored", "pending", "sent", "failed"]),
  createdAt: z.string(),
});

/** GET /api/admin/outbox */
export const OutboxPageSchema = z.object({
  items: z.array(OutboxMessageSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** GET /api/admin/outbox query */
export const OutboxQuerySchema = z.object({
  to: z.string().trim().max(254).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "Page size must be 100 or fewer").default(25),
});
