/**
 * The one clock for token lifetimes. Expiry and the end of a reset's overlap are decided by it
 * when a token is used or counted (no job is needed for correctness), so tests move
 * it instead of sleeping. Nothing else sets it.
 */
export const clock = { now: (): number => Date.now() };
