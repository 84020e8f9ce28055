import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { processSingleton } from "@/db/process-singleton";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";
import { limiterKey } from "@/lib/net/limiter-key";

/**
 * Sign-in attempts allowed per 15-minute window (the README's "Sign-in policy"). A browser that
 * never signed in as the email is counted:
 * - per email and address: the hard limit;
 * - per email across all addresses: slows guessing spread over many addresses down to 5 checks;
 * - per address across all emails: password spraying.
 * A known browser (a signed cookie from an earlier sign-in as that email, with its current
 * password) is counted on its own budget only, instead of all three: guesses from elsewhere, or
 * from a neighbour behind the same address (NAT), never lock the owner out of their own browser.
 */
export const signInPolicy = {
  perEmailAndIp: { points: 5, duration: 15 * 60 },
  perEmail: { points: 5, duration: 15 * 60 },
  perDevice: { points: 5, duration: 15 * 60 },
  perIp: { points: 30, duration: 15 * 60 },
} as const;

function limiters() {
  return processSingleton("signInLimiters", () => ({
    emailAndIp: sharedLimiter({ keyPrefix: "signin-email-ip", ...signInPolicy.perEmailAndIp }),
    email: sharedLimiter({ keyPrefix: "signin-email", ...signInPolicy.perEmail }),
    device: sharedLimiter({ keyPrefix: "signin-device", ...signInPolicy.perDevice }),
    ip: sharedLimiter({ keyPrefix: "signin-ip", ...signInPolicy.perIp }),
  }));
}

export interface SignInAttempt {
  email: string;
  ip: string;
  /** The known-device id when the browser proved an earlier sign-in as this email. */
  deviceId: string | null;
}

/**
 * Counts the attempt on every counter that applies, atomically, before any password is
 * checked: simultaneous guesses cannot all read "under the limit" and all get checked.
 * Returns null when any counter is spent; otherwise `succeeded`, which refunds the attempt.
 */
export async function chargeSignInAttempt({ email, ip: address, deviceId }: SignInAttempt): Promise<{ succeeded: () => Promise<void> } | null> {
  const l = limiters();
  const ip = limiterKey(address);
  const charged: Array<[RateLimiterAbstract, string]> = deviceId
    ? [[l.device, `${email}|${deviceId}`]]
    : [
        [l.emailAndIp, `${email}|${ip}`],
        [l.ip, ip],
        [l.email, email],
      ];
  const results = await Promise.all(charged.map(([store, key]) => countOn(store, key)));
  if (results.some((res, i) => res.consumedPoints > charged[i]![0].points)) {
    // Refused attempts check no password, so they cost nothing: hammering one email does not
    // spend the address's budget for others. (Meanwhile a parallel attempt may see the higher
    // count and be refused too: the safe side.)
    await Promise.all(charged.map(([store, key]) => store.reward(key, 1)));
    return null;
  }
  return {
    // The person proved who they are: this address's and browser's misses are forgiven; the
    // shared counters only get this attempt back (someone else may be guessing).
    succeeded: async () => {
      if (deviceId) return void (await l.device.delete(`${email}|${deviceId}`));
      await Promise.all([l.emailAndIp.delete(`${email}|${ip}`), l.email.reward(email, 1), l.ip.reward(ip, 1)]);
    },
  };
}
