/**
 * For a job that deletes in batches (the retention jobs): calls `remove(size)` until it removes
 * fewer than `size`, so no statement holds many locks for long. Returns how many in all.
 */
export async function removeInBatches(remove: (size: number) => Promise<number>, size = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await remove(size);
    total += removed;
    if (removed < size) return total;
  }
}
