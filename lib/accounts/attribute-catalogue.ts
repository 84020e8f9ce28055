/** The default attribute catalogue every new account starts with (and the demo accounts too): API key (snake_case) → display name. */
export const attributeCatalogue = [
  ["email", "Email"],
  ["customer_id", "Customer ID"],
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["loyalty_tier", "Loyalty tier"],
  ["lifetime_value", "Lifetime value"],
  ["phone", "Phone"],
  ["mobile", "Mobile"],
  ["date_of_birth", "Date of birth"],
  ["gender", "Gender"],
  ["address_line_1", "Address line 1"],
  ["city", "City"],
  ["state", "State"],
  ["postcode", "Postcode"],
  ["country", "Country"],
  ["language", "Language"],
  ["signup_date", "Signup date"],
  ["first_purchase_date", "First purchase date"],
  ["last_purchase_date", "Last purchase date"],
  ["total_orders", "Total orders"],
  ["average_order_value", "Average order value"],
  ["total_spend_12m", "Total spend (12 months)"],
  ["returns_count", "Returns count"],
  ["preferred_store", "Preferred store"],
  ["preferred_channel", "Preferred channel"],
  ["favourite_category", "Favourite category"],
  ["email_opt_in", "Email opt-in"],
  ["sms_opt_in", "SMS opt-in"],
  ["push_opt_in", "Push opt-in"],
  ["points_balance", "Points balance"],
  ["member_since", "Member since"],
  ["referral_code", "Referral code"],
  ["segment", "Segment"],
  ["churn_risk", "Churn risk"],
  ["predicted_ltv", "Predicted lifetime value"],
  ["app_user", "App user"],
  ["store_visits_12m", "Store visits (12 months)"],
  ["online_orders_12m", "Online orders (12 months)"],
  ["last_visit_date", "Last visit date"],
  ["vip", "VIP"],
] as const;

export type AttributeKey = (typeof attributeCatalogue)[number][0];

/** Attributes whose value names one profile: the only ones a Profile Read token may link on. */
export const identifyingAttributes: ReadonlySet<string> = new Set<AttributeKey>(["email", "customer_id", "referral_code"]);

/** The catalogue's rows for an account: every place that creates a catalogue inserts these. */
export function catalogueRows(accountId: string) {
  return attributeCatalogue.map(([key, displayName]) => ({ accountId, key, displayName, identifiesProfile: identifyingAttributes.has(key) }));
}
