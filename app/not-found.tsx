import type { Metadata } from "next";
import Link from "next/link";
import { Panel } from "@/components/ui/panel";

export const metadata: Metadata = { title: "Page not found" };

/** Any address the Hub does not have. Rendered without the signed-in shell: it may be anyone. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <Panel as="section" aria-labelledby="not-found-heading" className="w-full max-w-md text-center">
        <h1 id="not-found-heading" className="text-xl font-semibold tracking-tight text-slate-900">
          Page not found
        </h1>
        <p className="mt-2 text-sm text-slate-600">There is nothing at this address.</p>
        <p className="mt-5 text-sm">
          <Link href="/manage/integrations" className="font-medium text-indigo-700 hover:underline">
            Go to Integrations
          </Link>
        </p>
      </Panel>
    </main>
  );
}
