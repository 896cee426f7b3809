import type { Clock } from "./clock.ts";
import type { ConnectWise } from "./connectwise.ts";
import type { Store } from "./store.ts";
import { noTelemetry, type Telemetry } from "./telemetry.ts";

/** Built once by the composition root (or a test). */
export interface Deps {
  readonly store: Store;
  readonly connectWise: ConnectWise;
  readonly clock: Clock;
  /** New ids for organizations and events. */
  readonly newId: () => string;
  readonly settings: Settings;
  /** Traces and metrics; absent: nothing is recorded. */
  readonly telemetry?: Telemetry;
}

export function telemetryOf(deps: Deps): Telemetry {
  return deps.telemetry ?? noTelemetry;
}

export interface Settings {
  /** `host:port` entries that may be loopback/private and use http (tests, simulator). */
  readonly hostAllowlist: readonly string[];
  /** How long a dirty agreement waits for more reports before it is pushed. */
  readonly coalesceMs: number;
  /** How often a mapped agreement's terms (invoice dates, billability) are read again. */
  readonly agreementCheckMs: number;
}

/** For tests and the demo. */
export const DEFAULT_SETTINGS: Settings = {
  hostAllowlist: [],
  coalesceMs: 1_000,
  agreementCheckMs: 15 * 60_000,
};
