import "server-only";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser, requireUser } from "@/lib/auth/session";

/** The Audit log is for admins: anyone else gets the 404 a missing page gives. */
export async function requireAuditLogPage() {
  const user = await requireUser();
  if (!can(user, "audit:read")) notFound();
  return user;
}

/** The same rule for the export's route handler, which cannot render Next's 404 page: null for no session or a marketer. */
export async function auditExportUser() {
  const user = await getCurrentUser();
  return user && can(user, "audit:read") ? user : null;
}
