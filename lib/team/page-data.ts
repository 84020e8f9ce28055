import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";

/** The Team page is for admins: anyone else gets the 404 a missing page gives. */
export async function requireTeamAdminPage() {
  const user = await requireUser();
  if (!can(user, "team:manage")) notFound();
  return user;
}
