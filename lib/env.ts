import { z } from "@/lib/zod";
import { readDbConfig } from "@/db/config";
import { LOG_LEVELS } from "@/lib/log-level";
import { modeOf } from "@/lib/mode";
import { parseTrustedProxies } from "@/lib/net/client-ip";
import { parseScanningKeys } from "@/lib/secret-scanning-keys";

const TEST_SWITCHES = ["HUB_TEST_CLOCK_FILE", "WEBHOOKS_ALLOW_LOOPBACK"] as const;

const appEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).optional(),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    // The public URL (Auth.js reads it too): invite and password-reset links start with it in production.
    AUTH_URL: z.url("AUTH_URL must be a URL such as https://hub.example.com").optional().or(z.literal("").transform(() => undefined)),
    // Mail (invites, password-reset links) through this SMTP server, e.g. smtps://user:pass@smtp.example.com:465.
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must be an smtp:// or smtps:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    // The sender of those mails.
    MAIL_FROM: z.string().trim().min(3).default("Hub <no-reply@hub.invalid>"),
    // Key material of the access log's per-account value-hash keys; unset, AUTH_SECRET is used (lib/governance/value-hash.ts).
    ACCESS_LOG_HASH_KEY: z.string().min(32, "ACCESS_LOG_HASH_KEY must be at least 32 characters").optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    TRUST_PROXY: z.string().optional(),
    NEXT_PHASE: z.string().optional(),
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    // Prometheus metrics on a listener of their own (never the public port); unset, none is opened.
    METRICS_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1).max(65_535).optional()),
    // Where that listener binds: loopback unless the scraper runs elsewhere (a container's 0.0.0.0).
    METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),
    // How long an instance trusts a cached token between notifications; 0 turns the cache off.
    TOKEN_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
    // How long an instance trusts a cached Profile Read answer between notifications; 0 turns that cache off.
    PROFILE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
    // How long an Activity report's result is reused for the same account and request (at most 60 s: no report shows older data); 0 turns that cache off.
    REPORT_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(30_000),
    // GitHub's published secret-scanning keys (JSON); unset, POST /api/v1/secret-scanning/github answers 404.
    SECRET_SCANNING_PUBLIC_KEYS: z.string().optional(),
    // Encrypts webhook signing secrets at rest; unset, derived from AUTH_SECRET (lib/webhooks/secret.ts).
    WEBHOOK_SECRET_KEY: z
      .string()
      .min(32, "WEBHOOK_SECRET_KEY must be at least 32 characters")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    // Encrypts two-factor (TOTP) keys at rest; unset, derived from AUTH_SECRET (lib/auth/two-factor/secret-box.ts).
    TOTP_SECRET_KEY: z.string().min(32, "TOTP_SECRET_KEY must be at least 32 characters").optional(),
    // "true": a production build under test may send webhooks to 127.0.0.1 (lib/webhooks/url-policy.ts).
    WEBHOOKS_ALLOW_LOOPBACK: z.string().optional(),
    // "allow": a production build under test may honour WEBHOOKS_ALLOW_LOOPBACK and HUB_TEST_CLOCK_FILE.
    HUB_TEST_SWITCHES: z.enum(["allow"], { message: 'HUB_TEST_SWITCHES may only be "allow"' }).optional(),
    // The demo users' password when seeding in production (lib/server/prepare-database.ts).
    HUB_DEMO_PASSWORD: z.string().optional(),
    // Tests only: a file of milliseconds added to the token clock (lib/clock.ts).
    HUB_TEST_CLOCK_FILE: z.string().optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    // Production runs on a real PostgreSQL server; the embedded one only when asked for by name.
    HUB_EMBEDDED_DATABASE: z.enum(["allow"], { message: 'HUB_EMBEDDED_DATABASE may only be "allow"' }).optional(),
    DATABASE_URL: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    // `next build` loads modules to analyse routes; the secret is for the running server only.
    if (modeOf(value) === "production" && !value.AUTH_SECRET && !value.NEXT_PHASE?.includes("build")) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "AUTH_SECRET is required in production" });
    }
    // One process on local disk is no production database: say what to set instead of running on it quietly.
    if (value.METRICS_PORT !== undefined && value.METRICS_PORT === value.PORT) {
      ctx.addIssue({ code: "custom", path: ["METRICS_PORT"], message: "METRICS_PORT must differ from PORT: metrics are never served on the public port" });
    }
    // A moved clock revives expired tokens; loopback webhooks reach the host's own services.
    for (const name of TEST_SWITCHES) {
      if (modeOf(value) === "production" && value[name] && !value.HUB_TEST_SWITCHES && !value.NEXT_PHASE?.includes("build")) {
        ctx.addIssue({ code: "custom", path: [name], message: `${name} is a test switch and production refuses it (unset it, or set HUB_TEST_SWITCHES=allow when testing a production build)` });
      }
    }
    if (modeOf(value) === "production" && !value.DATABASE_URL?.trim() && !value.HUB_EMBEDDED_DATABASE && !value.NEXT_PHASE?.includes("build")) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message:
          "production needs a PostgreSQL server: set DATABASE_URL=postgres://user:password@host:5432/db (or HUB_EMBEDDED_DATABASE=allow to run on the embedded database in PGLITE_DIR, one instance only)",
      });
    }
  });

export function parseEnv(source: NodeJS.ProcessEnv) {
  const parsed = appEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const mode = modeOf(source);
  return {
    ...parsed.data,
    ...readDbConfig(source),
    mode,
    /** Next.js in development mode (hot reload, readable errors): anything but production. */
    dev: mode !== "production",
    trustedProxies: parseTrustedProxies(parsed.data.TRUST_PROXY),
    secretScanningKeys: parseScanningKeys(parsed.data.SECRET_SCANNING_PUBLIC_KEYS),
  };
}

/** The environment, validated once when the process first needs it. */
export const env = parseEnv(process.env);
