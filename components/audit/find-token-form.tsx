"use client";

import Link from "next/link";
import { useActionState } from "react";
import { TokenStatusBadge } from "@/components/tokens/token-status-badge";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { findToken, type FindTokenResult } from "@/lib/audit/actions";
import { NO_MATCH } from "@/lib/audit/catalogue";

/**
 * "Find a token": the pasted value goes to the server in a POST body only (a server action,
 * never a URL), is hashed there and forgotten; React clears the field once the answer is back.
 */
export function FindTokenForm() {
  const [state, action, pending] = useActionState<FindTokenResult | null, FormData>(findToken, null);
  const found = state?.ok ? state.data.token : undefined;
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-start gap-3" role="search">
        <TextField
          label="Find a token"
          hint="Paste a token, e.g. one found in a leak. It is compared by its hash and never stored."
          name="token"
          autoComplete="off"
          spellCheck={false}
          className="min-w-72 flex-1"
          error={state && !state.ok ? state.fieldErrors?.token : undefined}
        />
        <div className="pt-6 sm:pt-11">
          <Button type="submit" variant="secondary" disabled={pending}>
            Find
          </Button>
        </div>
      </form>
      {state && !state.ok ? <FormAlert message={state.formError} /> : null}
      <div role="status" className="text-sm text-slate-700">
        {found === null ? <p>{NO_MATCH}</p> : null}
        {found ? (
          <p className="flex flex-wrap items-center gap-2">
            <span>It is</span>
            <Link href={`/manage/integrations/api-tokens/${found.id}`} className="font-medium text-indigo-700 hover:underline">
              {found.description}
            </Link>
            <TokenStatusBadge status={found.status} />
            {found.oldSecret ? <span>(its old secret, from before a reset)</span> : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}
