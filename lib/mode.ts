export type Mode = "development" | "production" | "test";

/**
 * The one place that decides the process's mode (lib/env.ts exposes it as `env.mode`). An unset
 * NODE_ENV is development: `npm run dev` starts a plain tsx process, and Next sets NODE_ENV only
 * later, inside `next({ dev })`, after the database has been prepared. Dependency-free, so the
 * proxy's Auth.js configuration can use it too.
 */
export function modeOf(source: { NODE_ENV?: string }): Mode {
  const value = source.NODE_ENV;
  return value === "production" || value === "test" ? value : "development";
}

/** This process's mode now (read when asked: Next sets NODE_ENV late, see above). */
export const currentMode = (): Mode => modeOf(process.env);
