"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

/**
 * State for a confirmation dialog that runs a server action: open, pending, the refusal to show
 * inside the dialog, and on success close, refresh the page and hand over the result's data.
 */
export function useConfirmedAction<T>(run: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void, fallbackError: string) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  const confirm = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await run();
      if (!result.ok) return setError(result.formError ?? fallbackError);
      setOpen(false);
      onSuccess(result.data);
      router.refresh();
    });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    setError(undefined);
  };

  return { open, onOpenChange, onConfirm: confirm, pending, error };
}
