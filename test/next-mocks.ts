import { vi } from "vitest";
import type { TestUser } from "./accounts";

/**
 * Server actions read the session, request headers and the route cache through Next.
 * Integration tests replace those three edges and keep everything behind them real.
 */
export const nextMocks = {
  currentUser: null as TestUser | null,
  clientIp: "198.51.100.23",
  /** Session versions this browser's session was re-issued under (renewThisSession). */
  renewals: [] as Array<{ userId: string; sessionVersion: number }>,
};

vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!nextMocks.currentUser) throw new Error("NEXT_REDIRECT:/login");
    return nextMocks.currentUser;
  },
  getCurrentUser: async () => nextMocks.currentUser,
  renewThisSession: async (userId: string, sessionVersion: number) => {
    nextMocks.renewals.push({ userId, sessionVersion });
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-hub-client-ip": nextMocks.clientIp }),
  cookies: async () => ({ get: () => undefined, set: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

export function signInAs(user: TestUser | null) {
  nextMocks.currentUser = user;
}
