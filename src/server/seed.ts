import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Role, Sector } from "../shared/accounts.js";
import type { ORGANISATION_TYPES } from "../shared/organisations.js";
import { organisations, users } from "./db/schema/index.js";
import * as accountsRepo from "./modules/accounts/accounts.repository.js";
import { seedAssessmentDemo } from "./modules/assessment/assessment.seed.js";
import { seedCertificatesDemo } from "./modules/certificates/certificates.seed.js";
import { seedRunsDemo } from "./modules/community/runs.seed.js";
import { seedCpdDemo } from "./modules/cpd/cpd.seed.js";
import { seedBenefitsDemo } from "./modules/implementation/benefits.seed.js";
import { seedBoxSetsDemo } from "./modules/implementation/box-sets.seed.js";
import { seedHouseDemo } from "./modules/implementation/house.seed.js";
import { seedImplementationDemo } from "./modules/implementation/implementation-demo.seed.js";
import { seedTeamMeasuresDemo } from "./modules/implementation/team-measures.seed.js";
import { seedLearnerAdminHistory } from "./modules/learner-admin/learner-admin.seed.js";
import { seedDemoTeams } from "./modules/organisations/organisations-admin.seed.js";
import { seedMeasuresDemo } from "./modules/projects/measures.seed.js";
import { seedProjectsDemo } from "./modules/projects/projects.seed.js";
import { seedRecognitionDemo } from "./modules/recognition/recognition.seed.js";
import { seedReportsDemo } from "./modules/reports/reports.seed.js";
import { seedSurveysDemo } from "./modules/surveys/surveys.seed.js";
import type { AppConfig } from "./platform/config.js";
import { hashPassword } from "./platform/crypto.js";
import type { Db, Tx } from "./platform/db.js";
import { DEMO_TRUST_NAME } from "./seed-names.js";

interface DirectoryEntry {
  odsCode?: string;
  name: string;
  type: (typeof ORGANISATION_TYPES)[number];
  parentOdsCode?: string;
  parentName?: string;
  demo?: boolean;
}

const DIRECTORY_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "modules/organisations/data/directory.json",
);

export { DEMO_TRUST_NAME };

/** One demo account per role (API names other tools rely on; see issue 2). */
export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  givenName: string;
  familyName: string;
  roles: Role[];
  scoped?: boolean;
  certificateConfirmed?: boolean;
  /** What the account does when its platform roles do not say (implementation roles are held on a registration). */
  does?: string;
}> = [
  { email: "learner@example.org", givenName: "Siân", familyName: "O'Brien", roles: ["learner"] },
  {
    email: "admin@example.org",
    givenName: "Priya",
    familyName: "Shah",
    roles: ["learner", "platform_admin"],
    certificateConfirmed: true,
  },
  {
    email: "editor@example.org",
    givenName: "Tomasz",
    familyName: "Nowak",
    roles: ["learner", "content_editor"],
    certificateConfirmed: true,
  },
  {
    email: "assessor@example.org",
    givenName: "Grace",
    familyName: "Okafor",
    roles: ["learner", "assessor"],
    certificateConfirmed: true,
  },
  {
    email: "verifier@example.org",
    givenName: "Zoë",
    familyName: "Clarke",
    roles: ["learner", "internal_verifier"],
    certificateConfirmed: true,
  },
  {
    email: "facilitator@example.org",
    givenName: "Nguyễn",
    familyName: "Thị Lan",
    roles: ["learner", "facilitator"],
    certificateConfirmed: true,
  },
  {
    email: "orgadmin@example.org",
    givenName: "David",
    familyName: "Hughes",
    roles: ["learner", "learner_admin"],
    scoped: true,
    certificateConfirmed: true,
  },
  {
    email: "lead@example.org",
    givenName: "Amara",
    familyName: "Mensah",
    roles: ["learner"],
    certificateConfirmed: true,
    does: "programme lead, Productive Community Services",
  },
  {
    email: "teamleader@example.org",
    givenName: "Rhys",
    familyName: "Evans",
    roles: ["learner"],
    certificateConfirmed: true,
    does: "team leader, Northfield district nursing",
  },
  {
    email: "executive@example.org",
    givenName: "Margaret",
    familyName: "Adeyemi",
    roles: ["learner"],
    certificateConfirmed: true,
    does: "executive sponsor, Productive Community Services",
  },
  {
    email: "finance@example.org",
    givenName: "Helen",
    familyName: "Park",
    roles: ["learner"],
    certificateConfirmed: true,
    does: "finance lead, Productive Community Services",
  },
];

