import { renderToString } from "react-dom/server";
import { FormProvider, useForm } from "react-hook-form";
import { describe, expect, it } from "vitest";
import type { SharedSettingsValues } from "@/lib/tokens/schema";
import { IpAllowListFields } from "./ip-allow-list-fields";

type Values = Pick<SharedSettingsValues, "ipAllowList">;

function Form() {
  const form = useForm<Values>({
    defaultValues: { ipAllowList: [{ value: "203.0.113.7" }, { value: "not an address" }] },
    // As after a refused save: the second row carries a message, linked by aria-describedby.
    errors: { ipAllowList: [undefined, { value: { type: "server", message: "That is not an IP address or range" } }] },
  });
  return (
    <FormProvider {...form}>
      <IpAllowListFields required currentIp="198.51.100.2" />
    </FormProvider>
  );
}

const attributeValues = (html: string, name: string) => [...html.matchAll(new RegExp(` ${name}="([^"]*)"`, "g"))].map((m) => m[1]!);

describe("IpAllowListFields", () => {
  // The server's render and the browser's hydration must agree, or React reports a mismatch:
  // two renders of the same form are the same markup (react-hook-form's row ids are random).
  it("renders the same ids every time", () => {
    expect(renderToString(<Form />)).toBe(renderToString(<Form />));
  });

  it("points every label and aria-describedby at an element of the form", () => {
    const html = renderToString(<Form />);
    const ids = new Set(attributeValues(html, "id"));
    const inputIds = attributeValues(html, "for");
    expect(inputIds).toHaveLength(2);
    for (const id of inputIds) expect(ids).toContain(id);
    const described = attributeValues(html, "aria-describedby").flatMap((v) => v.split(" "));
    expect(described).toContain(`${inputIds[1]}-error`);
    for (const id of described) expect(ids).toContain(id);
    expect(html).toContain("That is not an IP address or range");
  });
});
