/**
 * The bounds of the service's one backoff, `backoffMs` (exponential, equal
 * jitter): work queues, ConnectWise calls and transactions run again use it.
 */
export interface BackoffPolicy {
  /** The first ceiling; it doubles with each attempt up to `capMs`. */
  readonly baseMs: number;
  readonly capMs: number;
  readonly random: () => number;
}

/** Work queues (pushes, webhook deliveries): 1 s, 2 s, 4 s ... up to an hour. */
export const QUEUE_BACKOFF: BackoffPolicy = {
  baseMs: 1_000,
  capMs: 60 * 60_000,
  random: Math.random,
};

/**
 * Exponential backoff with equal jitter: uniform in [c/2, c) where
 * c = min(cap, base * 2^attempt). Half of it is fixed, so a retry never
 * comes at once; the other half spreads retries that failed together.
 */
export function backoffMs(attempt: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(ceiling / 2 + policy.random() * (ceiling / 2));
}
