"use client";

import { useActionState, useState, type ReactNode } from "react";
import { AccessLogTable } from "@/components/governance/access-log-table";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Panel } from "@/components/ui/panel";
import { searchAccessLog, type SearchState } from "@/lib/governance/actions";

interface Props {
  tokenId: string;
  linkingAttribute: string;
  /** The token's description, naming the result's table. */
  description: string;
  /** The tab's filters, which the search keeps. */
  from: string;
  to: string;
  outcome: string;
  /** Shown between the search and the rows (the filters). */
  filters: ReactNode;
  /** The log as the URL asks for it: replaced by the matching rows while a search is shown. */
  children: ReactNode;
}

/**
 * "Was this customer read?": the value is posted to the server, hashed with the account's key,
 * and the matching rows come back in the action's answer. Neither the value nor its hash is ever
 * in a URL, so a search is gone on reload; "Clear search" forgets it here.
 */
export function AccessLogSearch(props: Props) {
  const [round, setRound] = useState(0);
  return <SearchRound key={round} {...props} onClear={() => setRound((r) => r + 1)} />;
}

function SearchRound({ tokenId, linkingAttribute, description, from, to, outcome, filters, children, onClear }: Props & { onClear: () => void }) {
  const [state, action, pending] = useActionState<SearchState, FormData>(searchAccessLog.bind(null, tokenId), null);
  const result = state?.ok ? state.data : null;
  const refused = state && !state.ok ? state : null;
  return (
    <>
      <Panel as="section" className="space-y-4">
        <form action={action} className="flex flex-wrap items-start gap-3" role="search">
          <TextField
            label="Was this customer read?"
            hint={`The ${linkingAttribute} exactly as the partner would look it up. It is compared by its keyed hash and never stored.`}
            name="value"
            type="search"
            autoComplete="off"
            className="min-w-72 flex-1"
            error={refused?.fieldErrors?.value}
          />
          <input type="hidden" name="from" value={from} />
          <input type="hidden" name="to" value={to} />
          <input type="hidden" name="outcome" value={outcome} />
          <div className="flex gap-2 pt-6 sm:pt-11">
            <Button type="submit" disabled={pending}>
              Search
            </Button>
            {result ? (
              <Button type="button" variant="ghost" onClick={onClear}>
                Clear search
              </Button>
            ) : null}
          </div>
        </form>
        <FormAlert message={refused?.formError} />
        {result ? (
          <p role="status" className="text-sm text-slate-700">
            {result.rows.length === 0
              ? "This value was not looked up with this token in the range shown."
              : result.more
                ? `Reads of the value you searched for (the newest ${result.rows.length}; narrow the dates to see older ones):`
                : "Reads of the value you searched for:"}
          </p>
        ) : null}
      </Panel>
      {filters}
      {result ? <AccessLogTable rows={result.rows} description={description} /> : children}
    </>
  );
}
