import type { Deps } from "../deps.ts";
import type { DirtyAgreement } from "../ports/sync_queue.ts";
import { runSyncRound, type SyncSummary } from "./worker.ts";

/**
 * Agreements of one MSP claimed (and read for) at once in a month-end run:
 * 25 keeps P4 within its memory bound (with 100, 1-5 MiB over it).
 */
export const MSP_CLAIM = 25;

/**
 * Pushes one MSP's dirty agreements, up to MSP_CLAIM claimed at once so that
 * what their pushes read is read once (a push scope), one agreement after
 * another (the MSP's ConnectWise rate is its own). The first failed agreement
 * ends the MSP's turn in this run: its site answers badly (429s past the
 * deadline, a hang cut by the per-call timeout), so its other agreements are
 * released, still due, for the sync loop to retry, and its failed one waits
 * with backoff; none is taken for done.
 */
export async function pushMspAgreements(
  deps: Deps,
  input: { owner: string; mspId: string; onError?: (item: DirtyAgreement, error: unknown) => void },
): Promise<SyncSummary> {
  const total: SyncSummary = { agreements: 0, written: 0, failed: 0, skipped: 0 };
  for (;;) {
    const r = await runSyncRound(deps, {
      owner: input.owner,
      mspId: input.mspId,
      limit: MSP_CLAIM,
      stopOnFailure: true,
      onError: input.onError,
    });
    if (r.agreements === 0) return total;
    total.agreements += r.agreements;
    total.written += r.written;
    total.failed += r.failed;
    total.skipped += r.skipped;
    // A short claim took every agreement that was due: no need to ask again.
    if (r.failed > 0 || r.agreements < MSP_CLAIM) return total;
  }
}

/**
 * Runs `work` for every item with at most `size` at once, in the items' order;
 * a slow item holds one slot while the others go on.
 */
export async function inPool<T>(
  items: readonly T[],
  size: number,
  work: (item: T, slot: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const slot = async (n: number) => {
    while (next < items.length) await work(items[next++], n);
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(size, items.length)) }, (_, n) => slot(n)),
  );
}
