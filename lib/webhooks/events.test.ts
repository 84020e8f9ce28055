import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPES, webhookEventTable } from "./events";
import { createEndpointSchema } from "./schema";

// The registry is the one list of events: the README's table and the endpoint form read it.
describe("the webhook event registry", () => {
  it("is the table the README publishes", () => {
    expect(readFileSync("README.md", "utf8")).toContain(webhookEventTable());
  });

  it("is what an endpoint can subscribe to, and nothing else", () => {
    const subscribe = (events: string[]) => createEndpointSchema.safeParse({ url: "https://example.com/hooks", events }).success;
    expect(subscribe([...WEBHOOK_EVENT_TYPES])).toBe(true);
    expect(subscribe(["webhook.test"])).toBe(false);
  });
});
