import { z } from "@/lib/zod";

const ENTER = "Enter the customer's email or customer ID.";

/** "Customer email or ID": the lookup's and the export's one field. */
export const customerLookupSchema = z.object({
  value: z.string({ error: ENTER }).trim().min(1, ENTER).max(1_000, "That is too long: enter at most 1,000 characters."),
});
