import { z } from "zod";

/**
 * The one zod of the app. Its JIT compiles object parsers with `new Function`, which the
 * console's Content-Security-Policy (no 'unsafe-eval') forbids; even zod's probe for it is
 * reported as a violation in the browser. Parsers here run interpreted, everywhere.
 */
z.config({ jitless: true });

export { z };
export type { ZodError } from "zod";
