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

/** Arrays and objects nested deeper than this are refused: no field of any endpoint nests past a few levels. */
export const MAX_JSON_DEPTH = 64;

/** Why a parsed JSON body is refused, or null: every key and string, however deep it may nest. */
export function unsafeJson(value: unknown): string | null {
  const found = firstProblem(value, 1);
  if (found === "deep") return `The request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`;
  return found ? `The request body ${MESSAGE}.` : null;
}

/** `depth` counts the containers around `value`'s own (1 for the body itself), so every node is checked. */
function firstProblem(value: unknown, depth: number): "unsafe" | "deep" | null {
  if (typeof value === "string") return UNSAFE.test(value) ? "unsafe" : null;
  if (value === null || typeof value !== "object") return null;
  // The bound is an answer (400), not a place the walk stops looking: nothing past it goes unchecked.
  if (depth > MAX_JSON_DEPTH) return "deep";
  const entries: Array<[string | null, unknown]> = Array.isArray(value) ? value.map((item) => [null, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (key !== null && UNSAFE.test(key)) return "unsafe";
    const problem = firstProblem(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}
