import { RequestError } from "./errors";

/**
 * Unicode control characters (Cc: C0, DEL, C1) and unpaired surrogates. No linking-attribute
 * value, date or field name contains them, and the database refuses some (a NUL in jsonb) with
 * an error of its own: they are the caller's mistake, answered 400 before any query.
 */
const UNSAFE = /[\p{Cc}\p{Cs}]/u;

const MESSAGE = "must not contain control characters (U+0000–U+001F, U+007F–U+009F) or unpaired surrogates";

/** Why the query string is refused, or null. */
export function unsafeQuery(query: URLSearchParams): string | null {
  for (const [name, value] of query) if (UNSAFE.test(name) || UNSAFE.test(value)) return `Query parameters ${MESSAGE}.`;
  return null;
}

/** A body as JSON, refused (400) when it is not JSON or holds what no field may hold. */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw new RequestError("invalid_request", "The request body is not valid JSON");
  }
  const unsafe = unsafeJson(value);
  if (unsafe) throw new RequestError("invalid_request", unsafe);
  return value;
}

/** Why a parsed JSON body is refused, or null: every key and string, however deep. */
export function unsafeJson(value: unknown): string | null {
  return containsUnsafe(value, 0) ? `The request body ${MESSAGE}.` : null;
}

function containsUnsafe(value: unknown, depth: number): boolean {
  if (typeof value === "string") return UNSAFE.test(value);
  // A 16 KiB body cannot nest deeper than this; the bound keeps the walk off the stack's edge.
  if (value === null || typeof value !== "object" || depth > 1_000) return false;
  if (Array.isArray(value)) return value.some((item) => containsUnsafe(item, depth + 1));
  return Object.entries(value).some(([key, item]) => UNSAFE.test(key) || containsUnsafe(item, depth + 1));
}
