import {
  type ExchangeLabels,
  noTelemetry,
  type Telemetry,
} from "../../application/ports/telemetry.ts";

/** Where the client reports its calls: a span per call, a count and a duration per exchange. */
export interface CallTelemetry {
  readonly span: Telemetry["span"];
  exchange(labels: ExchangeLabels, seconds: number): void;
  /** A site's breaker opened (true) or closed again (false). */
  sitePaused?(site: string, paused: boolean): void;
}
import type { SeenVersions } from "./api_version.ts";
import { type FetchLike, pinnedFetch } from "./pinned_fetch.ts";
import {
  type BreakerPolicy,
  createSiteBreakers,
  DEFAULT_BREAKER,
  type SiteBreakers,
} from "./site_breaker.ts";

export interface ConnectWiseClientOptions {
  /** The integration's `clientId` GUID, sent on every call. */
  readonly clientId: string;
  /** `host:port` pairs that skip the address rules and may use http (tests, simulator). */
  readonly allowlist?: readonly string[];
  /** Requests a minute allowed to one MSP (site + company ID). */
  readonly requestsPerMinute: number;
  /** Requests one MSP may send at once before the rate applies; default a 10-second share. */
  readonly burst?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch; drives the deadline and the rate limiter. */
  readonly now?: () => number;
  /** In [0, 1); the jitter of the backoff. */
  readonly random?: () => number;
  readonly resolveHost?: (host: string) => Promise<string[]>;
  /** Connects to the address the guard approved (DNS pinning); `fetch` is for the allow-list. */
  readonly pinnedFetch?: (address: string) => FetchLike;
  /** Time allowed to one HTTP exchange. */
  readonly timeoutMs?: number;
  /** The signal that aborts an exchange after `ms`; default `AbortSignal.timeout`. */
  readonly timeoutSignal?: (ms: number) => AbortSignal;
  /** Time allowed to one call, all its retries and waits included. */
  readonly deadlineMs?: number;
  /** Shorter for background calls, which retry later anyway: a hung site holds a slot for less. */
  readonly backgroundTimeoutMs?: number;
  readonly backgroundDeadlineMs?: number;
  /** When a site that does not answer is paused for background calls. */
  readonly breaker?: BreakerPolicy;
  /** The largest answer body read; a longer one is cancelled and refused. Default 10 MiB. */
  readonly maxAnswerBytes?: number;
  /** The most rows one list may hold, all its pages together. Default 50,000. */
  readonly maxListRows?: number;
  /** First backoff ceiling; it doubles with each attempt up to `backoffCapMs`. */
  readonly backoffBaseMs?: number;
  readonly backoffCapMs?: number;
  /** Spans and metrics of the calls; default none. */
  readonly telemetry?: CallTelemetry;
}

export type ClientRuntime =
  & Required<Omit<ConnectWiseClientOptions, "allowlist" | "breaker">>
  & {
    readonly allowlist: readonly string[];
    /** Shared by the interactive and the background client. */
    readonly breakers: SiteBreakers;
    /** Background calls: shorter timeouts, refused while the site's breaker is open. */
    readonly background: boolean;
    /** The API version each MSP's answers named last, so a change is logged once. */
    readonly apiVersions: SeenVersions;
  };

export const DEFAULT_MAX_ANSWER_BYTES = 10 * 1024 * 1024;

async function resolveWithDns(host: string): Promise<string[]> {
  const lookups = await Promise.allSettled([
    Deno.resolveDns(host, "A"),
    Deno.resolveDns(host, "AAAA"),
  ]);
  return lookups.flatMap((r) => (r.status === "fulfilled" ? r.value : []));
}

/** 30 s per exchange and 2 min per call by default (10 s and 30 s in the background). */
export function clientRuntime(options: ConnectWiseClientOptions): ClientRuntime {
  if (!(options.requestsPerMinute > 0)) {
    throw new Error("Cannot build the ConnectWise client: requestsPerMinute must be positive");
  }
  return {
    clientId: options.clientId,
    allowlist: options.allowlist ?? [],
    requestsPerMinute: options.requestsPerMinute,
    burst: options.burst ?? Math.max(1, Math.ceil(options.requestsPerMinute / 6)),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? (() => Date.now()),
    random: options.random ?? Math.random,
    resolveHost: options.resolveHost ?? resolveWithDns,
    pinnedFetch: options.pinnedFetch ?? ((address) => pinnedFetch(address)),
    timeoutMs: options.timeoutMs ?? 30_000,
    timeoutSignal: options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms)),
    deadlineMs: options.deadlineMs ?? 120_000,
    backgroundTimeoutMs: options.backgroundTimeoutMs ?? 10_000,
    backgroundDeadlineMs: options.backgroundDeadlineMs ?? 30_000,
    breakers: createSiteBreakers(options.breaker ?? DEFAULT_BREAKER),
    background: false,
    apiVersions: new Map(),
    maxAnswerBytes: options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES,
    maxListRows: options.maxListRows ?? 50_000,
    backoffBaseMs: options.backoffBaseMs ?? 500,
    backoffCapMs: options.backoffCapMs ?? 30_000,
    telemetry: options.telemetry ?? { span: noTelemetry.span, exchange: () => {} },
  };
}
