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
