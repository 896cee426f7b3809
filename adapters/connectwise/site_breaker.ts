import { apiHostOf } from "../../domain/api_host.ts";
import type { SiteBreaker } from "../../application/ports/connectwise.ts";

export interface BreakerPolicy {
  /** Network failures in a row that open the breaker. */
  readonly threshold: number;
  /** The first pause; it doubles with each reopening up to `capMs`. */
  readonly baseMs: number;
  readonly capMs: number;
}

/** 3 failures in a row; paused 30 s, then 1, 2, 4 ... up to 10 minutes. */
export const DEFAULT_BREAKER: BreakerPolicy = { threshold: 3, baseMs: 30_000, capMs: 600_000 };

interface Entry {
  failures: number;
  /** How many times it opened since it last closed: the pause doubles with each. */
  opened: number;
  retryAt: number | null;
}

/** Keyed by host and port. */
export interface SiteBreakers {
  /** Whether a background call may go to the site now (not while it is open). */
  allows(site: string, now: number): boolean;
  /** A call got no answer; answers true when that opened the breaker. */
  failed(site: string, now: number): boolean;
  /** A call got an answer (any status): the site is alive; answers true when that closed it. */
  answered(site: string): boolean;
  state(site: string, now: number): SiteBreaker;
}

/** The host and port called (a cloud site's `api-` host): every MSP on one host shares it. */
export function siteKey(siteUrl: string): string {
  try {
    const url = new URL(siteUrl.trim());
    url.hostname = apiHostOf(url.hostname);
    return url.host.toLowerCase();
  } catch {
    return siteUrl.trim().toLowerCase();
  }
}

/** After a pause the next call is a trial; only failing sites are kept: memory follows them. */
export function createSiteBreakers(policy: BreakerPolicy = DEFAULT_BREAKER): SiteBreakers {
  const entries = new Map<string, Entry>();
  const pause = (opened: number) => Math.min(policy.capMs, policy.baseMs * 2 ** (opened - 1));
  return {
    allows(site, now) {
      const e = entries.get(site);
      return e?.retryAt == null || now >= e.retryAt;
    },
    failed(site, now) {
      const e = entries.get(site) ?? { failures: 0, opened: 0, retryAt: null };
      entries.set(site, e);
      e.failures++;
      const trial = e.retryAt !== null && now >= e.retryAt;
      if (!trial && (e.retryAt !== null || e.failures < policy.threshold)) return false;
      e.opened++;
      e.retryAt = now + pause(e.opened);
      return e.opened === 1;
    },
    answered(site) {
      const e = entries.get(site);
      entries.delete(site);
      return e?.retryAt != null;
    },
    state(site, now) {
      const e = entries.get(site);
      if (!e) return { state: "closed", failures: 0, retryAt: null };
      const retryAt = e.retryAt === null ? null : new Date(e.retryAt);
      const state = e.retryAt === null ? "closed" : now < e.retryAt ? "open" : "half-open";
      return { state, failures: e.failures, retryAt };
    },
  };
}
