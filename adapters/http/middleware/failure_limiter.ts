import type { Context } from "hono";
import { getConnInfo } from "hono/deno";
import type { WebOptions } from "./app_env.ts";

/** Counts failures per key in each window; a key over its limit is refused until the next. */
export interface FailureLimiter {
  /** Whether `key` has used up its failures of the current window at `now`. */
  blocked(key: string, now: number): boolean;
  /** Counts one failure of `key` at `now`. */
  failed(key: string, now: number): void;
}

/**
 * A fixed-window limiter in memory. Windows of other keys are dropped when a new window starts, so
 * memory follows the callers of one window.
 */
export function fixedWindowLimiter(options: { limit: number; windowMs: number }): FailureLimiter {
  let windowStart = 0;
  let counts = new Map<string, number>();
  const roll = (now: number) => {
    if (now - windowStart >= options.windowMs) {
      windowStart = now;
      counts = new Map();
    }
  };
  return {
    blocked(key, now) {
      roll(now);
      return (counts.get(key) ?? 0) >= options.limit;
    },
    failed(key, now) {
      roll(now);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
  };
}

/**
 * The client's address: the TCP peer, or behind `trustProxy` reverse proxies (TRUST_PROXY) the
 * address the outermost of them saw, which it appended to X-Forwarded-For: the n-th entry from the
 * right. Entries further left were written by the client itself and prove nothing.
 */
export function clientAddress(c: Context, web: Pick<WebOptions, "trustProxy">): string {
  if (web.trustProxy > 0) {
    const hops = (c.req.header("X-Forwarded-For") ?? "").split(",").map((h) => h.trim())
      .filter((h) => h.length > 0);
    const hop = hops[Math.max(0, hops.length - web.trustProxy)];
    if (hop) return hop.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request in tests has no connection
  }
}
