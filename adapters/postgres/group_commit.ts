export interface GroupCommitOptions<I> {
  /** Items with the same key never share a batch (the later one waits for the next). */
  readonly key: (item: I) => string;
  /** At most this many items in one batch. */
  readonly maxBatch: number;
  /** At most this many batches running at once. */
  readonly maxInFlight: number;
  /** A batch goes beside a running one only this large (default 1); fewer wait for it to end. */
  readonly minBesideRunning?: number;
  /**
   * After a batch, how long the next one may wait for as many items as that batch had (its callers
   * coming back) before it goes with fewer; 0: never.
   */
  readonly lingerMs?: number;
  /** Starts the linger's timer and answers how to stop it; default setTimeout. */
  readonly setTimer?: (run: () => void, ms: number) => () => void;
}

const realTimer = (run: () => void, ms: number) => {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
};

interface Waiting<I, O> {
  readonly item: I;
  readonly resolve: (value: O) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * Items that arrive while batches run go together to `run` (one statement, one commit); an idle
 * caller is not delayed. After a batch of n while m wait, the next waits up to `lingerMs` for
 * n + m, so the callers just answered join it. One item's failure is its own.
 */
export function groupCommit<I, O>(
  run: (batch: readonly I[]) => Promise<PromiseSettledResult<O>[]>,
  options: GroupCommitOptions<I>,
): (item: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  /** While lingering: how to stop the timer that ends it, and how many items end it sooner. */
  let linger: { stop: () => void; until: number } | null = null;
  const setTimer = options.setTimer ?? realTimer;

  const take = (): Waiting<I, O>[] => {
    const batch: Waiting<I, O>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < queue.length && batch.length < options.maxBatch;) {
      const key = options.key(queue[i].item);
      if (keys.has(key)) {
        i++;
        continue;
      }
      keys.add(key);
      batch.push(queue.splice(i, 1)[0]);
    }
    return batch;
  };

  const settle = (batch: Waiting<I, O>[], results: PromiseSettledResult<O>[]) => {
    batch.forEach((waiting, i) => {
      const result = results[i];
      if (result === undefined) {
        waiting.reject(new Error(`group commit: no result for item ${i} of ${batch.length}`));
      } else if (result.status === "fulfilled") waiting.resolve(result.value);
      else waiting.reject(result.reason);
    });
  };

  const pump = () => {
    linger?.stop();
    linger = null;
    const besideRunning = options.minBesideRunning ?? 1;
    while (inFlight < options.maxInFlight && queue.length > 0) {
      if (inFlight > 0 && queue.length < besideRunning) break;
      const batch = take();
      inFlight++;
      run(batch.map((w) => w.item))
        .then(
          (results) => settle(batch, results),
          (error) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          inFlight--;
          const lingerMs = options.lingerMs ?? 0;
          // Everyone busy a moment ago: those waiting and those just answered.
          const until = Math.min(queue.length + batch.length, options.maxBatch);
          if (lingerMs <= 0 || queue.length >= until) pump();
          else linger = { stop: setTimer(pump, lingerMs), until };
        });
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (linger === null || queue.length >= linger.until) pump();
    });
}
