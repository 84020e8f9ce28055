"use server";

import type { ActionResult } from "@/lib/action-result";
import { signInWithPassword } from "./actions";

/** The answer to a native submission, rendered into the page the browser loads next. */
export interface SignInFormState {
  result: ActionResult;
  email: string;
}

/**
 * The sign-in form posted by the browser itself: before hydration, or with JavaScript off. The
 * same action as the script's, read from the posted fields; it redirects on success. With
 * JavaScript the form checks its fields first and calls `signInWithPassword` directly.
 */
export async function signInFromForm(_previous: SignInFormState | undefined, form: FormData): Promise<SignInFormState> {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const email = field("email");
  const result = await signInWithPassword({ email, password: field("password"), callbackUrl: field("callbackUrl") || undefined });
  return { result, email };
}
