import type { ProfileAttributes } from "@/db/tables";
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

/** Jane Remington is the profile every walkthrough and test looks up. */
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

export function generateProfiles(count: number, domain: string, random: Random, today: Date): ProfileAttributes[] {
  const profiles: ProfileAttributes[] = [janeRemington(domain)];
  for (let i = 2; i <= count; i++) {
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const [city, state, postcode] = random.pick(cities);
    const orders = random.int(0, 60);
    const aov = Math.round(random.int(2000, 25000)) / 100;
    const signupDays = random.int(30, 3000);
    profiles.push({
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
    });
  }
  return profiles;
}
