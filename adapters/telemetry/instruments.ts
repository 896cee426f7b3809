import type { Attributes, CounterName, GaugeName } from "../../application/ports/telemetry.ts";

/** Every instrument the service keeps, whatever exports it. */
export type InstrumentKey =
  | CounterName
  | GaugeName
  | "connectwise_calls"
  | "connectwise_seconds"
  | "connectwise_site_paused";

/** What an instrument is: its kind, Prometheus name, help text and unit. */
export interface InstrumentSpec {
  readonly kind: "counter" | "gauge" | "histogram";
  /** The Prometheus name; the OTel name is the same with a dot after `psa_sync`. */
  readonly name: string;
  readonly help: string;
  readonly unit: string;
}

/** The catalog: one entry per instrument, shared by /metrics and the OTel export. */
export const INSTRUMENTS: Readonly<Record<InstrumentKey, InstrumentSpec>> = {
  usage_reports: {
    kind: "counter",
    name: "psa_sync_usage_reports_total",
    help: "Usage reports by outcome (accepted, duplicate, refused) and refusal reason",
    unit: "{report}",
  },
  pushes: {
    kind: "counter",
    name: "psa_sync_pushes_total",
    help: "Coalesced pushes of an agreement by outcome (ok, retry, failed, attention, error)",
    unit: "{push}",
  },
  writes: {
    kind: "counter",
    name: "psa_sync_writes_total",
    help: "Addition writes to ConnectWise by outcome (written, failed)",
    unit: "{write}",
  },
  connectwise_calls: {
    kind: "counter",
    name: "psa_sync_connectwise_calls_total",
    help: "HTTP exchanges with ConnectWise by MSP, method, route and status (0: no answer)",
    unit: "{call}",
  },
  connectwise_seconds: {
    kind: "histogram",
    name: "psa_sync_connectwise_call_duration_seconds",
    help: "Duration of one HTTP exchange with ConnectWise, by status",
    unit: "s",
  },
  connectwise_site_paused: {
    kind: "gauge",
    name: "psa_sync_connectwise_site_paused",
    help: "1 while a ConnectWise site's circuit breaker is open (background calls paused after " +
      "calls without an answer), 0 once it answers again; by site (host:port)",
    unit: "{site}",
  },
  dirty_agreements: {
    kind: "gauge",
    name: "psa_sync_dirty_agreements",
    help: "Agreements waiting for a push",
    unit: "{agreement}",
  },
  sync_lag_seconds: {
    kind: "gauge",
    name: "psa_sync_sync_lag_seconds",
    help: "How long the longest-waiting dirty agreement has been due",
    unit: "s",
  },
  month_end_msps_done: {
    kind: "gauge",
    name: "psa_sync_month_end_msps_done",
    help: "MSPs whose period is final in the latest month-end run, by period",
    unit: "{msp}",
  },
  month_end_msps_total: {
    kind: "gauge",
    name: "psa_sync_month_end_msps_total",
    help: "MSPs in the latest month-end run, by period",
    unit: "{msp}",
  },
};

/** Seconds. */
export const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/** Records into instruments by key; one implementation feeds /metrics, another OTel. */
export interface Recorder {
  add(key: InstrumentKey, labels: Attributes, value: number): void;
  set(key: InstrumentKey, labels: Attributes, value: number): void;
  observe(key: InstrumentKey, labels: Attributes, value: number): void;
}
