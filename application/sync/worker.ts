import { backoffMs, QUEUE_BACKOFF } from "../backoff.ts";
import type { Deps } from "../deps.ts";
import type { DirtyAgreement } from "../ports/sync_queue.ts";
import { syncAgreement } from "./sync_agreement.ts";

/** Totals of one or more worker rounds. */
export interface SyncSummary {
  agreements: number;
  written: number;
  failed: number;
  skipped: number;
}

const LEASE_MS = 60_000;

/**
 * One round: claims due dirty agreements under a lease and syncs each. A
 * failure worth retrying waits with backoff; a refused credential or role
 * marks the connection as needing attention instead of retrying forever.
 */
export async function runSyncRound(
  deps: Deps,
  options: {
    owner: string;
    limit?: number;
    /** Only this MSP's agreements. */
    mspId?: string;
    onError?: (item: DirtyAgreement, error: unknown) => void;
  },
): Promise<SyncSummary> {
  const summary: SyncSummary = { agreements: 0, written: 0, failed: 0, skipped: 0 };
  const items = await deps.store.syncQueue.claim(options.owner, {
    now: deps.clock.now(),
    leaseMs: LEASE_MS,
    limit: options.limit ?? 20,
    mspId: options.mspId,
  });
  for (const item of items) {
    summary.agreements++;
    try {
      const r = await syncAgreement(deps, item);
      summary.written += r.written;
      summary.failed += r.failed;
      if (r.skipped) summary.skipped++;
      if (r.attention) await deps.store.connections.setAttention(item.mspId, r.attention);
      if (r.failed > 0 && !r.attention) {
        const at = new Date(deps.clock.now().getTime() + backoffMs(item.attempts, QUEUE_BACKOFF));
        await deps.store.syncQueue.retry(options.owner, item, at);
      } else {
        await deps.store.syncQueue.complete(options.owner, item);
      }
    } catch (error) {
      summary.failed++;
      options.onError?.(item, error);
      const at = new Date(deps.clock.now().getTime() + backoffMs(item.attempts, QUEUE_BACKOFF));
      await deps.store.syncQueue.retry(options.owner, item, at);
    }
  }
  return summary;
}

/** Runs rounds until nothing is due (or `maxRounds`), adding up their summaries. */
export async function drainSync(
  deps: Deps,
  options: {
    owner: string;
    maxRounds?: number;
    mspId?: string;
    onError?: (item: DirtyAgreement, error: unknown) => void;
  },
): Promise<SyncSummary> {
  const total: SyncSummary = { agreements: 0, written: 0, failed: 0, skipped: 0 };
  for (let round = 0; round < (options.maxRounds ?? 1_000); round++) {
    const r = await runSyncRound(deps, options);
    if (r.agreements === 0) break;
    total.agreements += r.agreements;
    total.written += r.written;
    total.failed += r.failed;
    total.skipped += r.skipped;
  }
  return total;
}
