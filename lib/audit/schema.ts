import { z } from "@/lib/zod";

const PASTE = "Paste the token to look for.";

/** "Find a token"'s one field: a Hub token is 46 characters; anything much longer cannot be one. */
export const findTokenSchema = z.object({
  token: z.string({ error: PASTE }).max(200, "That is too long to be an API token.").trim().min(1, PASTE),
});
