import type { ProfileAttributes, profiles } from "@/db/tables";
import type { Random } from "./random";

const firstNames = ["Olivia", "Noah", "Amelia", "Jack", "Isla", "William", "Mia", "Oliver", "Ava", "Leo",
  "Grace", "Henry", "Chloe", "Lucas", "Ruby", "Thomas", "Zoe", "James", "Ella", "Charlie", "Sophie", "Max"];
const lastNames = ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Johnson", "Martin",
  "White", "Anderson", "Walker", "Thompson", "Harris", "Lee", "Ryan", "Robinson", "Kelly", "King", "Davis"];
const cities: Array<[string, string, string]> = [
  ["Melbourne", "VIC", "3000"], ["Sydney", "NSW", "2000"], ["Brisbane", "QLD", "4000"],
  ["Perth", "WA", "6000"], ["Adelaide", "SA", "5000"], ["Hobart", "TAS", "7000"], ["Canberra", "ACT", "2600"],
];
const tiers = ["Bronze", "Silver", "Gold", "Platinum"] as const;
const channels = ["Email", "SMS", "App", "In store"] as const;
const categories = ["Footwear", "Outerwear", "Accessories", "Home", "Beauty", "Kids"] as const;
const segments = ["New", "Active", "Lapsing", "Lapsed", "Champion"] as const;

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const isoDate = (base: Date, dayOffset: number) =>
  new Date(base.getTime() - dayOffset * 86_400_000).toISOString().slice(0, 10);

/** Jane Remington is the profile every walkthrough and test looks up: she consents to every purpose. */
function janeRemington(domain: string): ProfileAttributes {
  return {
    email: `jane.remington@${domain}`,
    customer_id: "C-00001",
    first_name: "Jane",
    last_name: "Remington",
    loyalty_tier: "Gold",
    lifetime_value: 4821.5,
    phone: "+61 3 9000 0001",
    mobile: "+61 400 000 001",
    date_of_birth: "1986-04-12",
    gender: "Female",
    address_line_1: "12 Collins Street",
    city: "Melbourne",
    state: "VIC",
    postcode: "3000",
    country: "Australia",
    language: "en",
    signup_date: "2019-03-02",
    first_purchase_date: "2019-03-02",
    last_purchase_date: "2026-10-30",
    total_orders: 37,
    average_order_value: 130.31,
    total_spend_12m: 1240,
    returns_count: 2,
    preferred_store: "Melbourne Central",
    preferred_channel: "Email",
    favourite_category: "Footwear",
    email_opt_in: true,
    sms_opt_in: false,
    push_opt_in: true,
    points_balance: 5120,
    member_since: "2019-03-02",
    referral_code: "JANE-REM-01",
    segment: "Champion",
    churn_risk: "Low",
    predicted_ltv: 6100,
    app_user: true,
    store_visits_12m: 14,
    online_orders_12m: 9,
    last_visit_date: "2026-11-20",
    vip: true,
  };
}

/**
 * Sam Okafor has withdrawn consent to personalisation (PRODUCT.md §11) and keeps service and
 * analytics: a Personalisation token is told no such profile, a Customer service token reads him.
 */
function samOkafor(domain: string): DemoProfile {
  const attributes: ProfileAttributes = {
    email: `sam.okafor@${domain}`,
    customer_id: "C-00002",
    first_name: "Sam",
    last_name: "Okafor",
    loyalty_tier: "Silver",
    lifetime_value: 1387.2,
    phone: "+61 2 9000 0002",
    mobile: "+61 400 000 002",
    date_of_birth: "1992-09-03",
    gender: "Male",
    address_line_1: "48 George Street",
    city: "Sydney",
    state: "NSW",
    postcode: "2000",
    country: "Australia",
    language: "en",
    signup_date: "2021-06-14",
    first_purchase_date: "2021-06-20",
    last_purchase_date: "2026-09-18",
    total_orders: 12,
    average_order_value: 115.6,
    total_spend_12m: 462.4,
    returns_count: 1,
    preferred_store: "Sydney Central",
    preferred_channel: "SMS",
    favourite_category: "Outerwear",
    email_opt_in: false,
    sms_opt_in: true,
    push_opt_in: false,
    points_balance: 1380,
    member_since: "2021-06-14",
    referral_code: "SAM-OKA-02",
    segment: "Active",
    churn_risk: "Medium",
    predicted_ltv: 2100,
    app_user: false,
    store_visits_12m: 6,
    online_orders_12m: 4,
    last_visit_date: "2026-11-02",
    vip: false,
  };
  return { attributes, consentPersonalisation: false, consentService: true, consentAnalytics: true };
}

