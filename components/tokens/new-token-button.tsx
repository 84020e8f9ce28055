"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

/** A real button (it can be disabled at the cap, with the reason beside it). */
export function NewTokenButton({ disabledReason }: { disabledReason: string | null }) {
  const router = useRouter();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        disabled={Boolean(disabledReason)}
        aria-describedby={disabledReason ? "new-token-disabled-reason" : undefined}
        onClick={() => router.push("/manage/integrations/api-tokens/new")}
      >
        New API Token
      </Button>
      {disabledReason ? (
        <p id="new-token-disabled-reason" className="max-w-xs text-right text-sm text-slate-600">
          {disabledReason}
        </p>
      ) : null}
    </div>
  );
}
