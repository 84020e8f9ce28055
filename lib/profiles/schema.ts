import { z } from "@/lib/zod";

/** A linking attribute's value as the Profile Read API looks it up: any text but none. */
export const linkingValueSchema = z.string().min(1);

// One schema per linking attribute, made once: this runs on every Profile Read request.
const byAttribute = new Map<string, z.ZodType<Record<string, string>>>();

/** GET /api/v1/profile's query: exactly one parameter, the token's linking attribute. */
export function profileQuerySchema(linkingAttribute: string): z.ZodType<Record<string, string>> {
  let schema = byAttribute.get(linkingAttribute);
  if (!schema) {
    // Attribute keys come from account catalogues; the bound only keeps a surprise from growing it.
    if (byAttribute.size >= 1_000) byAttribute.clear();
    byAttribute.set(linkingAttribute, (schema = z.strictObject({ [linkingAttribute]: linkingValueSchema })));
  }
  return schema;
}

export type LookupBody = { ok: true; value: string } | { ok: false; message: string };

/**
 * POST /api/v1/profile/lookup's body: a JSON object with one field, the token's linking
 * attribute, holding the value as non-empty text. Each way to get it wrong has its message;
 * none repeats what was sent (the body is where the value was meant to stay).
 */
export function parseLookupBody(body: unknown, linkingAttribute: string): LookupBody {
  const example = `{"${linkingAttribute}": "…"}`;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, message: `The body must be a JSON object with one field, "${linkingAttribute}": ${example}.` };
  }
  const keys = Object.keys(body);
  if (keys.length === 0) return { ok: false, message: `The body names no attribute: send ${example}.` };
  if (keys.length > 1) return { ok: false, message: `Send one field only, "${linkingAttribute}": ${example}.` };
  if (keys[0] !== linkingAttribute) return { ok: false, message: `This token looks profiles up by "${linkingAttribute}" only: send ${example}.` };
  const value = (body as Record<string, unknown>)[linkingAttribute];
  if (typeof value !== "string") return { ok: false, message: `"${linkingAttribute}" must be a string: ${example}.` };
  if (!linkingValueSchema.safeParse(value).success) return { ok: false, message: `"${linkingAttribute}" must not be empty.` };
  return { ok: true, value };
}

/** The one field a lookup body names, whatever the attribute, before the token is known; undefined unless it is well formed. */
export function lookupBodyAsk(body: unknown): { key: string; value: string } | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  if (keys.length !== 1) return undefined;
  const parsed = parseLookupBody(body, keys[0]!);
  return parsed.ok ? { key: keys[0]!, value: parsed.value } : undefined;
}
