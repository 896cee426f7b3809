import type { Context } from "hono";
import { getConnInfo } from "hono/deno";
import type { WebOptions } from "./app_env.ts";

/** Counts failures per key in each window; a key over its limit is refused until the next. */
export interface FailureLimiter {
  blocked(key: string, now: number): boolean;
  failed(key: string, now: number): void;
}

/** Other keys are dropped when a window starts: memory follows one window's callers. */
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
 * Behind `trustProxy` proxies, the n-th X-Forwarded-For entry from the right (what the outermost
 * proxy saw): entries further left were written by the client and prove nothing.
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
