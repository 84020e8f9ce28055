import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as knownDevice from "./known-device";

// Before any import: the known-device cookie is signed with env.AUTH_SECRET, read once.
vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "a-test-secret-that-is-long-enough-for-hmac-keys";
});

describe("the known-device cookie", () => {
  it("is a __Host- cookie in production: Secure, Path=/, no Domain; a plain-named one is ignored there", () => {
    const spec = knownDevice.knownDeviceCookieSpec("production");
    expect(spec.name).toBe("__Host-hub_known_device");
    expect(spec.options).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: knownDevice.KNOWN_DEVICE_MAX_AGE_SECONDS });
    expect(spec.options).not.toHaveProperty("domain");
    const both = new Headers({ cookie: "hub_known_device=planted; __Host-hub_known_device=1.abc.def" });
    expect(knownDevice.knownDeviceCookie(both, "production")).toBe("1.abc.def");
    expect(knownDevice.knownDeviceCookie(new Headers({ cookie: "hub_known_device=planted" }), "production")).toBeNull();
    // Plain http in development cannot hold a Secure cookie: the plain name there.
    expect(knownDevice.knownDeviceCookieSpec("development")).toMatchObject({ name: "hub_known_device", options: { secure: false, path: "/" } });
  });

  it("tags the email with a keyed hash: no one without the key can tell whose browser it is", () => {
    const email = "ada@example.test";
    const [, tag] = knownDevice.issueKnownDevice(email, 0).split(".");
    const unkeyed = createHash("sha256").update(`hub-known-device:${email}`).digest("base64url").slice(0, 22);
    expect(tag).toMatch(/^[\w-]{22,}$/);
    expect(tag).not.toBe(unkeyed);
  });

  it("belongs to one email and one password: a new session version (password change) voids it", () => {
    const cookie = knownDevice.issueKnownDevice("ada@example.test", 3);
    expect(knownDevice.knownDeviceId(cookie, "ada@example.test", 3)).not.toBeNull();
    expect(knownDevice.knownDeviceId(cookie, "ADA@example.test", 3)).not.toBeNull();
    expect(knownDevice.knownDeviceId(cookie, "ada@example.test", 4)).toBeNull();
    expect(knownDevice.knownDeviceId(cookie, "max@example.test", 3)).toBeNull();
    expect(knownDevice.knownDeviceId(cookie, "ada@example.test", undefined)).toBeNull();
  });
});
