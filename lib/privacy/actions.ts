"use server";

import { refuse, type ActionResult } from "@/lib/action-result";
import { can } from "@/lib/auth/permissions";
import { serverAction } from "@/lib/server-action";
import { chargeLookup } from "./budget";
import { customerAccess, type CustomerAccess } from "./customer-access";
import { recordCustomerLookup } from "./record";
import { customerLookupSchema } from "./schema";

// A public POST endpoint, run by serverAction: the user first, admins only, the account from the
// session. The typed email or ID arrives in the POST body only (never a URL), is hashed, and is
// neither stored, logged nor sent back.

export type CustomerLookupState = ActionResult<CustomerAccess> | null;

/** "Look up": every token of the account that read the customer over the access log's retention. */
export async function lookUpCustomer(_previous: CustomerLookupState, form: FormData): Promise<ActionResult<CustomerAccess>> {
  return serverAction("lookUpCustomer", {
    permission: (user) => (can(user, "privacy:read") ? null : "Only admins can look up customer data access."),
    parse: () => customerLookupSchema.safeParse({ value: form.get("value") ?? undefined }),
    run: async ({ user, input, actor }) => {
      const wait = await chargeLookup(user.id);
      if (wait) return refuse(wait);
      const access = await customerAccess(user.accountId, input.value);
      await recordCustomerLookup(user.accountId, await actor(), "privacy.customer_looked_up", access.tokens.length);
      return { ok: true, data: access };
    },
  });
}