/** Loads the sample organisation directory into an empty organisations table. Returns how many were added. */
export async function seedDirectory(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(organisations);
  if ((existing?.n ?? 0) > 0) return 0;
  const entries = (JSON.parse(readFileSync(DIRECTORY_FILE, "utf8")) as { organisations: DirectoryEntry[] })
    .organisations;
  return db.transaction(async (tx) => {
    const idByKey = new Map<string, string>();
    for (const entry of entries) {
      const parentKey = entry.parentOdsCode ?? entry.parentName;
      const parentId = parentKey ? idByKey.get(parentKey) : undefined;
      if (parentKey && !parentId)
        throw new Error(`directory.json: ${entry.name} names a parent listed after it (${parentKey})`);
      const [row] = await tx
        .insert(organisations)
        .values({
          name: entry.name,
          odsCode: entry.odsCode ?? null,
          type: entry.type,
          parentId: parentId ?? null,
        })
        .returning({ id: organisations.id });
      if (!row) throw new Error(`could not insert ${entry.name}`);
      idByKey.set(entry.odsCode ?? entry.name, row.id);
      idByKey.set(entry.name, row.id);
    }
    return entries.length;
  });
}

/** The demo password: DEMO_PASSWORD, else one generated once and kept in DATA_DIR so it can be shown again. */
export function demoPassword(config: AppConfig): string {
  if (config.demoPassword) return config.demoPassword;
  const file = path.join(config.dataDir, "demo-password");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const generated = `demo-${randomBytes(9).toString("base64url")}`;
    writeFileSync(file, generated, { mode: 0o600 });
    return generated;
  }
}

async function demoTrustId(tx: Tx): Promise<string> {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.name, DEMO_TRUST_NAME), isNull(organisations.odsCode)))
    .limit(1);
  if (!row) throw new Error(`the demo trust "${DEMO_TRUST_NAME}" is missing from the directory`);
  return row.id;
}

/**
 * What the demo accounts have done, so each part of the product has something to show on first start: directorates
 * and teams under the demo trust, the learner administrator's approved application, colleagues' progress for their
 * reports, the demo learner's certificate and CPD activities, and any waiting portfolio allocated to the demo
 * assessor. Each step runs once. Call after seedDemoAccounts and the lessons.
 */
export async function seedDemoActivity(db: Db, config: Pick<AppConfig, "scryptCost">): Promise<void> {
  await seedDemoTeams(db);
  await seedLearnerAdminHistory(db);
  await seedReportsDemo(db, config.scryptCost);
  await seedAssessmentDemo(db);
  await seedCertificatesDemo(db);
  await seedCpdDemo(db);
  await seedRunsDemo(db);
  await seedSurveysDemo(db);
  const projectId = await seedProjectsDemo(db);
  if (projectId) await seedMeasuresDemo(db, projectId);
  await seedRecognitionDemo(db);
  const implementation = await seedImplementationDemo(db);
  if (implementation) {
    await seedBoxSetsDemo(db, implementation);
    await seedHouseDemo(db, implementation);
    await seedTeamMeasuresDemo(db, implementation);
    await seedBenefitsDemo(db, implementation);
  }
}

/** Creates the demo accounts when the database has no users yet. Returns true when it created them. */
export async function seedDemoAccounts(db: Db, config: AppConfig): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(demoPassword(config), config.scryptCost);
  await db.transaction(async (tx) => {
    const trustId = await demoTrustId(tx);
    const now = new Date();
    for (const account of DEMO_ACCOUNTS) {
      const sector: Sector = "nhs_england";
      const user = await accountsRepo.insertUser(tx, {
        email: account.email,
        passwordHash,
        givenName: account.givenName,
        familyName: account.familyName,
        certificateName: `${account.givenName} ${account.familyName}`,
        certificateNameConfirmedAt: account.certificateConfirmed ? now : null,
        sector,
        organisationId: trustId,
        jobRole: account.roles.includes("learner_admin") ? "Learning and development manager" : "Staff nurse",
        esrNumber: null,
        emailVerifiedAt: now,
      });
      if (!user) throw new Error(`demo account ${account.email} already exists`);
      for (const role of account.roles) {
        const scoped = account.scoped && role === "learner_admin";
        await accountsRepo.insertRoleGrant(tx, {
          userId: user.id,
          role,
          organisationId: scoped ? trustId : null,
          grantedBy: null,
        });
      }
    }
  });
  return true;
}

/** The lines printed at start so a person can sign in to the demo. */
export function describeDemoAccounts(config: AppConfig): string {
  const password = demoPassword(config);
  const rows = DEMO_ACCOUNTS.map(
    (a) =>
      `  ${a.email.padEnd(26)} ${a.does ?? (a.roles.filter((r) => r !== "learner").join(", ") || "learner")}`,
  );
  return [
    "Demo accounts (all share one password):",
    ...rows,
    `  password: ${password}${config.demoPassword ? " (from DEMO_PASSWORD)" : ` (generated; kept in ${path.join(config.dataDir, "demo-password")})`}`,
  ].join("\n");
}
