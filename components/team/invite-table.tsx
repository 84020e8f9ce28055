import { EmptyPanel, Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import type { PendingInvite } from "@/lib/team/queries";
import { roleLabels } from "@/lib/team/schema";
import { CancelInviteButton } from "./cancel-invite-button";

/** Invites not yet used, cancelled or expired. */
export function InviteTable({ invites, accountName }: { invites: PendingInvite[]; accountName: string }) {
  if (invites.length === 0) return <EmptyPanel title="No pending invites" hint="Invite user makes a link for someone to join this account." />;
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Pending invites of {accountName}</caption>
        <TableHead columns={["Email", "Role", "Expires", "Actions"]} />
        <tbody className="divide-y divide-slate-100">
          {invites.map((invite) => (
            <tr key={invite.id}>
              <td className="px-4 py-3 break-all text-slate-900">{invite.email}</td>
              <td className="px-4 py-3 whitespace-nowrap">{roleLabels[invite.role]}</td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(invite.expiresAt)}</td>
              <td className="px-4 py-3">
                <CancelInviteButton inviteId={invite.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
