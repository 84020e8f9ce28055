import { TopNav } from "@/components/shell/top-nav";
import { requireUser } from "@/lib/auth/session";

export default async function HubLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <TopNav user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
