import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { log } from "@/lib/log";

export const UNAVAILABLE_MESSAGE = "The Hub could not save this right now. Try again in a moment.";

/**
 * Runs a server action's work once the user is established. An unexpected failure (the
 * database down, a dropped connection) becomes a clear form error: the raw error can name
 * tables, queries or hosts, so it goes to the server log, never to the browser.
 */
export async function answerUnexpected<T>(action: string, work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await work();
  } catch (error) {
    // Next's redirect() and notFound() travel as errors: they are answers, not failures.
    unstable_rethrow(error);
    log.error({ action, cause: causeOf(error) }, "server action failed");
    return { ok: false, formError: UNAVAILABLE_MESSAGE };
  }
}

/** The driver's own message (e.g. ECONNREFUSED), not drizzle's wrapper, which repeats the query and its parameters. */
function causeOf(error: unknown): string {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return inner instanceof Error ? `${inner.name}: ${inner.message}` : String(inner);
}
