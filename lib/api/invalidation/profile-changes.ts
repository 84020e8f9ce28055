import { z } from "@/lib/zod";
import type { ProfileChange } from "./profile-cache";

// What the trigger on profiles sends (migration 0010): {"a","p","h"} for one profile,
// {"a","all":true} for a whole account (an import, a moved profile), {"all":true} for TRUNCATE.
const payloadSchema = z.union([
  z.object({ a: z.string(), p: z.string(), h: z.array(z.string()) }),
  z.object({ a: z.string(), all: z.literal(true) }),
  z.object({ all: z.literal(true) }),
]);

/**
 * The change a notification on the profile channel describes. Anyone with database access can
 * notify that channel: anything unreadable forgets everything, which is never wrong.
 */
export function parseProfileChange(payload: string): ProfileChange {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { scope: "all" };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { scope: "all" };
  const change = parsed.data;
  if ("p" in change) return { scope: "profile", accountId: change.a, profileId: change.p, pairs: change.h };
  if ("a" in change) return { scope: "account", accountId: change.a };
  return { scope: "all" };
}
