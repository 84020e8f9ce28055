import { z } from "zod";

/**
 * Database settings, validated once. Lives in db/ because the db client and the CLI scripts
 * need it; lib/env.ts composes it into the app's environment.
 */
const dbConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgres:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PGLITE_DIR: z.string().trim().min(1).default(".data/pglite"),
});

export type DbConfig = z.infer<typeof dbConfigSchema>;

export function readDbConfig(source: NodeJS.ProcessEnv = process.env): DbConfig {
  const parsed = dbConfigSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid database environment: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  return parsed.data;
}
