import { z } from "@/lib/zod";
import { allowsEverything, parseIpEntry, PROFILE_READ_WIDEST, widerThanProfileReadBound } from "@/lib/net/ip";
import { hasHiddenCharacters, hasVisibleCharacter } from "@/lib/text";
import { ENTER_A_DATE, expiryShape, parseDateInput } from "./expiry";
import { ALL_ACTIVITY_SCOPES, ALL_PROFILE_PURPOSES, MAX_DAILY_PROFILE_LIMIT, typeDefaults } from "./scopes";
import { TOKEN_TYPES } from "./types";

export const MAX_IP_ENTRIES = 50;
export const DESCRIPTION_MAX = 100;

const baseShape = {
  type: z.enum(TOKEN_TYPES, { error: "Choose an API type" }),
  description: z
    .string({ error: "Enter a description" })
    .trim()
    .min(1, "Enter a description")
    .max(DESCRIPTION_MAX, `Use ${DESCRIPTION_MAX} characters or fewer`)
    .refine((v) => !hasHiddenCharacters(v), "Remove the invisible or control characters from the description")
    .refine(hasVisibleCharacter, "Enter a description with visible characters"),
  exposedAttributes: z.array(z.string().max(64)).max(200).default([]),
  linkingAttribute: z.string().max(64).default(""),
  // Objects, not strings: react-hook-form's field arrays key rows by object.
  ipAllowList: z.array(z.object({ value: z.string().max(100, "That is not an IP address or range") })).default([]),
  // Left out, a new token gets its type's defaults (all four scopes; personalisation, 10,000 a
  // day) and an edit keeps what is stored (the action fills it in before parsing).
  scopes: z.array(z.enum(ALL_ACTIVITY_SCOPES, { error: "Choose scopes from the list" })).max(20).optional(),
  purpose: z.enum(ALL_PROFILE_PURPOSES, { error: "Choose a purpose" }).optional(),
  // NaN is what an emptied number field sends: refused with the range's message, for Profile Read only.
  dailyProfileLimit: z.union([z.number(), z.nan()], { error: "Enter the daily profile limit" }).optional(),
};

const settingsObject = z.object(baseShape);
/** The settings as both forms hold them, defaults filled in. */
type SettingsValues = z.output<typeof settingsObject>;
/** What the fields both forms share edit (each form decides the type itself). */
export type SharedSettingsValues = Omit<SettingsValues, "type">;

/** The rules that depend on the type, shared by the create and edit forms. */
function checkSettings(values: SettingsValues, ctx: z.RefinementCtx) {
  const profileRead = values.type === "profile_read";
  if (values.ipAllowList.length > MAX_IP_ENTRIES) {
    ctx.addIssue({ code: "custom", path: ["ipAllowList"], message: `Add at most ${MAX_IP_ENTRIES} IP addresses or ranges` });
  }
  const seen = new Map<string, number>();
  values.ipAllowList.forEach((row, index) => {
    const parsed = parseIpEntry(row.value);
    const path = ["ipAllowList", index, "value"];
    if (!parsed.ok) return ctx.addIssue({ code: "custom", path, message: parsed.message });
    if (profileRead && allowsEverything(parsed.entry)) {
      return ctx.addIssue({ code: "custom", path, message: "Profile Read tokens cannot allow every address: enter your servers' addresses" });
    }
    // Bounded ranges, so no list of at most 50 can add up to "everyone" (0.0.0.0/1 + 128.0.0.0/1).
    if (profileRead && widerThanProfileReadBound(parsed.entry)) {
      const { ipv4, ipv6 } = PROFILE_READ_WIDEST;
      return ctx.addIssue({ code: "custom", path, message: `Profile Read ranges may be at most /${ipv4} (IPv4) or /${ipv6} (IPv6): enter your servers' addresses` });
    }
    if (seen.has(parsed.entry.canonical)) return ctx.addIssue({ code: "custom", path, message: "This address or range is already in the list" });
    seen.set(parsed.entry.canonical, index);
  });
  if (!profileRead) {
    if (values.scopes?.length === 0) ctx.addIssue({ code: "custom", path: ["scopes"], message: "Choose at least one scope" });
    return;
  }
  const limitError = dailyLimitError(values.dailyProfileLimit);
  if (limitError) ctx.addIssue({ code: "custom", path: ["dailyProfileLimit"], message: limitError });
  if (values.exposedAttributes.length === 0) {
    ctx.addIssue({ code: "custom", path: ["exposedAttributes"], message: "Select at least one attribute to expose" });
  }
  if (!values.linkingAttribute) {
    ctx.addIssue({ code: "custom", path: ["linkingAttribute"], message: "Choose a linking attribute" });
  }
  if (values.ipAllowList.length === 0) {
    ctx.addIssue({ code: "custom", path: ["ipAllowList"], message: "Profile Read tokens need at least one IP address or range" });
  }
}

