import { vi } from "vitest";
import type { TestUser } from "./accounts";

/**
 * Server actions read the session, request headers and the route cache through Next.
 * Integration tests replace those three edges and keep everything behind them real.
 */
export const nextMocks = {
  currentUser: null as TestUser | null,
  clientIp: "198.51.100.23",
};

vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => {
    if (!nextMocks.currentUser) throw new Error("NEXT_REDIRECT:/login");
    return nextMocks.currentUser;
  },
  getCurrentUser: async () => nextMocks.currentUser,
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-hub-client-ip": nextMocks.clientIp }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

export function signInAs(user: TestUser | null) {
  nextMocks.currentUser = user;
}
