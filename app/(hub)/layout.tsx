import { redirect } from "next/navigation";
import { TopNav } from "@/components/shell/top-nav";
import { getSignInState } from "@/lib/my-account/queries";
import { requireUser } from "@/lib/auth/session";

export default async function HubLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // An operator-issued first password is replaced before anything else (PRODUCT.md §9).
  if ((await getSignInState(user.id))?.mustChangePassword) redirect("/choose-password");
  return (
    <>
      <TopNav user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
