import type { ReactNode } from "react";
import { Panel } from "@/components/ui/panel";

/** The frame of the pages a signed-out person opens from a link: joining, resetting a password. */
export function SignedOutFrame({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 text-center">
          <span aria-hidden="true" className="inline-flex h-10 w-10 items-center justify-center rounded-lg bg-indigo-600 text-lg font-bold text-white">
            H
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight break-words">{title}</h1>
          {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
        </div>
        <Panel>{children}</Panel>
      </div>
    </main>
  );
}

/** What a used, cancelled or expired link shows. */
export function InvalidLink({ message, hint }: { message: string; hint: string }) {
  return (
    <SignedOutFrame title={message}>
      <p className="text-sm text-slate-700">{hint}</p>
      <p className="mt-4 text-sm">
        <a href="/login" className="font-medium text-indigo-700 hover:underline">
          Go to sign in
        </a>
      </p>
    </SignedOutFrame>
  );
}
