"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False during server rendering and until React has hydrated. Submit buttons stay disabled
 * until then, so a fast click can never fall back to a native form submission (which would
 * put the fields, passwords included, into a URL).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
