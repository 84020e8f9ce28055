import type { Metadata } from "next";
import { RequireTwoFactorSetting } from "@/components/my-account/require-two-factor-setting";
import { InviteTable } from "@/components/team/invite-table";
import { InviteUserDialog } from "@/components/team/invite-user-dialog";
import { MemberTable } from "@/components/team/member-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeamAdminPage } from "@/lib/team/page-data";
import { listMembers, listPendingInvites } from "@/lib/team/queries";
import { getSignInState } from "@/lib/auth/sign-in-step";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const user = await requireTeamAdminPage();
  const [members, invites, state] = await Promise.all([listMembers(user.accountId), listPendingInvites(user.accountId), getSignInState(user.id)]);
  return (
    <>
      <PageHeader
        title="Team"
        description={`Everyone who signs in to ${user.accountName}. Admins manage tokens, webhooks and the team; marketers work with Activity tokens.`}
        actions={<InviteUserDialog />}
      />
      <div className="space-y-8">
        <section aria-labelledby="team-users">
          <h2 id="team-users" className="mb-3 text-lg font-semibold text-slate-900">
            Users
          </h2>
          <MemberTable members={members} currentUserId={user.id} accountName={user.accountName} />
        </section>
        <section aria-labelledby="team-invites">
          <h2 id="team-invites" className="mb-3 text-lg font-semibold text-slate-900">
            Pending invites
          </h2>
          <InviteTable invites={invites} accountName={user.accountName} />
        </section>
        <section aria-labelledby="team-sign-in">
          <h2 id="team-sign-in" className="mb-3 text-lg font-semibold text-slate-900">
            Sign-in security
          </h2>
          <RequireTwoFactorSetting initial={state?.requireAdminTwoFactor ?? false} />
        </section>
      </div>
    </>
  );
}
