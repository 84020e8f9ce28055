import Link from "next/link";
import { ATTENTION, type AttentionFix, type AttentionKind } from "@/lib/tokens/attention";

/** Where each finding is resolved on the token's Details page, and what the link says. */
const FIXES: Record<AttentionFix, { anchor: string; label: string }> = {
  revoke: { anchor: "revoke-heading", label: "Revoke" },
  expiry: { anchor: "expiry-heading", label: "Shorten expiry" },
  reset: { anchor: "reset", label: "Reset" },
};

/** What an admin may do about a finding; anyone else is sent to Details. */
export interface Fixers {
  revoke: boolean;
  expiry: boolean;
  reset: boolean;
}

/** The id of the row's description link, which describes each fix link ("Revoke" what). */
export const tokenNameId = (tokenId: string) => `token-name-${tokenId}`;

/**
 * A token's "Needs attention" cell: each finding, with a link to the action that resolves it.
 * The token is the links' description, not part of their names, so a link named after the token
 * stays the row's description link alone.
 */
export function AttentionList({ tokenId, findings, fixers }: { tokenId: string; findings: AttentionKind[]; fixers: Fixers }) {
  if (findings.length === 0) return null;
  const details = `/manage/integrations/api-tokens/${tokenId}`;
  return (
    <ul className="space-y-1">
      {findings.map((kind) => {
        const { label, fix } = ATTENTION[kind];
        const target = fixers[fix] ? FIXES[fix] : { anchor: "", label: "Details" };
        return (
          <li key={kind} className="flex flex-wrap items-baseline gap-x-2 text-xs whitespace-nowrap">
            <span className="font-medium text-amber-800">{label}</span>
            <Link
              href={target.anchor ? `${details}#${target.anchor}` : details}
              aria-describedby={tokenNameId(tokenId)}
              className="text-indigo-700 underline hover:text-indigo-900"
            >
              {target.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
