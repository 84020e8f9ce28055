import { processSingleton } from "@/db/process-singleton";
import { countOn, sharedLimiter } from "@/lib/rate-limiter";

/** Failed sign-ins allowed per window before that email, or that IP, must wait. */
export const signInPolicy = {
  perEmail: { points: 5, duration: 15 * 60 },
  perIp: { points: 30, duration: 15 * 60 },
} as const;

function limiters() {
  return processSingleton("signInLimiters", () => ({
    email: sharedLimiter({ keyPrefix: "signin-email", ...signInPolicy.perEmail }),
    ip: sharedLimiter({ keyPrefix: "signin-ip", ...signInPolicy.perIp }),
  }));
}

/** Seconds until this email and IP may try again, or 0 when they may try now. */
export async function signInRetryAfter(email: string, ip: string): Promise<number> {
  const { email: byEmail, ip: byIp } = limiters();
  const [e, i] = await Promise.all([byEmail.get(email), byIp.get(ip)]);
  const blocked = [
    [e, signInPolicy.perEmail.points],
    [i, signInPolicy.perIp.points],
  ] as const;
  let wait = 0;
  for (const [res, points] of blocked) {
    if (res && res.consumedPoints >= points) wait = Math.max(wait, Math.ceil(res.msBeforeNext / 1000));
  }
  return wait;
}

export async function recordFailedSignIn(email: string, ip: string): Promise<void> {
  const { email: byEmail, ip: byIp } = limiters();
  // Already over the limit is fine: the count is what we want.
  await Promise.all([countOn(byEmail, email), countOn(byIp, ip)]);
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await limiters().email.delete(email);
}
