import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth";
import { getCurrentUser, hasEndedSession } from "@/lib/auth/session";

/**
 * Where a session that ended elsewhere (password changed, signed out from another browser, user
 * removed) is sent: its cookie is cleared and the browser lands on /login. A current session is
 * left alone, so a link here cannot sign anyone out.
 */
export async function GET() {
  if (await hasEndedSession()) await signOut({ redirectTo: "/login" });
  redirect((await getCurrentUser()) ? "/manage/integrations" : "/login");
}
