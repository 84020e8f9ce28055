import type { Metadata } from "next";
import { JoinForm } from "@/components/team/join-form";
import { InvalidLink, SignedOutFrame } from "@/components/team/signed-out-frame";
import { INVITE_INVALID } from "@/lib/team/messages";
import { findUsableInvite } from "@/lib/team/queries";

// The link's code must not travel on as a Referer to anything this page loads or links to.
export const metadata: Metadata = { title: "Join the Hub", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const invite = await findUsableInvite(code);
  if (!invite) return <InvalidLink message={INVITE_INVALID} hint="Ask an admin of your account for a new invite." />;
  return (
    <SignedOutFrame title={`Join ${invite.accountName}`} subtitle="Choose your name and a password to create your Hub account.">
      <JoinForm code={code} email={invite.email} />
    </SignedOutFrame>
  );
}
