import type { Deps } from "../ports/deps.ts";
import { pushMspAgreements } from "./msp_pushes.ts";
import type { SyncSummary } from "./worker.ts";

/** How many MSPs the sync loop pushes at once (as month end does). */
export const TURN_SLOTS = 8;

/** The sync loop's pushes: MSP turns in a shared pool of slots. */
export interface MspTurns {
  /**
   * Starts a turn for each MSP with an agreement due, while slots are free;
   * answers at once with how many it started (the turns run on).
   */
  fill(): Promise<number>;
  /** Resolves when no turn runs (the loop's stop). */
  drain(): Promise<void>;
  /** The MSPs whose turn runs now. */
  running(): string[];
}

/**
 * The sync loop's scheduling. Pushes of different MSPs run concurrently, one
 * MSP per slot, each MSP's agreements one after another (its ConnectWise rate
 * is its own): the month end's `pushMspAgreements`, so a turn ends at the
 * MSP's first failed agreement and leaves the rest due. A site that hangs
 * holds its MSP's slot only, and `fill` starts the other MSPs' turns
 * meanwhile, whatever the slow turn waits for. An MSP whose site's breaker is
 * open gets no turn until the breaker's `retryAt`.
 */
export function mspTurns(
  deps: Deps,
  options: {
    owner: string;
    slots?: number;
    onTurn?: (mspId: string, summary: SyncSummary) => void;
    /** An agreement's push threw (`agreementId` set), or the turn itself did. */
    onError?: (failed: { mspId: string; agreementId?: number }, error: unknown) => void;
  },
): MspTurns {
  const slots = options.slots ?? TURN_SLOTS;
  const turns = new Map<string, Promise<void>>();
  const free = Array.from({ length: slots }, (_, n) => slots - 1 - n);
  const pausedUntil = new Map<string, number>();

  const pausedNow = (now: number) => {
    for (const [mspId, until] of pausedUntil) if (until <= now) pausedUntil.delete(mspId);
    return [...pausedUntil.keys()];
  };

  /** The MSP's turn; undefined when it was skipped (its site's breaker is open). */
  async function turn(mspId: string, slot: number): Promise<SyncSummary | undefined> {
    const connection = await deps.store.connections.get(mspId);
    const breaker = connection && deps.connectWise.breaker?.(connection.siteUrl);
    if (breaker?.state === "open" && breaker.retryAt) {
      pausedUntil.set(mspId, breaker.retryAt.getTime());
      return undefined;
    }
    return await pushMspAgreements(deps, {
      owner: `${options.owner}#${slot}`,
      mspId,
      onError: options.onError,
    });
  }

  return {
    async fill() {
      if (free.length === 0) return 0;
      const now = deps.clock.now();
      const msps = await deps.store.syncQueue.dueMsps({
        now,
        limit: free.length,
        excluding: [...turns.keys(), ...pausedNow(now.getTime())],
      });
      for (const mspId of msps) {
        const slot = free.pop()!;
        // The slot is free before anyone hears the turn is over.
        const over = () => (turns.delete(mspId), free.push(slot));
        const running = turn(mspId, slot).then(
          (summary) => (over(), summary && options.onTurn?.(mspId, summary)),
          (error) => (over(), options.onError?.({ mspId }, error)),
        );
        turns.set(mspId, running);
      }
      return msps.length;
    },
    async drain() {
      while (turns.size > 0) await Promise.all(turns.values());
    },
    running: () => [...turns.keys()],
  };
}
