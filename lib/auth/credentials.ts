import { CredentialsSignin } from "next-auth";
import { knownDeviceId } from "./known-device";
import { getUserCredentials } from "./queries";
import { PasswordChecksBusy, verifyPassword } from "./password";
import { signInSchema } from "./schema";
import { chargeSignInAttempt } from "./sign-in-throttle";

export class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
}

/**
 * Auth.js `authorize`: returns the user id on success, null on any wrong credential (one generic
 * answer), and throws SignInThrottled when a counter of the sign-in policy is spent or too many
 * password checks are already waiting. `deviceCookie` is the browser's known-device cookie.
 */
export async function authorizeCredentials(input: unknown, clientIp: string | null, deviceCookie?: string | null): Promise<{ id: string } | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Callers whose address the server did not learn share one per-IP budget: never unthrottled.
  const ip = clientIp ?? "unknown";

  // Read first: a known-device cookie only counts at the user's current session version.
  const user = await getUserCredentials(email);
  const attempt = await chargeSignInAttempt({ email, ip, deviceId: knownDeviceId(deviceCookie, email, user?.sessionVersion) });
  if (!attempt) throw new SignInThrottled();

  let valid: boolean;
  try {
    valid = await verifyPassword(user?.passwordHash ?? null, password);
  } catch (error) {
    if (error instanceof PasswordChecksBusy) throw new SignInThrottled();
    throw error;
  }
  if (!user || !valid) return null;
  await attempt.succeeded();
  return { id: user.id };
}
