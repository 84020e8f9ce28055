import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/my-account/change-password-form";
import { EmailNoticesForm } from "@/components/my-account/email-notices-form";
import { SignOutOthersButton } from "@/components/my-account/sign-out-others-button";
import { TurnOffTwoFactorForm } from "@/components/my-account/turn-off-two-factor-form";
import { TwoFactorSetup } from "@/components/my-account/two-factor-setup";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getSignInState, signInStepOf, signInSteps } from "@/lib/auth/sign-in-step";
import { getNoticeOptOuts } from "@/lib/my-account/queries";
import { noticesOn } from "@/lib/notices/outbox";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const user = await requireUser();
  const state = await getSignInState(user.id);
  // Marketers get no notices: no section, and the action refuses them too.
  const optedOut = can(user, "notices:receive") ? await getNoticeOptOuts(user.id) : null;
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
        {optedOut ? (
          <Panel as="section" aria-labelledby="email-notices-heading">
            <h2 id="email-notices-heading" className="text-lg font-semibold text-slate-900">
              Email notices
            </h2>
            <p className="mt-1 mb-4 text-sm text-slate-600">
              {noticesOn()
                ? `Mails to ${user.email} about ${user.accountName}'s API tokens. Every admin gets them unless they untick them here.`
                : "This Hub sends no mail yet (its operator has not set up SMTP). Your choices apply once it does."}
            </p>
            <EmailNoticesForm optedOut={optedOut} />
          </Panel>
        ) : null}
      </div>
    </>
  );
}