function dailyLimitError(limit: number | undefined): string | null {
  if (limit === undefined) return null;
  if (Number.isNaN(limit)) return "Enter the daily profile limit";
  if (!Number.isInteger(limit)) return "Enter a whole number of customers";
  if (limit < 1 || limit > MAX_DAILY_PROFILE_LIMIT) return `Enter a limit from 1 to ${MAX_DAILY_PROFILE_LIMIT.toLocaleString("en")} customers`;
  return null;
}

/**
 * What the database stores: canonical IP entries; attributes, purpose and daily limit only for
 * Profile Read tokens, scopes only for Activity tokens (in the form's order).
 */
function toSettings(values: SettingsValues) {
  const profileRead = values.type === "profile_read";
  const defaults = typeDefaults(values.type);
  const scopes: readonly string[] = values.scopes ?? defaults.scopes;
  return {
    type: values.type,
    description: values.description,
    exposedAttributes: profileRead ? [...new Set(values.exposedAttributes)] : [],
    linkingAttribute: profileRead ? values.linkingAttribute : null,
    // As the columns hold them: what History compares an edit with.
    scopes: (profileRead ? [] : ALL_ACTIVITY_SCOPES.filter((scope) => scopes.includes(scope))) as string[],
    purpose: (profileRead ? (values.purpose ?? defaults.purpose) : null) as string | null,
    dailyProfileLimit: profileRead ? (values.dailyProfileLimit ?? defaults.dailyProfileLimit) : null,
    ipAllowList: values.ipAllowList.map((row) => {
      const parsed = parseIpEntry(row.value);
      return parsed.ok ? parsed.entry.canonical : row.value;
    }),
  };
}

export const createTokenSchema = settingsObject
  .extend({
    acceptTerms: z.boolean().refine((v) => v, "You must agree to the terms and conditions"),
    // Whether the date is allowed is checked by the action: it depends on the account's policy and
    // the clock. That a custom date is one is checked here too, so the form shows it with the rest.
    ...expiryShape,
  })
  .superRefine(checkSettings)
  .superRefine((values, ctx) => {
    if (values.expires === "custom" && parseDateInput(values.expiresOn) === null) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: ENTER_A_DATE });
    }
  })
  .transform((values) => ({ ...toSettings(values), expires: values.expires, expiresOn: values.expiresOn }));

export const updateTokenSchema = settingsObject
  .extend({
    rateLimit: z
      .number({ error: "Enter the number of requests per minute" })
      .int("Enter a whole number of requests per minute")
      .min(1, "The rate limit must be at least 1 request per minute"),
  })
  .superRefine(checkSettings)
  .transform((values) => ({ ...toSettings(values), rateLimit: values.rateLimit }));

export type CreateTokenInput = z.input<typeof createTokenSchema>;
export type UpdateTokenInput = z.input<typeof updateTokenSchema>;
export type TokenSettings = z.output<typeof createTokenSchema>;
/** A token's editable settings as stored: what an edit writes and History compares. */
export type EditableTokenSettings = Omit<z.output<typeof updateTokenSchema>, "type">;
