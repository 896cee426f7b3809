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

/** Leased, so two workers never write one addition at once; an expired lease is taken over. */
export interface SyncQueue {
  /** Marks the agreement dirty; a new entry waits until `notBefore` (coalescing). */
  markDirty(mspId: string, agreementId: number, notBefore: Date): Promise<void>;
  /**
   * Every mapped agreement at once (one statement); answers them, ascending. With `advance`, an
   * entry waiting longer (coalescing, or a retry's backoff) becomes due at `notBefore`.
   */
  markMappedDirty(
    mspId: string,
    notBefore: Date,
    options?: { advance?: boolean },
  ): Promise<number[]>;
  /** Whatever their state, ascending (one query). */
  queued(mspId: string): Promise<QueuedAgreement[]>;
  /** Leases due, unleased (or lease-expired) agreements to `owner`, of one MSP if given. */
  claim(
    owner: string,
    options: { now: Date; leaseMs: number; limit: number; mspId?: string },
  ): Promise<DirtyAgreement[]>;
  /** MSPs with an agreement due and unleased, waiting longest first. Reads only. */
  dueMsps(options: { now: Date; limit: number; excluding: readonly string[] }): Promise<string[]>;
  /** Extends the leases of `owner` (answers how many): short, renewed while the work goes on. */
  renew(owner: string, options: { now: Date; leaseMs: number }): Promise<number>;
  /** Removes each entry, unless it was marked dirty since the claim: then it is released. */
  complete(owner: string, items: readonly DirtyAgreement[]): Promise<void>;
  /** Failed: releases the lease and waits until `retryAt`, counting the attempt. */
  retry(owner: string, item: DirtyAgreement, retryAt: Date): Promise<void>;
  /** Not tried: releases the leases `owner` holds on the items, still due, attempts unchanged. */
  release(owner: string, items: readonly DirtyAgreement[]): Promise<void>;
  /** One query, whatever the size. */
  backlog(): Promise<Backlog>;
}
