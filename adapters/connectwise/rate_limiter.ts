/**
 * A token bucket per key (one per MSP: site + company ID). `reserve` takes a
 * token at once and says how long to wait for it, so concurrent callers queue
 * up in order without a lock.
 */
export interface RateLimiter {
  reserve(key: string): number;
}

/** A limiter of `perMinute` requests a minute with bursts of at most `burst`. */
export function createRateLimiter(
  perMinute: number,
  options: { burst: number; now: () => number },
): RateLimiter {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    reserve(key) {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
      bucket.tokens = Math.min(options.burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      bucket.tokens -= 1;
      buckets.set(key, bucket);
      return bucket.tokens >= 0 ? 0 : Math.ceil(-bucket.tokens / perMs);
    },
  };
}
