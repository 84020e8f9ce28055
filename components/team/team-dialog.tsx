"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

interface Props {
  /** The button that opens it. */
  triggerLabel: string;
  triggerVariant?: "primary" | "secondary";
  title: string;
  /** One sentence under the title (the dialog's accessible description). */
  description: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** While an action runs the dialog stays open. */
  pending?: boolean;
  children: ReactNode;
}

/**
 * A modal for the team's forms and links (role="dialog"): focus moves in and is trapped, Escape
 * and the overlay close it, focus returns to the trigger.
 */
export function TeamDialog({ triggerLabel, triggerVariant = "secondary", title, description, open, onOpenChange, pending, children }: Props) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <RadixDialog.Trigger asChild>
        <Button variant={triggerVariant}>{triggerLabel}</Button>
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100vh-2rem)] w-[min(34rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl focus:outline-none"
        >
          <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
          <RadixDialog.Description className="mt-1 text-sm text-slate-600">{description}</RadixDialog.Description>
          <div className="mt-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

export const DialogClose = RadixDialog.Close;
