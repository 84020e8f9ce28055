import Link from "next/link";
import { signOutUser } from "@/lib/auth/actions";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { ManageMenu, type MenuItem } from "./manage-menu";

/** The Manage menu: pages a role may not open are not offered (their URLs answer 404). */
function manageItems(user: CurrentUser): MenuItem[] {
  const items = [{ href: "/manage/integrations", label: "Integrations" }];
  if (can(user, "team:manage")) items.push({ href: "/manage/team", label: "Team" });
  if (can(user, "audit:read")) items.push({ href: "/manage/audit-log", label: "Audit log" });
  if (can(user, "privacy:read")) items.push({ href: "/manage/privacy", label: "Customer data access" });
  return items;
}

export function TopNav({ user }: { user: CurrentUser }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-6">
        <Link href="/manage/integrations" className="flex items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-md bg-indigo-600 text-sm font-bold text-white">
            H
          </span>
          Hub
        </Link>
        <span className="text-sm text-slate-400" aria-hidden="true">/</span>
        <span className="text-sm text-slate-600">{user.accountName}</span>
        <div className="ml-4">
          <ManageMenu items={manageItems(user)} />
        </div>
        <div className="ml-auto flex items-center gap-3">
          <div className="text-right text-sm leading-tight">
            <div className="font-medium text-slate-800">{user.name}</div>
            <div className="text-slate-500">
              {user.email} · <span className="capitalize">{user.role}</span>
            </div>
          </div>
          <Link href="/account" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
            My account
          </Link>
          <form action={signOutUser}>
            <button type="submit" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        </div>
      </nav>
    </header>
  );
}
