import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { describeError } from "@/lib/error-log";
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
    log.error({ action, error: describeError(error) }, "server action failed");
    return { ok: false, formError: UNAVAILABLE_MESSAGE };
  }
}
