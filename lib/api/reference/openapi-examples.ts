/**
 * The reference's examples, in the demo data's shapes (lib/demo: Demo Retail's team, groups and
 * forms, Jane Remington's profile). openapi-examples.test.ts validates every one against the
 * document's schemas (which the API tests hold real responses to) and compares names, emails and
 * attributes with the demo data's generators, so an example that drifts fails the tests.
 */

/** Ids as the demo data has them: random UUIDs, fixed here so the examples stay readable. */
const ids = {
  priya: "0c6f1a2e-5b7d-4e3a-9f21-6d8e4b2a7c10",
  tom: "1d7a2b3f-6c8e-4f4b-8a32-7e9f5c3b8d21",
  customerCare: "5e1b3c4d-7f9a-4b6c-9d43-8f0a6d4c9e32",
  onlineOrders: "6f2c4d5e-8a0b-4c7d-8e54-9a1b7e5d0f43",
  escalations: "9c5f7a8b-1d3e-4fa0-9b87-2d4e0b8a3c76",
  vipConcierge: "ad6a8b9c-2e4f-4ab1-8c98-3e5f1c9b4d87",
  orderEnquiry: "7a3d5e6f-9b1c-4d8e-9f65-0b2c8f6e1a54",
  customerNps: "8b4e6f7a-0c2d-4e9f-8a76-1c3d9a7f2b65",
} as const;

const users = {
  data: [
    {
      id: ids.priya,
      email: "priya.shah@demo-retail.test",
      first_name: "Priya",
      last_name: "Shah",
      timezone: "Australia/Melbourne",
      gmtoffset: 11,
      sign_in_count: 0,
      last_sign_in_at: null,
      archived: false,
      groups: [ids.customerCare, ids.onlineOrders],
    },
    {
      id: ids.tom,
      email: "tom.becker@demo-retail.test",
      first_name: "Tom",
      last_name: "Becker",
      timezone: "Australia/Sydney",
      gmtoffset: 11,
      sign_in_count: 212,
      last_sign_in_at: "2026-11-27T22:14:05.000Z",
      archived: false,
      groups: [ids.onlineOrders],
    },
  ],
};

const groups = {
  data: [
    { id: ids.customerCare, name: "Customer Care", comment: "Front line: every channel, every customer.", member_count: 4 },
    { id: ids.onlineOrders, name: "Online Orders", comment: "Deliveries, payments and order changes.", member_count: 4 },
  ],
};

const forms = {
  data: [
    {
      id: ids.orderEnquiry,
      name: "Order enquiry",
      title: "Tell us about your order",
      archived: false,
      created_at: "2025-10-25T00:00:00.000Z",
      groups: [ids.customerCare, ids.onlineOrders, ids.escalations, ids.vipConcierge],
      nps: false,
      form_url: "https://forms.demo-retail.test/order-enquiry",
    },
    {
      id: ids.customerNps,
      name: "Customer NPS",
      title: "How likely are you to recommend us to a friend?",
      archived: false,
      created_at: "2026-04-23T00:00:00.000Z",
      groups: [ids.onlineOrders],
      nps: true,
      form_url: "https://forms.demo-retail.test/customer-nps",
    },
  ],
};

const activityQuery = { metric: "cases_closed", from: "2026-11-01", to: "2026-11-03", group_by: "day" };
const activityRows = {
  data: [
    { day: "2026-11-01", value: 41 },
    { day: "2026-11-02", value: 38 },
    { day: "2026-11-03", value: 45 },
  ],
};

const summaryRequest = { type: "summary", date_from: "2026-10-29T00:00:00Z", date_to: "2026-11-28T00:00:00Z" };
const summaryReport = {
  total_volume: 1184,
  total_responded_to: 1097,
  avg_response_time: 1712.4,
  min_response_time: 41,
  max_response_time: 28650,
  avg_action_response_time: 2380.9,
  min_action_response_time: 95,
  max_action_response_time: 41220,
  broke_sla: 63,
  broke_action_sla: 88,
  avg_response_time_min: 28.54,
  avg_action_response_time_min: 39.68,
};

// A Profile Read token linked on Email that exposes these attributes (the demo's Jane Remington).
const janeRemington = {
  data: {
    email: "jane.remington@demo-retail.test",
    customer_id: "C-00001",
    first_name: "Jane",
    last_name: "Remington",
    loyalty_tier: "Gold",
    lifetime_value: 4821.5,
  },
};

type Examples = { request?: unknown; requestSummary?: string; response: unknown; responseSummary: string };

/** One request (when the operation takes a body) and one success body per operation, by path and method. */
/** GitHub's headers as it sends them: a key identifier (hex SHA-256) and a base64 DER signature. */
export const GITHUB_KEY_ID_EXAMPLE = "bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c";
export const GITHUB_SIGNATURE_EXAMPLE = "MEQCIHc…base64 DER ECDSA signature…";

export const operationExamples: Record<string, Examples> = {
  "POST /api/v1/tokens/revoke": {
    request: { tokens: ["hub_act_…"] },
    requestSummary: "A token found in a public repository",
    response: { data: { received: 1 } },
    responseSummary: "Received, whether or not it was a live token",
  },
  "POST /api/v1/secret-scanning/github": {
    request: [{ token: "hub_act_…", type: "hub_activity_token", url: "https://github.com/octo-org/octo-repo/blob/main/config.js", source: "content" }],
    requestSummary: "One match found by GitHub secret scanning",
    response: [{ token_raw: "hub_act_…", token_type: "hub_activity_token", label: "true_positive" }],
    responseSummary: "A live Hub token, now revoked",
  },
  "GET /api/v1/live": { response: { ok: true, tokenCache: "live" }, responseSummary: "The process is up" },
  "GET /api/v1/users": { response: users, responseSummary: "Two of Demo Retail's team" },
  "GET /api/v1/groups": { response: groups, responseSummary: "Two of Demo Retail's groups" },
  "GET /api/v1/forms": { response: forms, responseSummary: "A form and an NPS form" },
  "POST /api/v1/activity/query": {
    request: activityQuery,
    requestSummary: "Cases closed per day",
    response: activityRows,
    responseSummary: "One row per day",
  },
  "POST /api/v1/activity/reports": {
    request: summaryRequest,
    requestSummary: "The summary of 30 days",
    response: summaryReport,
    responseSummary: "A summary report",
  },
  "POST /api/v1/profile/lookup": {
    request: { email: "jane.remington@demo-retail.test" },
    requestSummary: "Jane Remington, by email, for a token linked on Email",
    response: janeRemington,
    responseSummary: "Jane Remington, as a token exposing six attributes sees her",
  },
  "GET /api/v1/profile": { response: janeRemington, responseSummary: "Jane Remington, as a token exposing six attributes sees her" },
};

/** The demo's Jane Remington, looked up by email: the profile operation's query parameter. */
export const PROFILE_QUERY_EXAMPLE = "jane.remington@demo-retail.test";
