import { bigserial, boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

/** The account's attribute catalogue: what a Profile Read token may expose or link on. */
export const attributes = pgTable(
  "attributes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    displayName: text("display_name").notNull(),
    // Whether a value names at most one profile (email, customer id): only these may be a
    // Profile Read token's linking attribute, so a lookup never picks one person of several.
    identifiesProfile: boolean("identifies_profile").notNull().default(false),
  },
  (t) => [uniqueIndex("attributes_account_key").on(t.accountId, t.key)],
);

export type ProfileAttributes = Record<string, string | number | boolean | null>;

export const profiles = pgTable(
  "profiles",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    attributes: jsonb("attributes").$type<ProfileAttributes>().notNull(),
    // Consent per purpose (PRODUCT.md §11): a Profile Read token reads a profile only when it
    // consents to the token's purpose; otherwise the answer is exactly a missing profile's.
    consentPersonalisation: boolean("consent_personalisation").notNull().default(true),
    consentService: boolean("consent_service").notNull().default(true),
    consentAnalytics: boolean("consent_analytics").notNull().default(true),
  },
  // Lookups by any linking attribute use `attributes @> {"key": value}`: a GIN index answers
  // those for every key without one index per attribute.
  (t) => [
    index("profiles_account").on(t.accountId),
    index("profiles_attributes_gin").using("gin", t.attributes.op("jsonb_path_ops")),
  ],
);
