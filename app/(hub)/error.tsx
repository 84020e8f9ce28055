"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";

/**
 * A page of the signed-in area failed to render (e.g. the database is down). The shell stays;
 * "Try again" fetches the page afresh. The error itself is never shown: in production it is
 * only a digest, and its message could name internals.
 */
export default function HubError({ error, retry }: { error: unknown; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    console.error(error);
    heading.current?.focus();
  }, [error]);

  return (
    <Panel as="section" aria-labelledby="hub-error-heading" className="max-w-xl">
      <h1 id="hub-error-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-slate-900 focus:outline-none">
        This page could not be loaded
      </h1>
      <p className="mt-2 text-sm text-slate-600">The Hub could not load this page right now. Try again in a moment.</p>
      <div className="mt-5">
        <Button onClick={() => retry()}>Try again</Button>
      </div>
    </Panel>
  );
}
