export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The logger's level from LOG_LEVEL, `info` when unset. The logger exists before lib/env.ts
 * validates the environment (start.ts logs that validation's failure), so it reads this one
 * variable here, as lib/mode.ts reads NODE_ENV; an unknown level waits for lib/env.ts to refuse it
 * in one line, rather than making pino throw while the logger is created.
 */
export function logLevelOf(source: Record<string, string | undefined>): LogLevel {
  const value = source.LOG_LEVEL;
  return LOG_LEVELS.find((level) => level === value) ?? "info";
}

/** This process's level now. */
export const currentLogLevel = (): LogLevel => logLevelOf(process.env);
