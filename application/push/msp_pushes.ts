import type { Deps } from "../ports/deps.ts";
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
