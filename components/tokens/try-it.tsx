"use client";

import { useHydrated } from "@/components/ui/use-hydrated";
import { curlExample, PROFILE_LOOKUP_REASON } from "@/lib/tokens/curl-example";
import type { TokenType } from "@/lib/tokens/types";

interface Props {
  type: TokenType;
  linkingAttribute?: string | null;
  /** An Activity token's scopes: the example calls only what they allow (all four when not given). */
  scopes?: readonly string[];
}

/** Ready-to-paste requests for a token, on this console's own origin. */
export function TryIt({ type, linkingAttribute, scopes }: Props) {
  // The origin and today's date are the browser's: the server renders without them.
  const hydrated = useHydrated();
  return (
    <div>
      <p className="text-sm font-medium text-slate-800">Try it</p>
      <p className="mt-0.5 text-sm text-slate-600">
        Store the token as <code>HUB_API_TOKEN</code> in your environment, then:
      </p>
      <pre tabIndex={0} className="mt-1.5 overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs whitespace-pre text-slate-100">
        <code>{curlExample(hydrated ? window.location.origin : "", type, linkingAttribute, hydrated ? new Date() : new Date(0), scopes)}</code>
      </pre>
      {type === "profile_read" ? <p className="mt-1.5 text-sm text-slate-600">{PROFILE_LOOKUP_REASON}</p> : null}
    </div>
  );
}
