import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/team/reset-password-form";
import { InvalidLink, SignedOutFrame } from "@/components/team/signed-out-frame";
import { RESET_INVALID } from "@/lib/team/messages";
import { isUsablePasswordReset } from "@/lib/team/queries";

// The link's code must not travel on as a Referer to anything this page loads or links to.
export const metadata: Metadata = { title: "Reset your password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!(await isUsablePasswordReset(code))) return <InvalidLink message={RESET_INVALID} hint="Ask an admin of your account for a new link." />;
  return (
    <SignedOutFrame title="Reset your password" subtitle="Every session you have open ends when you save it.">
      <ResetPasswordForm code={code} />
    </SignedOutFrame>
  );
}
