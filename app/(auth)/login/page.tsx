import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FormAlert } from "@/components/ui/form-alert";
import { Panel } from "@/components/ui/panel";
import { getCurrentUser } from "@/lib/auth/session";
import { PASSWORD_RESET_DONE } from "@/lib/team/messages";
import { LoginForm } from "./_components/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string }> }) {
  const { callbackUrl, reset } = await searchParams;
  // Signed in for real (not a cookie whose session ended): nothing to do here.
  if (await getCurrentUser()) redirect("/manage/integrations");
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <span className="inline-flex h-10 w-10 items-center justify-center rounded-lg bg-indigo-600 text-lg font-bold text-white">
            H
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight">Sign in to the Hub</h1>
          <p className="mt-1 text-sm text-slate-600">Manage your integrations and API tokens.</p>
        </div>
        {reset === "done" ? (
          <div className="mb-4">
            <FormAlert tone="success" message={PASSWORD_RESET_DONE} />
          </div>
        ) : null}
        <Panel>
          <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        </Panel>
      </div>
    </main>
  );
}