/** A profile row as the demo inserts it, without its account: the consent columns default to true (consented). */
export type DemoProfile = Omit<typeof profiles.$inferInsert, "id" | "accountId">;

/** Jane Remington (consents to every purpose), Sam Okafor (not to personalisation), then generated customers. */
export function generateProfiles(count: number, domain: string, random: Random, today: Date): DemoProfile[] {
  const profiles: DemoProfile[] = [{ attributes: janeRemington(domain), consentPersonalisation: true, consentService: true, consentAnalytics: true }];
  if (count >= 2) profiles.push(samOkafor(domain));
  for (let i = 3; i <= count; i++) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const [city, state, postcode] = random.pick(cities);
    const orders = random.int(0, 60);
    const aov = Math.round(random.int(2000, 25000)) / 100;
    const signupDays = random.int(30, 3000);
    const attributes: ProfileAttributes = {
      email: `${first}.${last}.${i}@${domain}`.toLowerCase(),
      customer_id: `C-${pad(i, 5)}`,
      first_name: first,
      last_name: last,
      loyalty_tier: random.pick(tiers),
      lifetime_value: Math.round(orders * aov * 100) / 100,
      phone: `+61 3 9${pad(random.int(0, 999), 3)} ${pad(i % 10000, 4)}`,
      mobile: `+61 4${pad(random.int(0, 99), 2)} ${pad(random.int(0, 999), 3)} ${pad(i % 1000, 3)}`,
      date_of_birth: isoDate(today, random.int(18 * 365, 75 * 365)),
      gender: random.pick(["Female", "Male", "Non-binary", "Unspecified"]),
      address_line_1: `${random.int(1, 300)} ${random.pick(lastNames)} Street`,
      city,
      state,
      postcode,
      country: "Australia",
      language: random.pick(["en", "en", "en", "zh", "vi", "it"]),
      signup_date: isoDate(today, signupDays),
      first_purchase_date: orders > 0 ? isoDate(today, signupDays - random.int(0, 20)) : null,
      last_purchase_date: orders > 0 ? isoDate(today, random.int(1, 400)) : null,
      total_orders: orders,
      average_order_value: orders > 0 ? aov : null,
      total_spend_12m: Math.round(random.int(0, Math.min(orders, 12)) * aov * 100) / 100,
      returns_count: random.int(0, Math.floor(orders / 5)),
      preferred_store: `${city} ${random.pick(["Central", "North", "Outlet", "Plaza"])}`,
      preferred_channel: random.pick(channels),
      favourite_category: random.pick(categories),
      email_opt_in: random.chance(0.7),
      sms_opt_in: random.chance(0.4),
      push_opt_in: random.chance(0.3),
      points_balance: random.int(0, 9000),
      member_since: isoDate(today, signupDays),
      referral_code: `REF-${pad(i, 5)}`,
      segment: random.pick(segments),
      churn_risk: random.pick(["Low", "Medium", "High"]),
      predicted_ltv: random.int(0, 9000),
      app_user: random.chance(0.35),
      store_visits_12m: random.int(0, 30),
      online_orders_12m: random.int(0, 20),
      last_visit_date: isoDate(today, random.int(0, 200)),
      vip: random.chance(0.05),
    };
    profiles.push({ attributes });
  }
  return profiles;
}
