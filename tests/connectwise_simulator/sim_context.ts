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
  /** Simulates a server whose `next` links lose `conditions` and `childConditions`. */
  readonly linkDropsFilters?: boolean;
  /**
   * Names this host (`host:port`) in every `next` link instead of its own, as
   * ConnectWise cloud does with its `api-` host and as a proxy in between does.
   */
  readonly linkHost?: string;
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

/** The Hono environment of the simulator: per-request record and member. */
export type SimEnv = { Variables: { record: RecordedRequest; member: SimMember } };

/** The value without null fields, as ConnectWise leaves them out of its answers. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]),
  ) as T;
}

/** A ConnectWise error body `{code, message, errors}` with a status. */
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
    errors: errors.map((e) => ({ ...e, resource: "simulator" })),
  }, status);
}
