import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { Panel } from "@/components/ui/panel";
import { PENDING_SIGN_IN_COOKIE, pendingUserId } from "@/lib/auth/two-factor/pending-sign-in";
import { CodeStepForm } from "../_components/code-step-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorSignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  // Only after a right password, within 5 minutes; anyone else starts at the password.
  if (!pendingUserId((await cookies()).get(PENDING_SIGN_IN_COOKIE)?.value)) redirect("/login");
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Two-factor authentication</h1>
          <p className="mt-1 text-sm text-slate-600">Enter the code from your authenticator app to finish signing in.</p>
        </div>
        <Panel>
          <CodeStepForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        </Panel>
      </div>
    </main>
  );
}
