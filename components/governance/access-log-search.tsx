"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { searchAccessLog, type SearchState } from "@/lib/governance/actions";

interface Props {
  tokenId: string;
  linkingAttribute: string;
  /** The filters to keep across the search. */
  from: string;
  to: string;
  outcome: string;
  /** A search is showing (its hash is in the URL). */
  searching: boolean;
  clearHref: string;
}

/** "Was this customer read?": the value is sent to the server, hashed with the log's key, and only the hash comes back in the URL. */
export function AccessLogSearch({ tokenId, linkingAttribute, from, to, outcome, searching, clearHref }: Props) {
  const [state, action, pending] = useActionState<SearchState, FormData>(searchAccessLog.bind(null, tokenId), {});
  return (
    <form action={action} className="flex flex-wrap items-start gap-3" role="search">
      <TextField
        label="Was this customer read?"
        hint={`The ${linkingAttribute} exactly as the partner would look it up. It is compared by its keyed hash and never stored.`}
        name="value"
        type="search"
        autoComplete="off"
        className="min-w-72 flex-1"
        error={state.error}
      />
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="outcome" value={outcome} />
      <div className="flex gap-2 pt-6 sm:pt-11">
        <Button type="submit" disabled={pending}>
          Search
        </Button>
        {searching ? (
          <Link href={clearHref} className="self-center text-sm font-medium text-indigo-700 hover:underline">
            Clear search
          </Link>
        ) : null}
      </div>
    </form>
  );
}
