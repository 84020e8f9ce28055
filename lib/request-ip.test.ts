import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, requestIp } from "./request-ip";

describe("requestIp", () => {
  it("reads the address the server set", () => {
    expect(requestIp(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.7" }))).toBe("203.0.113.7");
  });

  it("is null when the server learned none", () => {
    expect(requestIp(new Headers())).toBeNull();
    expect(requestIp(new Headers({ [CLIENT_IP_HEADER]: "" }))).toBeNull();
  });
});
