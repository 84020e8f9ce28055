import { z } from "@/lib/zod";
import { hasHiddenCharacters } from "@/lib/text";
import { WEBHOOK_EVENT_TYPES } from "./events";

export const ENDPOINT_DESCRIPTION_MAX = 100;
export const ENDPOINT_URL_MAX = 2_000;

/** "Add endpoint": shared by the form and the action; the action also applies the outbound rules (lib/webhooks/url-policy.ts). */
export const createEndpointSchema = z.object({
  url: z
    .string({ error: "Enter the endpoint URL" })
    .trim()
    .min(1, "Enter the endpoint URL")
    .max(ENDPOINT_URL_MAX, `Use ${ENDPOINT_URL_MAX} characters or fewer`)
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), "Enter a full URL, such as https://example.com/hub-webhooks"),
  description: z
    .string()
    .trim()
    .max(ENDPOINT_DESCRIPTION_MAX, `Use ${ENDPOINT_DESCRIPTION_MAX} characters or fewer`)
    .refine((v) => !hasHiddenCharacters(v), "Remove the invisible or control characters from the description")
    .default(""),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose events from the list" }), { error: "Choose at least one event" })
    .min(1, "Choose at least one event"),
});
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;
