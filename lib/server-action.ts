import "server-only";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { answerUnexpected } from "@/lib/action-guard";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { pendingSignInStep, signInSteps, type SignInStep } from "@/lib/auth/sign-in-step";
import type { Actor } from "@/lib/changes/record-change";
import { requestIp } from "@/lib/request-ip";
import type { ZodError } from "@/lib/zod";

/** A zod `safeParse` result. */
export type Parsed<I> = { success: true; data: I } | { success: false; error: ZodError };

/** What `run` works with: every id in it came from the session or was found within the user's account. */
export interface ActionContext<L, I> {
  user: CurrentUser;
  loaded: L;
  input: I;
  /** The user as History, webhooks and the audit log name them, with the request's IP. */
  actor: () => Promise<Actor>;
}

/**
 * A server action's steps, in the order they run. Each may refuse with a message for the form;
 * a refusal ends the action before anything is written.
 */
export interface ActionSteps<L, I, T> {
  /**
   * The sign-in step this action lets the user take (choose a password, set up two-factor): it
   * runs while that step is pending. Every other action refuses until the step is taken.
   */
  completes?: SignInStep;
  /** Who may act at all, by the user alone, before anything is read: the refusal, or null. */
  permission?: (user: CurrentUser) => string | null;
  /** What the action acts on, looked up within the user's account (an id from input is only a key there). */
  load?: (user: CurrentUser) => Promise<L | null | undefined>;
  /** The form's message when `load` finds nothing. */
  missing?: string;
  /** A refusal that depends on what was loaded: a permission over it, or a state in which it cannot change. */
  check?: (loaded: L, user: CurrentUser) => string | null;
  /** The caller's input read by its zod schema; a failure answers the first message per field. */
  parse?: (loaded: L) => Parsed<I>;
  /** The work itself; it may still refuse (what only the database can tell). */
  run: (context: ActionContext<L, I>) => Promise<ActionResult<T>>;
  /** The layout whose pages show the change, refreshed after a success only. */
  refresh?: string;
}

const MISSING = "This no longer exists or has been removed.";

/**
 * Every server action, one way: user → sign-in step → permission → load → check → parse → run →
 * refresh. A signed-out caller is redirected before anything else (outside the guard, so an
 * outage cannot hide it). A user with a sign-in step still to take (a first password to replace,
 * two-factor the account requires) is refused like the pages send them away, or a session that
 * skipped the step could act by posting. From there an unexpected failure becomes the form's
 * "could not save" message, with its description in the server log (answerUnexpected). The
 * account is always the session's.
 */
export async function serverAction<L = undefined, I = undefined, T = undefined>(
  name: string,
  steps: ActionSteps<L, I, T>,
): Promise<ActionResult<T>> {
  const user = await requireUser();
  return answerUnexpected(name, async () => {
    const step = await pendingSignInStep(user.id);
    if (step && step !== steps.completes) return { ok: false, formError: signInSteps[step].refusal };
    const refused = steps.permission?.(user);
    if (refused) return { ok: false, formError: refused };
    const loaded = (steps.load ? await steps.load(user) : undefined) as L | null | undefined;
    if (steps.load && loaded == null) return { ok: false, formError: steps.missing ?? MISSING };
    const unchangeable = steps.check?.(loaded as L, user);
    if (unchangeable) return { ok: false, formError: unchangeable };
    const parsed = steps.parse?.(loaded as L);
    if (parsed && !parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };

    const actor = async (): Promise<Actor> => ({ id: user.id, name: user.name, accountId: user.accountId, ip: requestIp(await headers()) });
    const result = await steps.run({ user, loaded: loaded as L, input: parsed?.data as I, actor });
    if (result.ok && steps.refresh) revalidatePath(steps.refresh, "layout");
    return result;
  });
}
