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

/**
 * A claim holds its agreements this long, and a heartbeat renews the lease
 * every HEARTBEAT_MS while the round runs: a worker that dies (kill -9) frees
 * its agreements for another within LEASE_MS, while a long push (ConnectWise
 * may take minutes) keeps them as long as its worker lives.
 */
export const LEASE_MS = 8_000;
const HEARTBEAT_MS = 2_000;

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
  const heartbeat = items.length === 0 ? undefined : setInterval(() => {
    // A failed renewal is not an error of the round: the lease then runs out and
    // another worker may take over, which is what a lease is for.
    deps.store.syncQueue.renew(options.owner, { now: deps.clock.now(), leaseMs: LEASE_MS })
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  try {
    await syncItems(deps, items, summary, options);
  } finally {
    clearInterval(heartbeat);
  }
  return summary;
}

async function syncItems(
  deps: Deps,
  items: readonly DirtyAgreement[],
  summary: SyncSummary,
  options: { owner: string; onError?: (item: DirtyAgreement, error: unknown) => void },
): Promise<void> {
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
