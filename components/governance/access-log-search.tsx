"use client";

import { useActionState, useState, type ReactNode } from "react";
import { AccessLogTable } from "@/components/governance/access-log-table";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Panel } from "@/components/ui/panel";
import { searchAccessLog, type AccessSearchResult, type SearchState } from "@/lib/governance/actions";

interface Props {
  tokenId: string;
  linkingAttribute: string;
  /** The token's description, naming the result's table. */
  description: string;
  /** The log as the URL asks for it, with its filters and export: replaced by the answer while a search is shown. */
  children: ReactNode;
}

/**
 * "Was this customer read?": the value is posted to the server, hashed with the account's key,
 * and the answer (in words, and the matching rows) comes back in the action's result. Neither
 * the value nor its hash is ever in a URL, so a search is gone on reload; "Clear search" forgets
 * it here and brings the log back.
 */
export function AccessLogSearch(props: Props) {
  const [round, setRound] = useState(0);
  return <SearchRound key={round} {...props} onClear={() => setRound((r) => r + 1)} />;
}

function SearchRound({ tokenId, linkingAttribute, description, children, onClear }: Props & { onClear: () => void }) {
  const [state, action, pending] = useActionState<SearchState, FormData>(searchAccessLog.bind(null, tokenId), null);
  // Kept in the field after the answer, so the answer reads with what it is about.
  const [value, setValue] = useState("");
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
            value={value}
            onChange={(event) => setValue(event.target.value)}
            className="min-w-72 flex-1"
            error={refused?.fieldErrors?.value}
          />
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
        <div role="status" className="space-y-1 text-sm text-slate-800 empty:hidden">
          {result ? <SearchAnswer result={result} /> : null}
        </div>
      </Panel>
      {result ? (
        result.rows.length > 0 ? (
          <AccessLogTable rows={result.rows} caption={`Lookups of the value searched for, with ${description}`} />
        ) : null
      ) : (
        children
      )}
    </>
  );
}

function SearchAnswer({ result }: { result: AccessSearchResult }) {
  return (
    <>
      <p className="font-medium">{result.answer}</p>
      {result.note ? <p>{result.note}</p> : null}
      {result.total > result.rows.length ? (
        <p className="text-slate-600">
          The newest {result.rows.length} of {result.total.toLocaleString("en-AU")} matching rows are shown below.
        </p>
      ) : null}
    </>
  );
}
