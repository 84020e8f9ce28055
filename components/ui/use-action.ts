"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";

interface ActionMessage {
  text: string;
  tone: "error" | "success";
}

/**
 * Runs a server action from a plain button (no dialog): pending while it runs, then a status
 * line saying how it went (`success` if given, else nothing), and the page refreshed.
 */
export function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessage>();
  const run = (action: () => Promise<ActionResult>, success?: string, failure = "That did not work.") =>
    startTransition(async () => {
      setMessage(undefined);
      const result = await action();
      if (!result.ok) setMessage({ text: result.formError ?? failure, tone: "error" });
      else if (success) setMessage({ text: success, tone: "success" });
      router.refresh();
    });
  return { pending, message, run };
}
