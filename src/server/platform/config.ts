import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_IDLE_HOURS: z.coerce.number().positive().max(720).default(8),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .positive()
    .max(2160)
    .default(24 * 7),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().default("QI Academy <no-reply@qi-academy.example>"),
  SUPPORT_EMAIL: z.email("must be an email address").default("support@qi-academy.example"),
  SEED_DEMO: bool.default(true),
  DEMO_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: bool.default(false),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50_000_000).default(100_000),
  SCRYPT_COST: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, "must be a power of two of at least 1024")
    .default(32768),
});

/** Settings for sign-in and reset throttling: a slow-down after `softLimit`, then 429 after `hardLimit`. */
export interface RateLimitConfig {
  windowSeconds: number;
  softLimit: number;
  hardLimit: number;
  slowDownMs: number;
}

/** The whole, frozen configuration of one app instance. Built once at start; passed in, never read from env elsewhere. */
export interface AppConfig {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  databasePoolSize: number;
  sessionSecret: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  secureCookies: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  /** The support team's mailbox: contact-form messages go here. */
  supportEmail: string;
  seedDemo: boolean;
  demoPassword: string | null;
  logLevel: string;
  trustProxy: boolean;
  bodyLimitBytes: number;
  scryptCost: number;
  rateLimits: {
    signInPerIp: RateLimitConfig;
    signInPerAccount: RateLimitConfig;
    resetPerIp: RateLimitConfig;
    resetPerAccount: RateLimitConfig;
  };
  webDistDir: string;
}

/** Problems found in the environment, one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Default throttles: generous for people, hard on scripts. */
export const DEFAULT_RATE_LIMITS: AppConfig["rateLimits"] = {
  signInPerIp: { windowSeconds: 15 * 60, softLimit: 30, hardLimit: 100, slowDownMs: 200 },
  signInPerAccount: { windowSeconds: 15 * 60, softLimit: 5, hardLimit: 10, slowDownMs: 500 },
  resetPerIp: { windowSeconds: 60 * 60, softLimit: 10, hardLimit: 30, slowDownMs: 200 },
  resetPerAccount: { windowSeconds: 60 * 60, softLimit: 3, hardLimit: 5, slowDownMs: 500 },
};

/** Parses the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const production = e.NODE_ENV === "production";
  if (production && !e.SESSION_SECRET) problems.push("SESSION_SECRET: required when NODE_ENV=production");
  if (production && !e.DATABASE_URL && !env.DATA_DIR) {
    problems.push("DATABASE_URL or DATA_DIR: one is required when NODE_ENV=production");
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    sessionSecret: e.SESSION_SECRET ?? developmentSecret(dataDir),
    sessionIdleMs: e.SESSION_IDLE_HOURS * 3_600_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    secureCookies: production || publicUrl.startsWith("https://"),
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
    supportEmail: e.SUPPORT_EMAIL,
    seedDemo: e.SEED_DEMO,
    demoPassword: e.DEMO_PASSWORD ?? null,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    scryptCost: e.SCRYPT_COST,
    rateLimits: DEFAULT_RATE_LIMITS,
    webDistDir: path.resolve("dist/web"),
  });
}

/** In development, a secret generated once and kept in DATA_DIR so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
