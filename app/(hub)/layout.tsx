import { redirect } from "next/navigation";
import { TopNav } from "@/components/shell/top-nav";
import { pendingSignInStep, signInSteps } from "@/lib/auth/sign-in-step";
import { requireUser } from "@/lib/auth/session";

export default async function HubLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // An operator-issued first password is replaced before anything else (PRODUCT.md §9); the
  // two-factor step is taken on My account, inside this layout (app/(hub)/manage/layout.tsx).
  if ((await pendingSignInStep(user.id)) === "choose-password") redirect(signInSteps["choose-password"].page);
  return (
    <>
      <TopNav user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
