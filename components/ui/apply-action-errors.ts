import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";

/** Puts a refused action's field errors on their fields; returns the form-level message. */
export function applyActionErrors<T extends FieldValues>(
  result: Extract<ActionResult<unknown>, { ok: false }>,
  setError: UseFormSetError<T>,
): string | undefined {
  let first = true;
  for (const [path, message] of Object.entries(result.fieldErrors ?? {})) {
    setError(path as Path<T>, { type: "server", message }, { shouldFocus: first });
    first = false;
  }
  return result.formError;
}
