import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChoosePasswordForm } from "@/components/my-account/choose-password-form";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth/session";
import { pendingSignInStep } from "@/lib/auth/sign-in-step";

export const metadata: Metadata = { title: "Choose a new password" };

/** First sign-in with a password the operator issued (`npm run hub -- create-account`). */
export default async function ChoosePasswordPage() {
  const user = await requireUser();
  if ((await pendingSignInStep(user.id)) !== "choose-password") redirect("/manage/integrations");
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
          <p className="mt-1 text-sm text-slate-600">Your first password was set up for you. Replace it with one only you know.</p>
        </div>
        <Panel>
          <ChoosePasswordForm />
        </Panel>
      </div>
    </main>
  );
}
