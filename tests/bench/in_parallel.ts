/**
 * Runs `task(0)` .. `task(count - 1)` with at most `concurrency` of them at a
 * time, in index order; rejects with the first failure.
 */
export async function inParallel(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    try {
      while (next < count) await task(next++);
    } catch (error) {
      next = count; // the other workers stop too
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Runs `work` and answers how many seconds it took. */
export async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1_000;
}
