import { z } from "@/lib/zod";
import { readDbConfig } from "@/db/config";
import { modeOf } from "@/lib/mode";
import { parseTrustedProxies } from "@/lib/net/client-ip";
import { parseScanningKeys } from "@/lib/secret-scanning-keys";

const appEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).optional(),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    // Keys the access log's value hashes; unset, one is derived from AUTH_SECRET (lib/governance/value-hash.ts).
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
    // How long an instance trusts a cached token between notifications; 0 turns the cache off.
    TOKEN_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
    // How long an instance trusts a cached Profile Read answer between notifications; 0 turns that cache off.
    PROFILE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(60_000),
    // GitHub's published secret-scanning keys (JSON); unset, POST /api/v1/secret-scanning/github answers 404.
    SECRET_SCANNING_PUBLIC_KEYS: z.string().optional(),
    // Encrypts webhook signing secrets at rest; unset, derived from AUTH_SECRET (lib/webhooks/secret.ts).
    WEBHOOK_SECRET_KEY: z.string().optional(),
    // "true": a production build under test may send webhooks to 127.0.0.1 (lib/webhooks/url-policy.ts).
    WEBHOOKS_ALLOW_LOOPBACK: z.string().optional(),
    // The demo users' password when seeding in production (lib/server/prepare-database.ts).
    HUB_DEMO_PASSWORD: z.string().optional(),
    // Tests only: a file of milliseconds added to the token clock (lib/clock.ts).
    HUB_TEST_CLOCK_FILE: z.string().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((value, ctx) => {
    // `next build` loads modules to analyse routes; the secret is for the running server only.
    if (modeOf(value) === "production" && !value.AUTH_SECRET && !value.NEXT_PHASE?.includes("build")) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "AUTH_SECRET is required in production" });
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
