import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./index";
import { getUserById, type CurrentUser } from "./queries";

/**
 * The signed-in user, read fresh from the database once per request: a deleted user or a
 * changed role takes effect at once, whatever the session cookie still says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? getUserById(id) : null;
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

export type { CurrentUser };
