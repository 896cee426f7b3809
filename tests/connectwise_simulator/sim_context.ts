import type { Context } from "hono";
import type { RecordedRequest } from "./sim_counters.ts";
import type { Counters } from "./sim_counters.ts";
import type { Faults } from "./sim_faults.ts";
import type { SimMember, SimState } from "./sim_state.ts";

/** How the simulator behaves. */
export interface SimulatorOptions {
  /** The `Codebase` discovery answers and the API lives under; default `v4_6_release/`. */
  readonly codebase?: string;
  /** When set, calls with another `clientId` are refused (401) too. */
  readonly clientId?: string;
  /** Requests a minute per member; more are answered 429 with `Retry-After`. */
  readonly rateLimitPerMinute?: number;
  /**
   * The seconds a 429 asks to wait, as ConnectWise's waits of 30-60 s; unset:
   * until the member's minute window ends. With `retryAfterInBodyOnly` the
   * header is left out and only the body's text says it.
   */
  readonly rateLimitRetryAfter?: number;
  readonly retryAfterInBodyOnly?: boolean;
  /** Simulates a server whose `next` links lose `conditions` and `childConditions`. */
  readonly linkDropsFilters?: boolean;
  /**
   * Names this host (`host:port`) in every `next` link instead of its own, as
   * ConnectWise cloud does with its `api-` host and as a proxy in between does.
   */
  readonly linkHost?: string;
  /** Forward-only paging names a `next` page on the last page too, as ConnectWise may. */
  readonly nextLinkOnLastPage?: boolean;
  /** Writes `next` links without their `?` (`.../agreements&pageSize=10&page=2`), as seen from ConnectWise. */
  readonly malformedLinks?: boolean;
  /**
   * Cloud mode: the API answers only at an `api-` host; a call at the sign-in
   * host (`na.myconnectwise.net`) is refused (sim_site.ts).
   */
  readonly apiHostOnly?: boolean;
  /** The `api-current-version` every API answer carries; null: none. Default `2025.1`. */
  readonly apiVersion?: string | null;
  /** The simulator's clock (rate-limit windows, cancel dates). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What the site runs now; `Simulator.upgrade` changes it mid-run, as ConnectWise upgrades a site. */
export interface SimSite {
  codebase: string;
  apiVersion: string | null;
}

/** What every route needs. */
export interface Sim {
  readonly state: SimState;
  readonly counters: Counters;
  readonly faults: Faults;
  readonly options: SimulatorOptions;
  readonly site: SimSite;
  /** `/{codebase}apis/3.0` of the current codebase. */
  readonly apiPrefix: string;
}

/** The Hono environment of the simulator: per-request record and member; `falseOk` (a fault) leaves a write unapplied. */
export type SimEnv = {
  Variables: { record: RecordedRequest; member: SimMember; falseOk?: boolean };
};

/** The value without null fields, as ConnectWise leaves them out of its answers. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]),
  ) as T;
}

/** A ConnectWise error body `{code, message, errors}` with a status; `errors` is null when empty, as ConnectWise sends it. */
export function cwError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 415 | 429 | 500 | 502 | 503 | 504,
  message: string,
  errors: { code: string; message: string; field?: string }[] = [],
): Response {
  const code = status === 400 ? "InvalidObject" : status === 404 ? "NotFound" : `Http${status}`;
  return c.json({
    code,
    message,
    errors: errors.length === 0 ? null : errors.map((e) => ({ ...e, resource: "simulator" })),
  }, status);
}
