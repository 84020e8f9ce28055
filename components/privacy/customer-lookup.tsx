"use client";

import { useActionState, useState } from "react";
import { CustomerAccessTable } from "@/components/privacy/customer-access-table";
import { Button, buttonClass } from "@/components/ui/button";
import { inputClass, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { lookUpCustomer, type CustomerLookupState } from "@/lib/privacy/actions";
import type { CustomerAccess } from "@/lib/privacy/customer-access";

/** The answer in words: how many tokens read the customer over the retention. */
function summary({ tokens, days }: CustomerAccess): string {
  const readers = tokens.filter((t) => t.reads > 0).length;
  const span = `in the last ${days} ${days === 1 ? "day" : "days"}`;
  const read = readers === 0 ? `No API token read this customer ${span}.` : `${readers} API ${readers === 1 ? "token" : "tokens"} read this customer ${span}.`;
  const refused = tokens.length - readers;
  return refused > 0 ? `${read} ${refused} more asked for them and got nothing: no consent for the token's purpose.` : read;
}

/**
 * "Customer email or ID" → "Look up": the value goes to the server in a POST body only (a server
 * action, never a URL) and is hashed there. "Export" posts the value looked up, as a form, to the
 * export's route handler, which streams the file back as a download.
 */
export function CustomerLookup() {
  const [value, setValue] = useState("");
  // The value the answer shown is for (the field may have changed since): the export's.
  const [lookedUp, setLookedUp] = useState("");
  const [state, action, pending] = useActionState<CustomerLookupState, FormData>(async (previous, form) => {
    const result = await lookUpCustomer(previous, form);
    if (result.ok) setLookedUp(String(form.get("value") ?? "").trim());
    return result;
  }, null);
  const result = state?.ok ? state.data : null;
  const refused = state && !state.ok ? state : null;
  return (
    <div className="space-y-6">
      <form action={action} className="flex flex-wrap items-start gap-3" role="search" aria-label="Customer lookup">
        <TextField
          label="Customer email or ID"
          hint="Exactly as a partner would look the customer up. It is compared by its keyed hash, and never stored or put in a link."
          name="value"
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          className="min-w-72 flex-1"
          error={refused?.fieldErrors?.value}
        />
        <div className="pt-6 sm:pt-11">
          <Button type="submit" disabled={pending}>
            Look up
          </Button>
        </div>
      </form>
      <FormAlert message={refused?.formError} />
      <div role="status" className="text-sm font-medium text-slate-800 empty:hidden">
        {result ? <p>{summary(result)}</p> : null}
      </div>
      {result && result.tokens.length > 0 ? <CustomerAccessTable tokens={result.tokens} /> : null}
      {result ? <ExportForm value={lookedUp} /> : null}
    </div>
  );
}

/** A POST form: the value stays out of the URL, and the browser saves the streamed answer as a file. */
function ExportForm({ value }: { value: string }) {
  return (
    <form method="post" action="/manage/privacy/export" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="value" value={value} />
      <div>
        <label htmlFor="customer-export-format" className="block text-sm font-medium text-slate-800">
          Format
        </label>
        <select id="customer-export-format" name="format" defaultValue="csv" className={inputClass(false, "mt-1")}>
          <option value="csv">CSV</option>
          <option value="ndjson">NDJSON</option>
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Export
      </button>
      <p className="basis-full text-sm text-slate-600">Every lookup of this customer by the account&apos;s tokens, one row each, for a data-subject access request.</p>
    </form>
  );
}
