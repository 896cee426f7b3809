/** An agreement whose additions must be recomputed and pushed. */
export interface DirtyAgreement {
  readonly mspId: string;
  readonly agreementId: number;
  /** Bumped by every markDirty; lets `complete` see a change made during the work. */
  readonly version: number;
  readonly attempts: number;
}

/** An agreement waiting in the queue: due, waiting (coalescing, a retry's backoff) or leased. */
export interface QueuedAgreement {
  readonly agreementId: number;
  readonly notBefore: Date;
  /** Until when a worker holds it; null when no worker does. */
  readonly leaseUntil: Date | null;
}

/** The queue at a glance, over every MSP (operations metrics). */
export interface Backlog {
  /** Dirty agreements waiting for a push. */
  readonly dirty: number;
  /** When the longest-waiting one first became due (a retry keeps it); null when empty. */
  readonly oldestDue: Date | null;
}

/**
 * Agreements waiting for a push, claimed with a lease so two workers never write the same addition
 * at once; an expired lease may be taken over.
 */
export interface SyncQueue {
  /** Marks the agreement dirty; a new entry waits until `notBefore` (coalescing). */
  markDirty(mspId: string, agreementId: number, notBefore: Date): Promise<void>;
  /**
   * `markDirty` for every agreement the MSP's organizations are mapped to, at once (one statement,
   * nothing read first); answers them, ascending. With `advance` (a push asked for now), an entry
   * already waiting longer (coalescing, or a retry's backoff) becomes due at `notBefore`.
   */
  markMappedDirty(
    mspId: string,
    notBefore: Date,
    options?: { advance?: boolean },
  ): Promise<number[]>;
  /** The MSP's agreements in the queue, whatever their state, ascending (one query). */
  queued(mspId: string): Promise<QueuedAgreement[]>;
  /** Leases up to `limit` due, unleased (or lease-expired) agreements to `owner`, of one MSP if given. */
  claim(
    owner: string,
    options: { now: Date; leaseMs: number; limit: number; mspId?: string },
  ): Promise<DirtyAgreement[]>;
  /**
   * Up to `limit` MSPs with an agreement due and unleased at `now`, the MSP waiting longest first,
   * leaving out `excluding` (MSPs whose turn runs, or is paused). Reads only; a claim follows per
   * MSP.
   */
  dueMsps(options: { now: Date; limit: number; excluding: readonly string[] }): Promise<string[]>;
  /**
   * Heartbeat: extends every lease `owner` holds to `now + leaseMs`; answers how many. Leases are
   * short and renewed while the work goes on, so a worker that dies leaves its agreements to
   * another within one short lease.
   */
  renew(owner: string, options: { now: Date; leaseMs: number }): Promise<number>;
  /**
   * Done (each of the items, at once): removes an entry unless it was marked dirty again since the
   * claim, else releases it for the next claim.
   */
  complete(owner: string, items: readonly DirtyAgreement[]): Promise<void>;
  /** Failed: releases the lease and waits until `retryAt`, counting the attempt. */
  retry(owner: string, item: DirtyAgreement, retryAt: Date): Promise<void>;
  /** Not tried: releases the leases `owner` holds on the items, still due, attempts unchanged. */
  release(owner: string, items: readonly DirtyAgreement[]): Promise<void>;
  /** How many agreements wait and since when (one query, whatever the size). */
  backlog(): Promise<Backlog>;
}
