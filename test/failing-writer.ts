import type { BatchedMapWriter } from "@/lib/batched-writer";

/**
 * A batched writer (usage counts, refused IPs, …) whose writes fail: each send runs `during`
 * (what requests record meanwhile), then throws a connection error. Returns what waits to be
 * written, to look at after a failed flush.
 */
export function failEveryWrite<V>(writer: BatchedMapWriter<V>, during: () => void): () => Map<string, V> {
  const inside = writer as unknown as { send: () => Promise<void>; pending: Map<string, V> };
  inside.send = async () => {
    during();
    throw new Error("connection lost");
  };
  return () => inside.pending;
}
