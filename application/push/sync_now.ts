import { sessionFor } from "../connection/connection.ts";
import type { Deps } from "../ports/deps.ts";
import { refreshAgreements } from "./agreement_terms.ts";
import { syncLines } from "../lines/line_views.ts";
import { drainSync, type SyncSummary } from "./worker.ts";

/** What a push asked for now did, and the MSP's lines it left. */
export interface SyncNowSummary extends SyncSummary {
  /** Lines whose change is not yet written (a push still under way elsewhere, a retry waiting). */
  readonly pending: number;
  /** Lines holding a final until ConnectWise invoices it. */
  readonly held: number;
  readonly blocked: number;
}

/** How long a push another worker has under way is waited for (then its lines show `pending`). */
export const SYNC_NOW_WAIT_MS = 30_000;
const POLL_MS = 100;

/**
 * No coalescing wait; invoice dates are read first, so an invoiced final is released at once, and
 * held finals are read back. One another worker is pushing is waited for, up to SYNC_NOW_WAIT_MS.
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
  const session = await sessionFor(deps, mspId);
  const agreementIds = await deps.store.companyMappings.agreementIds(mspId);
  await refreshAgreements(deps, { mspId, agreementIds, session });
  await deps.store.syncQueue.markMappedDirty(mspId, deps.clock.now(), { advance: true });
  const drain = () => drainSync(deps, { owner, mspId, verifyHeld: true });
  const total = await drain();
  for (let waited = 0; waited < SYNC_NOW_WAIT_MS; waited += POLL_MS) {
    // This drain released what it claimed: a lease still running is another worker's.
    const now = deps.clock.now();
    const queued = await deps.store.syncQueue.queued(mspId);
    if (!queued.some((q) => q.leaseUntil !== null && q.leaseUntil > now)) break;
    await pause(POLL_MS);
    add(total, await drain());
  }
  const lines = await syncLines(deps, mspId);
  const count = (status: string) => lines.filter((l) => l.status === status).length;
  return { ...total, pending: count("pending"), held: count("held"), blocked: count("blocked") };
}

function add(total: SyncSummary, more: SyncSummary): void {
  total.agreements += more.agreements;
  total.written += more.written;
  total.failed += more.failed;
  total.skipped += more.skipped;
}
