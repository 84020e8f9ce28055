import { CredentialsSignin } from "next-auth";
import { getUserCredentials } from "./queries";
import { verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { clearFailedSignIns, recordFailedSignIn, signInRetryAfter } from "./sign-in-throttle";

export class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
}

/**
 * Auth.js `authorize`: returns the user id on success, null on any wrong credential (one generic
 * answer), and throws SignInThrottled once the email or IP has failed too often.
 */
export async function authorizeCredentials(input: unknown, clientIp: string | null): Promise<{ id: string } | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Callers whose address the server did not learn share one per-IP budget: never unthrottled.
  const ip = clientIp ?? "unknown";

  if ((await signInRetryAfter(email, ip)) > 0) throw new SignInThrottled();

  const user = await getUserCredentials(email);
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !valid) {
    await recordFailedSignIn(email, ip);
    return null;
  }
  await clearFailedSignIns(email);
  return { id: user.id };
}
