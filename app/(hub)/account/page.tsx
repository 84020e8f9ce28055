import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/my-account/change-password-form";
import { SignOutOthersButton } from "@/components/my-account/sign-out-others-button";
import { TurnOffTwoFactorForm } from "@/components/my-account/turn-off-two-factor-form";
import { TwoFactorSetup } from "@/components/my-account/two-factor-setup";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth/session";
import { getSignInState, signInStepOf, signInSteps } from "@/lib/auth/sign-in-step";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const user = await requireUser();
  const state = await getSignInState(user.id);
  return (
    <>
      <PageHeader title="My account" description={`${user.name} · ${user.email}`} />
      {state && signInStepOf(state) === "set-up-two-factor" ? (
        <p role="status" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {signInSteps["set-up-two-factor"].refusal}
        </p>
      ) : null}
      <div className="space-y-6">
        <Panel as="section" aria-labelledby="change-password-heading">
          <h2 id="change-password-heading" className="mb-4 text-lg font-semibold text-slate-900">
            Change password
          </h2>
          <ChangePasswordForm />
        </Panel>
        <Panel as="section" aria-labelledby="two-factor-heading">
          <h2 id="two-factor-heading" className="mb-4 text-lg font-semibold text-slate-900">
            Two-factor authentication
          </h2>
          {state?.twoFactorOn ? <TurnOffTwoFactorForm /> : <TwoFactorSetup />}
        </Panel>
        <Panel as="section" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" className="text-lg font-semibold text-slate-900">
            Sessions
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">Signed in on another computer or browser? End every session except this one.</p>
          <SignOutOthersButton />
        </Panel>
      </div>
    </>
  );
}
