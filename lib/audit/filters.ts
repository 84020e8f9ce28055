import { firstParam as first, parseDayRange, parseTimeCursor, type TimeCursor } from "@/lib/keyset";
import { isUuid } from "@/lib/uuid";
import { isAuditAction, OTHER_ACTORS } from "./catalogue";
import type { AuditFilter } from "./queries";

export interface ParsedAuditQuery {
  filter: AuditFilter;
  /** As given, for the form, links and the export (invalid ones dropped, with a message). */
  action: string;
  actor: string;
  from: string;
  to: string;
  after: TimeCursor | null;
  errors: string[];
}

const isActor = (value: string) =>
  OTHER_ACTORS.some((a) => a.value === value) || (value.startsWith("user:") && isUuid(value.slice("user:".length)));

/**
 * The audit log's query string (page and export alike): `action`, one of the known actions;
 * `actor`, `user:<id>` or `operator`/`system`/`reporter`; `from`/`to`, UTC days, both
 * inclusive; `after`, the keyset cursor `<ms>_<id>`. Nothing personal ever goes in it.
 */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): ParsedAuditQuery {
  const range = parseDayRange(first(params.from), first(params.to));
  const errors = [...range.errors];
  const filter: AuditFilter = { from: range.from, to: range.to };
  const actionText = first(params.action) ?? "";
  const action = isAuditAction(actionText) ? actionText : "";
  if (actionText && !action) errors.push("Choose an action from the list.");
  if (action) filter.action = action;
  const actorText = first(params.actor) ?? "";
  const actor = isActor(actorText) ? actorText : "";
  if (actorText && !actor) errors.push("Choose an actor from the list.");
  if (actor) filter.actor = actor;
  return { filter, action, actor, from: range.fromText, to: range.toText, after: parseTimeCursor(first(params.after)), errors };
}

/** The filters as query parameters (empty ones left out), for links and the export. */
export function auditQueryParams(query: Pick<ParsedAuditQuery, "action" | "actor" | "from" | "to">): URLSearchParams {
  return new URLSearchParams(Object.entries({ action: query.action, actor: query.actor, from: query.from, to: query.to }).filter(([, v]) => v));
}
