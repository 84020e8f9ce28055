import { describe, expect, it } from "vitest";
import { DAY_MS, daysLeft, displayStatus, expiringBannerText, expiresInText, expiryChoicesFor, resolveExpiry } from "./expiry";
import { createTokenSchema } from "./schema";

// 23:59:59.999 UTC on 29 November: "tomorrow" starts 1 ms later.
const lateNight = Date.UTC(2026, 10, 29, 23, 59, 59, 999);

describe("resolveExpiry", () => {
  it("a custom date expires at its midnight UTC; tomorrow is the earliest, today is refused", () => {
    expect(resolveExpiry("custom", "2026-11-30", lateNight, null)).toEqual({ ok: true, expiresAt: new Date("2026-11-30T00:00:00Z") });
    expect(resolveExpiry("custom", "2026-11-29", lateNight, null)).toEqual({ ok: false, fieldErrors: { expiresOn: "Choose a date from tomorrow on" } });
    // One ms later it is the 30th: the 30th is now today.
    expect(resolveExpiry("custom", "2026-11-30", lateNight + 1, null)).toMatchObject({ ok: false });
  });

  it("caps a custom date at today + the maximum, and the fixed choices at the maximum", () => {
    expect(resolveExpiry("custom", "2026-12-29", lateNight, 30)).toMatchObject({ ok: true });
    expect(resolveExpiry("custom", "2026-12-30", lateNight, 30)).toEqual({ ok: false, fieldErrors: { expiresOn: "Your account's tokens must expire within 30 days" } });
    expect(resolveExpiry("30", "", lateNight, 30)).toEqual({ ok: true, expiresAt: new Date(lateNight + 30 * DAY_MS) });
    expect(resolveExpiry("60", "", lateNight, 30)).toMatchObject({ ok: false, fieldErrors: { expires: expect.any(String) } });
    expect(resolveExpiry("never", "", lateNight, 30)).toMatchObject({ ok: false, fieldErrors: { expires: expect.any(String) } });
    expect(resolveExpiry("never", "", lateNight, null)).toEqual({ ok: true, expiresAt: null });
  });

  it("refuses dates that do not exist", () => {
    for (const on of ["", "2026-02-30", "30/11/2026", "2026-13-01"]) {
      expect(resolveExpiry("custom", on, lateNight, null)).toEqual({ ok: false, fieldErrors: { expiresOn: "Enter a date" } });
    }
  });
});

describe("the New API Token form's schema", () => {
  const form = { type: "activity", description: "Nightly export", acceptTerms: true, expires: "custom" } as const;
  const messages = (input: Parameters<typeof createTokenSchema.safeParse>[0]) => {
    const parsed = createTokenSchema.safeParse(input);
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("refuses a missing or impossible custom date with the action's message, beside the other errors", () => {
    expect(messages({ ...form, acceptTerms: false, expiresOn: "" })).toEqual({
      acceptTerms: "You must agree to the terms and conditions",
      expiresOn: "Enter a date",
    });
    expect(messages({ ...form, expiresOn: "2026-02-30" })).toEqual({ expiresOn: "Enter a date" });
  });

  it("leaves the date alone unless Custom date is chosen, and the policy to the action", () => {
    expect(messages({ ...form, expires: "30", expiresOn: "" })).toEqual({});
    // Today or past the maximum depends on the clock and the account: only the action knows.
    expect(messages({ ...form, expiresOn: "2000-01-01" })).toEqual({});
  });
});

describe("what the owner sees", () => {
  it('offers "Never" only without a maximum', () => {
    expect(expiryChoicesFor(null).map((c) => c.label)).toEqual(["Never", "30 days", "60 days", "90 days", "Custom date"]);
    expect(expiryChoicesFor(90).map((c) => c.label)).toEqual(["30 days", "60 days", "90 days", "Custom date"]);
  });

  it('reads "Expired" from the expiry instant on, and counts whole days left rounded up', () => {
    const at = new Date(Date.UTC(2026, 11, 1));
    expect(displayStatus("active", at, at.getTime() - 1)).toBe("active");
    expect(displayStatus("active", at, at.getTime())).toBe("expired");
    expect(displayStatus("revoked", at, at.getTime())).toBe("revoked");
    expect(daysLeft(at, at.getTime() - 1)).toBe(1);
    expect(daysLeft(at, at.getTime() - DAY_MS - 1)).toBe(2);
    expect(daysLeft(at, at.getTime())).toBeNull();
    expect(daysLeft(null, 0)).toBeNull();
  });

  it("says singular and plural right", () => {
    expect(expiringBannerText(1)).toBe("1 token expires within 7 days");
    expect(expiringBannerText(3)).toBe("3 tokens expire within 7 days");
    expect(expiresInText(1)).toBe("Expires in 1 day");
    expect(expiresInText(14)).toBe("Expires in 14 days");
  });
});
