import { redirect } from "next/navigation";
import { pendingSignInStep, signInSteps } from "@/lib/auth/sign-in-step";
import { requireUser } from "@/lib/auth/session";

/** Every console page but My account: a pending sign-in step (e.g. two-factor the account requires) comes first. */
export default async function ManageLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const step = await pendingSignInStep(user.id);
  if (step) redirect(signInSteps[step].page);
  return children;
}
