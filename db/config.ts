import { availableParallelism } from "node:os";
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
  /**
   * Connections per process. postgres.js pipelines queries on each connection, so a few keep
   * the server busy; more only add backends competing for its cores (measured with
   * `npm run bench`: on 2 cores, 2 connections served about 1.6× what 10 did). Migrations hold
   * one connection for their lock and run on another, hence at least 2.
   */
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(2, "DATABASE_POOL_SIZE must be at least 2")
    .max(100)
    .default(() => Math.max(2, Math.min(availableParallelism(), 10))),
});

export type DbConfig = z.infer<typeof dbConfigSchema>;

export function readDbConfig(source: NodeJS.ProcessEnv = process.env): DbConfig {
  const parsed = dbConfigSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid database environment: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  return parsed.data;
}
