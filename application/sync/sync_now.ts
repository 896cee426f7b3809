import { sessionFor } from "../connection.ts";
import type { Deps } from "../deps.ts";
import { syncLines } from "./sync_views.ts";
import { drainSync, type SyncSummary } from "./worker.ts";

/** What a push asked for now did, and the MSP's lines it left. */
export interface SyncNowSummary extends SyncSummary {
  /** Lines whose change is not yet written (a push still under way elsewhere, a retry waiting). */
  readonly pending: number;
  readonly blocked: number;
}

/** How long a push another worker has under way is waited for (then its lines show `pending`). */
export const SYNC_NOW_WAIT_MS = 30_000;
const POLL_MS = 100;

/**
 * Pushes the MSP's agreements now, without the coalescing wait, and answers
 * once those pushes are done: every mapped agreement becomes due at once
 * (pushes write only what differs) and is pushed here. One that another
 * worker is pushing (the sync loop of this or another process) is waited for,
 * up to SYNC_NOW_WAIT_MS, and pushed again if it changed meanwhile.
 */
export async function syncNow(
  deps: Deps,
  input: {
    mspId: string;
    owner: string;
    /** Waits between looks at another worker's leases; tests pass their own. */
    pause?: (ms: number) => Promise<void>;
  },
): Promise<SyncNowSummary> {
  const { mspId, owner } = input;
  const pause = input.pause ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  await sessionFor(deps, mspId);
  await deps.store.syncQueue.markMappedDirty(mspId, deps.clock.now(), { advance: true });
  const total = await drainSync(deps, { owner, mspId });
  for (let waited = 0; waited < SYNC_NOW_WAIT_MS; waited += POLL_MS) {
    // This drain released what it claimed: a lease still running is another worker's.
    const now = deps.clock.now();
    const queued = await deps.store.syncQueue.queued(mspId);
    if (!queued.some((q) => q.leaseUntil !== null && q.leaseUntil > now)) break;
    await pause(POLL_MS);
    add(total, await drainSync(deps, { owner, mspId }));
  }
  const lines = await syncLines(deps, mspId);
  const count = (status: string) => lines.filter((l) => l.status === status).length;
  return { ...total, pending: count("pending"), blocked: count("blocked") };
}

function add(total: SyncSummary, more: SyncSummary): void {
  total.agreements += more.agreements;
  total.written += more.written;
  total.failed += more.failed;
  total.skipped += more.skipped;
}
