import { backoffMs, QUEUE_BACKOFF } from "../retry/backoff.ts";
import type { Deps } from "../ports/deps.ts";
import type { DirtyAgreement } from "../ports/sync_queue.ts";
import { withTerms } from "./agreement_terms.ts";
import { type PushScope, readPushScope } from "./push_scope.ts";
import { finalizeDue } from "../statements/finalize_statements.ts";
import { showCrashOnLines } from "./push_crash.ts";
import { syncAgreement } from "./push_sequence.ts";

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
 * One round: claims due dirty agreements under a lease and syncs each. What
 * the pushes of one MSP's claimed agreements read is read once for all of
 * them, after the claim (a push scope). A failure worth retrying waits with
 * backoff; a refused credential or role marks the connection as needing
 * attention instead of retrying forever. With `stopOnFailure`, the first
 * failed agreement ends the round and the agreements not tried are released,
 * still due.
 */
export async function runSyncRound(
  deps: Deps,
  options: {
    owner: string;
    limit?: number;
    /** Only this MSP's agreements. */
    mspId?: string;
    stopOnFailure?: boolean;
    /** Held finals are read back and corrected (an explicit sync). */
    verifyHeld?: boolean;
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
  options: {
    owner: string;
    stopOnFailure?: boolean;
    verifyHeld?: boolean;
    onError?: (item: DirtyAgreement, error: unknown) => void;
  },
): Promise<void> {
  // On an MSP's first item, for all of its claimed agreements (the items keep their order):
  // first month end's step, so a month that ended is final before anything is pushed; then
  // the read of what the pushes need.
  const scopes = new Map<string, Promise<PushScope>>();
  const scopeOf = (mspId: string) => {
    let scope = scopes.get(mspId);
    if (!scope) {
      const agreementIds = items.filter((i) => i.mspId === mspId).map((i) => i.agreementId);
      scope = finalizeDue(deps, { mspId })
        .then(() => readPushScope(deps, { mspId, agreementIds }))
        .then((s) => withTerms(deps, s));
      scopes.set(mspId, scope);
    }
    return scope;
  };
  // Completed at once when the round ends: until then the heartbeat keeps their leases,
  // and a worker that dies first leaves them to be pushed again (a push is idempotent).
  const completed: DirtyAgreement[] = [];
  // With backoff, and never before a time ConnectWise asked to wait until.
  const retry = (item: DirtyAgreement, retryAt: Date | null = null) => {
    const backoff = deps.clock.now().getTime() + backoffMs(item.attempts, QUEUE_BACKOFF);
    const at = Math.max(backoff, retryAt?.getTime() ?? 0);
    return deps.store.syncQueue.retry(options.owner, item, new Date(at));
  };
  try {
    for (const [n, item] of items.entries()) {
      summary.agreements++;
      let failed = true;
      try {
        const scope = await scopeOf(item.mspId);
        const r = await syncAgreement(deps, item, scope, { verifyHeld: options.verifyHeld });
        summary.written += r.written;
        summary.failed += r.failed;
        failed = r.failed > 0;
        if (r.skipped) summary.skipped++;
        if (r.attention) {
          await deps.store.connections.setAttention(item.mspId, r.attention);
          // The MSP's other agreements of this round are skipped, as a fresh read would say.
          const connection = scope.connection && { ...scope.connection, attention: r.attention };
          scopes.set(item.mspId, Promise.resolve({ ...scope, connection }));
        }
        if (r.failed > 0 && !r.attention) await retry(item, r.retryAt ?? null);
        else completed.push(item);
      } catch (error) {
        summary.failed++;
        options.onError?.(item, error);
        await showCrashOnLines(deps, item, error).catch(() => undefined);
        await retry(item);
      }
      if (failed && options.stopOnFailure) {
        await deps.store.syncQueue.release(options.owner, items.slice(n + 1));
        return;
      }
    }
  } finally {
    await deps.store.syncQueue.complete(options.owner, completed);
  }
}

/** Runs rounds until nothing is due (or `maxRounds`), adding up their summaries. */
export async function drainSync(
  deps: Deps,
  options: {
    owner: string;
    maxRounds?: number;
    mspId?: string;
    verifyHeld?: boolean;
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
