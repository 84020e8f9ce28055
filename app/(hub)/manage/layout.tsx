import { redirect } from "next/navigation";
import { getSignInState, mustSetUpTwoFactor } from "@/lib/my-account/queries";
import { requireUser } from "@/lib/auth/session";

/** Every console page but My account: an admin whose account requires two-factor sets it up first. */
export default async function ManageLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const state = await getSignInState(user.id);
  if (state && mustSetUpTwoFactor(state)) redirect("/account");
  return children;
}
