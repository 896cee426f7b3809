/** Allows `limit` attempts per key in each window; what is over is refused. */
export interface RateLimiter {
  /** Counts an attempt of `key` at `now`; false when the key is over its limit. */
  allow(key: string, now: number): boolean;
}

/**
 * A fixed-window limiter in memory. Windows of other keys are dropped when a
 * new window starts, so memory follows the callers of one window.
 */
export function fixedWindowLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  return {
    allow(key, now) {
      if (now - windowStart >= options.windowMs) {
        windowStart = now;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return count <= options.limit;
    },
  };
}
