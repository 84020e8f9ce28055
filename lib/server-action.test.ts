import { beforeEach, describe, expect, it, vi } from "vitest";
import { nextMocks, signInAs } from "@/test/next-mocks";
// After next-mocks, which replaces it.
import { revalidatePath } from "next/cache";
import { UNAVAILABLE_MESSAGE } from "@/lib/action-guard";
import type { CurrentUser } from "@/lib/auth/session";
import { z } from "@/lib/zod";
import { serverAction, type ActionSteps } from "./server-action";

// The rule itself is tested on a real database (lib/auth/sign-in-step.test.ts); here, its answer.
const signInStep = vi.hoisted(() => ({ pending: null as "choose-password" | "set-up-two-factor" | null }));
vi.mock("@/lib/auth/sign-in-step", async (original) => ({
  ...(await original<typeof import("@/lib/auth/sign-in-step")>()),
  pendingSignInStep: async () => signInStep.pending,
}));


const admin: CurrentUser = { id: "u-1", email: "ada@example.com", name: "Ada", role: "admin", accountId: "a-1", accountName: "Acme" };
const marketer: CurrentUser = { ...admin, id: "u-2", name: "Max", role: "marketer" };

let ran: string[];
beforeEach(() => {
  ran = [];
  signInStep.pending = null;
  vi.mocked(revalidatePath).mockClear();
  signInAs(admin);
});

/** Every step, each noting that it ran; `refuseAt` names the one that says no. */
function steps(refuseAt?: "permission" | "load" | "check" | "parse" | "run"): ActionSteps<{ id: string }, { name: string }, string> {
  return {
    permission: () => (ran.push("permission"), refuseAt === "permission" ? "Admins only." : null),
    load: async (user) => (ran.push(`load ${user.accountId}`), refuseAt === "load" ? null : { id: "thing-1" }),
    missing: "Not found.",
    check: (thing) => (ran.push(`check ${thing.id}`), refuseAt === "check" ? "Finished." : null),
    parse: () => (ran.push("parse"), z.object({ name: z.string().min(1, "Enter a name") }).safeParse({ name: refuseAt === "parse" ? "" : "Kept" })),
    run: async ({ loaded, input }) => {
      ran.push(`run ${loaded.id} ${input.name}`);
      return refuseAt === "run" ? { ok: false, formError: "Taken." } : { ok: true, data: "done" };
    },
    refresh: "/manage/integrations",
  };
}

describe("serverAction", () => {
  it("runs user → permission → load → check → parse → run, then refreshes", async () => {
    expect(await serverAction("doIt", steps())).toEqual({ ok: true, data: "done" });
    expect(ran).toEqual(["permission", "load a-1", "check thing-1", "parse", "run thing-1 Kept"]);
    expect(vi.mocked(revalidatePath).mock.calls).toEqual([["/manage/integrations", "layout"]]);
  });

  it.each([
    ["permission", { ok: false, formError: "Admins only." }, ["permission"]],
    ["load", { ok: false, formError: "Not found." }, ["permission", "load a-1"]],
    ["check", { ok: false, formError: "Finished." }, ["permission", "load a-1", "check thing-1"]],
    ["parse", { ok: false, fieldErrors: { name: "Enter a name" } }, ["permission", "load a-1", "check thing-1", "parse"]],
    ["run", { ok: false, formError: "Taken." }, ["permission", "load a-1", "check thing-1", "parse", "run thing-1 Kept"]],
  ] as const)("stops at a refusal by %s, and refreshes nothing", async (step, answer, before) => {
    expect(await serverAction("doIt", steps(step))).toEqual(answer);
    expect(ran).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("hands the permission the signed-in user", async () => {
    signInAs(marketer);
    const answer = await serverAction("doIt", { permission: (user) => (user.role === "admin" ? null : "Admins only."), run: async () => ({ ok: true, data: undefined }) });
    expect(answer).toEqual({ ok: false, formError: "Admins only." });
  });

  it("names the actor from the session and the request's IP", async () => {
    const answer = await serverAction("doIt", { run: async ({ actor }) => ({ ok: true, data: await actor() }) });
    expect(answer).toEqual({ ok: true, data: { id: "u-1", name: "Ada", accountId: "a-1", ip: nextMocks.clientIp } });
  });

  it("answers an unexpected failure with the form's message, never the raw error", async () => {
    const answer = await serverAction("doIt", {
      load: async () => {
        throw new Error('relation "api_tokens" does not exist at db.internal:5432');
      },
      run: async () => ({ ok: true, data: undefined }),
    });
    expect(answer).toEqual({ ok: false, formError: UNAVAILABLE_MESSAGE });
  });

  it.each([
    ["choose-password", "Choose a new password before you continue."],
    ["set-up-two-factor", "Your account requires two-factor authentication. Set it up to continue."],
  ] as const)("refuses a user who must still %s before any step, but runs the action that takes it", async (pending, refusal) => {
    signInStep.pending = pending;
    expect(await serverAction("doIt", steps())).toEqual({ ok: false, formError: refusal });
    expect(ran).toEqual([]);
    expect(await serverAction("doIt", { ...steps(), completes: pending })).toEqual({ ok: true, data: "done" });
    const other = pending === "choose-password" ? "set-up-two-factor" : "choose-password";
    expect(await serverAction("doIt", { ...steps(), completes: other })).toEqual({ ok: false, formError: refusal });
  });

  it("turns a signed-out caller away before any step", async () => {
    signInAs(null);
    await expect(serverAction("doIt", steps())).rejects.toThrow(/NEXT_REDIRECT/);
    expect(ran).toEqual([]);
  });
});
