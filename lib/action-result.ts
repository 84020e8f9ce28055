import type { ZodError } from "@/lib/zod";

/** What every server action returns: data, or messages for the form (never a raw error). */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors?: Record<string, string>; formError?: string };

/** The first message per field, keyed by the field's dotted path (e.g. `ipAllowList.3.value`). */
export function fieldErrorsOf(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** A refusal with one message for the whole form. */
export function refuse(formError: string): { ok: false; formError: string } {
  return { ok: false, formError };
}

/** Success with nothing to return. */
export function done(): { ok: true; data: undefined } {
  return { ok: true, data: undefined };
}
