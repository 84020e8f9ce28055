import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser, requireUser } from "@/lib/auth/session";

/** Customer data access is for admins: anyone else gets the 404 a missing page gives (like the Audit log). */
export async function requirePrivacyPage() {
  const user = await requireUser();
  if (!can(user, "privacy:read")) notFound();
  return user;
}

/** The same rule for the export's route handler, which cannot render Next's 404 page: null for no session or a marketer. */
export async function privacyExportUser() {
  const user = await getCurrentUser();
  return user && can(user, "privacy:read") ? user : null;
}
