import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { planTeam } from "@/lib/demo/activity";
import { demoAccounts } from "@/lib/demo/demo-accounts";
import { generateProfiles } from "@/lib/demo/profiles";
import { createRandom } from "@/lib/demo/random";
import { errorCatalogue } from "../http/errors";
import { errorTableMarkdown } from "./openapi-guide";
import { operationExamples } from "./openapi-examples";
import { openApiDocument } from "./openapi";

// Every example the reference shows, request and response, errors included, must be something
// the document's own schemas accept: OAS 3.1 schemas are JSON Schema 2020-12.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

type Media = { schema: object; examples?: Record<string, { value: unknown }> };
type Operation = {
  tags?: string[];
  requestBody?: { content: Record<string, Media> };
  parameters?: Array<{ name: string; schema: object; example?: unknown }>;
  responses: Record<string, { content?: Record<string, Media> }>;
};

// Read as plain data: operations other branches add must be covered without changing this test.
const document = JSON.parse(JSON.stringify(openApiDocument)) as { tags: Array<{ name: string }>; paths: Record<string, Record<string, Operation>> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
);

/** Every (label, schema, example value) the document holds. */
const examples = operations.flatMap(({ name, operation }) => {
  const media = [
    ...Object.values(operation.requestBody?.content ?? {}).map((m) => [`${name} request`, m] as const),
    ...Object.entries(operation.responses).flatMap(([status, r]) => Object.values(r.content ?? {}).map((m) => [`${name} ${status}`, m] as const)),
  ];
  return [
    ...media.flatMap(([label, m]) => Object.entries(m.examples ?? {}).map(([key, e]) => [`${label} ${key}`, m.schema, e.value] as const)),
    ...(operation.parameters ?? []).map((p) => [`${name} parameter ${p.name}`, p.schema, p.example] as const),
  ];
});

describe("the reference's examples", () => {
  it("exist for every operation: a request for every body, one per error code, a success body", () => {
    expect(operations.length).toBeGreaterThanOrEqual(7);
    for (const { name, operation } of operations) {
      for (const media of Object.values(operation.requestBody?.content ?? {})) expect(Object.keys(media.examples ?? {}), `${name} request`).not.toHaveLength(0);
      const statuses = Object.keys(operation.responses);
      expect(statuses.some((s) => s.startsWith("2")), name).toBe(true);
      for (const status of statuses) {
        for (const media of Object.values(operation.responses[status]!.content ?? {})) {
          const codes = (media.schema as { properties?: { error?: { properties: { code: { enum: string[] } } } } }).properties?.error?.properties.code.enum;
          // An error response shows each of its codes; a success shows at least one body.
          if (codes) expect(Object.keys(media.examples ?? {}).sort(), `${name} ${status}`).toEqual([...codes].sort());
          else expect(Object.keys(media.examples ?? {}), `${name} ${status}`).not.toHaveLength(0);
        }
      }
    }
  });

  it.each(examples.map(([label, schema, value]) => [label, schema, value]))("%s validates against its schema", (_label, schema, value) => {
    const validate = ajv.compile(schema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it("fail validation when they drift (the check can fail)", () => {
    const users = openApiDocument.paths["/api/v1/users"].get.responses["200"].content["application/json"].schema;
    const [first] = (operationExamples["GET /api/v1/users"]!.response as { data: object[] }).data;
    expect(ajv.compile(users)({ data: [{ ...first, nickname: "Pri" }] })).toBe(false);
    expect(ajv.compile(users)({ data: [{ ...first, archived: "no" }] })).toBe(false);
  });

  it("never show a real token: placeholders only", () => {
    const text = JSON.stringify(openApiDocument);
    expect(text).not.toMatch(/hub_(?:act|prf)_[0-9A-Za-z]{4,}/);
    expect(text).toContain("hub_act_…");
    expect(text).toContain("hub_prf_…");
  });

  it("put every operation in one of the reference's sections (tags)", () => {
    const sections = new Set(document.tags.map((t) => t.name));
    for (const { name, operation } of operations) {
      expect(operation.tags, name).toHaveLength(1);
      expect(sections.has(operation.tags![0]!), `${name}: ${operation.tags![0]}`).toBe(true);
    }
  });
});

describe("the examples match the demo data", () => {
  const demo = demoAccounts[0]!;
  const today = new Date("2026-11-28T00:00:00Z");
  const team = planTeam(demo.domain, demo.teamSize, createRandom(1), today);

  it("users, groups and forms are Demo Retail's", () => {
    for (const user of (operationExamples["GET /api/v1/users"]!.response as { data: Array<Record<string, unknown>> }).data) {
      const member = team.members.find((m) => m.email === user.email);
      expect(member, String(user.email)).toBeDefined();
      expect(user).toMatchObject({ first_name: member!.firstName, last_name: member!.lastName, timezone: member!.timezone, archived: member!.archived });
      expect(user.groups).toHaveLength(member!.groups.length);
      expect(user.last_sign_in_at === null).toBe(member!.signInCount === 0);
    }
    for (const group of (operationExamples["GET /api/v1/groups"]!.response as { data: Array<Record<string, unknown>> }).data) {
      expect(team.groups).toContainEqual({ name: group.name, comment: group.comment });
    }
    for (const form of (operationExamples["GET /api/v1/forms"]!.response as { data: Array<Record<string, unknown>> }).data) {
      const seeded = team.forms.find((f) => f.name === form.name);
      expect(seeded, String(form.name)).toBeDefined();
      expect(form).toMatchObject({ title: seeded!.title, nps: seeded!.nps, archived: seeded!.archived, form_url: seeded!.formUrl });
      expect(form.groups).toHaveLength(seeded!.groups.length);
    }
  });

  it("the profile is Jane Remington's, attribute for attribute, asked for by her email", () => {
    const [jane] = generateProfiles(1, demo.domain, createRandom(1), today);
    for (const operation of ["GET /api/v1/profile", "POST /api/v1/profile/lookup"]) {
      const shown = (operationExamples[operation]!.response as { data: Record<string, unknown> }).data;
      for (const [key, value] of Object.entries(shown)) expect(jane!.attributes[key], `${operation} ${key}`).toEqual(value);
    }
    expect(operationExamples["POST /api/v1/profile/lookup"]!.request).toEqual({ email: jane!.attributes.email });
  });
});

describe("the error table", () => {
  it("has every code of errors.ts with its status and headers", () => {
    const table = errorTableMarkdown();
    for (const { code, status, headers } of errorCatalogue()) {
      expect(table).toMatch(new RegExp(`^\\| \`${code}\` \\| ${status} \\|.*$`, "m"));
      for (const name of Object.keys(headers ?? {})) expect(table.split("\n").find((row) => row.includes(`\`${code}\``))).toContain(name);
    }
    expect(table).toContain("Retry-After: <seconds>");
    expect(openApiDocument.info.description).toContain(table);
    expect(openApiDocument.info.description).toContain("RateLimit-Policy");
  });
});
