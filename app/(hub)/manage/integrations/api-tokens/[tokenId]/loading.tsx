import { Panel } from "@/components/ui/panel";

/** Between tabs: the token's header and tabs stay, the panel shows this until the tab arrives. */
export default function TokenTabLoading() {
  return (
    <div aria-busy="true" className="space-y-6">
      <p role="status" className="sr-only">
        Loading…
      </p>
      <Panel aria-hidden="true" className="h-40 animate-pulse" />
      <Panel aria-hidden="true" className="h-64 animate-pulse" />
    </div>
  );
}
