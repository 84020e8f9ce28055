/**
 * One instance per process of what must exist once (the database handle, the Redis client, the
 * token cache, the rate limiters, …), however many times its module is evaluated: Next.js
 * bundles route code separately from the custom server, and development reloads modules, but
 * `globalThis` is shared by all of them. Here rather than in lib/ because db/index.ts needs it
 * too, and db/ never imports lib/.
 */
const registry = globalThis as unknown as { __hubSingletons?: Map<string, unknown> };
const all = () => (registry.__hubSingletons ??= new Map<string, unknown>());

/** The process's `name`, created by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const singletons = all();
  if (!singletons.has(name)) singletons.set(name, create());
  return singletons.get(name) as T;
}

/** Forgets `name` (the next `processSingleton` creates it afresh) and returns what it held. */
export function releaseProcessSingleton<T>(name: string): T | undefined {
  const singletons = all();
  const value = singletons.get(name) as T | undefined;
  singletons.delete(name);
  return value;
}
