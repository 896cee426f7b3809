/**
 * A token bucket per key (one per MSP: site + company ID). `reserve` takes a token at once and says
 * how long to wait for it, so concurrent callers queue up in order without a lock.
 */
export interface RateLimiter {
  reserve(key: string): number;
  /**
   * ConnectWise asked this key's caller to wait until `until` (ms since the epoch): every
   * reservation waits for it, other keys go on.
   */
  pause(key: string, until: number): void;
  /** Until when the key is paused (ms since the epoch); 0 when it is not. */
  pausedUntil(key: string): number;
}

export function createRateLimiter(
  perMinute: number,
  options: { burst: number; now: () => number },
): RateLimiter {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const pauses = new Map<string, number>();
  const pausedUntil = (key: string) => {
    const until = pauses.get(key) ?? 0;
    if (until > 0 && until <= options.now()) pauses.delete(key);
    return until > options.now() ? until : 0;
  };
  return {
    reserve(key) {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
      bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      bucket.tokens -= 1;
      buckets.set(key, bucket);
      const forTokens = bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens / perMs);
      return Math.max(forTokens, pausedUntil(key) - now);
    },
    pause(key, until) {
      if (until > (pauses.get(key) ?? 0)) pauses.set(key, until);
    },
    pausedUntil,
  };
}
