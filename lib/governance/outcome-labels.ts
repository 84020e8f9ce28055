import type { AccessOutcome } from "./queries";

/** How the console names an access-log outcome (no runtime import: the search result renders in the browser). */
export const accessOutcomeLabels: Record<AccessOutcome, string> = { found: "Found", not_found: "Not found", ambiguous: "Ambiguous", withheld: "Withheld (no consent)" };
