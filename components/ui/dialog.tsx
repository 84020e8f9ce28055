"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { Button } from "./button";

interface ConfirmDialogProps {
  /** The button that opens the dialog; the confirm button repeats its name. */
  actionLabel: string;
  title: string;
  children: ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  pending?: boolean;
  variant?: "primary" | "danger";
  triggerVariant?: "secondary" | "danger";
  error?: string;
  disabled?: boolean;
}

/**
 * A modal confirmation (role="dialog"): focus moves in, is trapped, and returns to the
 * trigger when it closes; Escape cancels.
 */
export function ConfirmDialog({
  actionLabel,
  title,
  children,
  open,
  onOpenChange,
  onConfirm,
  pending,
  variant = "danger",
  triggerVariant = "secondary",
  error,
  disabled,
}: ConfirmDialogProps) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <RadixDialog.Trigger asChild>
        <Button variant={triggerVariant} disabled={disabled}>
          {actionLabel}
        </Button>
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <RadixDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl focus:outline-none">
          <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
          <RadixDialog.Description asChild>
            <div className="mt-2 space-y-2 text-sm text-slate-600">{children}</div>
          </RadixDialog.Description>
          {error ? (
            <p role="alert" aria-label="Dialog error" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
          <div className="mt-6 flex justify-end gap-3">
            <RadixDialog.Close asChild>
              <Button variant="secondary" disabled={pending}>
                Cancel
              </Button>
            </RadixDialog.Close>
            <Button variant={variant} onClick={onConfirm} disabled={pending} aria-busy={pending || undefined}>
              {actionLabel}
            </Button>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
