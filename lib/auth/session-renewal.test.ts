import { describe, expect, it } from "vitest";
import { renewedVersion, sessionRenewal } from "./session-renewal";

describe("session renewal proof", () => {
  const now = 1_800_000_000_000;
  it("grants the version it names, to that user, for a minute", () => {
    const proof = sessionRenewal("user-1", 7, now);
    expect(renewedVersion(proof, "user-1", now + 59_000)).toBe(7);
    expect(renewedVersion(proof, "user-2", now)).toBeNull();
    expect(renewedVersion(proof, "user-1", now + 61_000)).toBeNull();
  });

  it("refuses anything a browser could make up", () => {
    const proof = sessionRenewal("user-1", 7, now).renewal;
    expect(renewedVersion({ renewal: proof.replace(".7.", ".8.") }, "user-1", now)).toBeNull();
    expect(renewedVersion({ sessionVersion: 8 }, "user-1", now)).toBeNull();
    expect(renewedVersion(null, "user-1", now)).toBeNull();
    expect(renewedVersion({ renewal: `${proof}.x` }, "user-1", now)).toBeNull();
  });
});
