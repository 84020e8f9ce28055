import type { TokenFieldChange } from "@/db/tables";
import type { EditableTokenSettings as ComparableSettings } from "./schema";
import { purposeLabel, scopeLabels } from "./scopes";

export type { ComparableSettings };

export const fieldLabels: Record<keyof ComparableSettings, string> = {
  description: "Description",
  exposedAttributes: "Attributes to expose",
  linkingAttribute: "Linking attribute",
  ipAllowList: "IP whitelist",
  rateLimit: "Rate limit (requests per minute)",
  scopes: "Scopes",
  purpose: "Purpose",
  dailyProfileLimit: "Daily profile limit (distinct customers)",
};

/**
 * The fields an edit changed, old → new, as people read them (attribute display names, lists
 * joined). A token's secret is not a setting, so it can never appear here.
 */
export function diffSettings(
  before: ComparableSettings,
  after: ComparableSettings,
  attributeName: (key: string) => string,
): TokenFieldChange[] {
  const show = {
    description: (v: ComparableSettings) => v.description,
    exposedAttributes: (v: ComparableSettings) => list([...v.exposedAttributes].sort().map(attributeName)),
    linkingAttribute: (v: ComparableSettings) => (v.linkingAttribute ? attributeName(v.linkingAttribute) : "(none)"),
    ipAllowList: (v: ComparableSettings) => list(v.ipAllowList),
    rateLimit: (v: ComparableSettings) => String(v.rateLimit),
    // Profile Read tokens have no scopes and Activity tokens no purpose or limit: "(none)" on
    // both sides never shows as a change.
    scopes: (v: ComparableSettings) => scopeLabels(v.scopes),
    purpose: (v: ComparableSettings) => purposeLabel(v.purpose),
    dailyProfileLimit: (v: ComparableSettings) => (v.dailyProfileLimit === null ? "(none)" : v.dailyProfileLimit.toLocaleString("en")),
  };
  const changes: TokenFieldChange[] = [];
  for (const field of Object.keys(show) as Array<keyof ComparableSettings>) {
    const from = show[field](before);
    const to = show[field](after);
    if (from !== to) changes.push({ field: fieldLabels[field], from, to });
  }
  return changes;
}

function list(items: string[]): string {
  return items.length ? items.join(", ") : "(none)";
}
