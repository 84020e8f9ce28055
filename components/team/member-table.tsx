import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/panel";
import { TableHead } from "@/components/ui/table-head";
import { formatDateTime } from "@/lib/format";
import type { Member } from "@/lib/team/queries";
import { roleLabels } from "@/lib/team/schema";
import { ChangeRoleDialog } from "./change-role-dialog";
import { RemoveUserButton } from "./remove-user-button";
import { ResetPasswordDialog } from "./reset-password-dialog";

/** The account's users, with what an admin may do to each (not remove themselves). */
export function MemberTable({ members, currentUserId, accountName }: { members: Member[]; currentUserId: string; accountName: string }) {
  return (
    <Panel variant="table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Users of {accountName}</caption>
        <TableHead columns={["Name", "Email", "Role", "Two-factor", "Last sign-in", "Actions"]} />
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => (
            <tr key={member.id}>
              <td className="min-w-36 px-4 py-3 font-medium break-words text-slate-900">
                {member.name}
                {member.id === currentUserId ? <span className="ml-2 font-normal text-slate-600">(you)</span> : null}
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{member.email}</td>
              <td className="px-4 py-3 whitespace-nowrap">{roleLabels[member.role]}</td>
              <td className="px-4 py-3">
                <Badge tone={member.twoFactorOn ? "success" : "neutral"}>{member.twoFactorOn ? "On" : "Off"}</Badge>
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{formatDateTime(member.lastSignInAt)}</td>
              <td className="px-4 py-3">
                <div className="flex min-w-72 flex-wrap gap-2 whitespace-nowrap">
                  <ChangeRoleDialog userId={member.id} name={member.name} role={member.role} />
                  <ResetPasswordDialog userId={member.id} name={member.name} email={member.email} />
                  {member.id === currentUserId ? null : <RemoveUserButton userId={member.id} name={member.name} />}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
