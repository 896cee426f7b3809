/** Span attributes and metric labels: ids, periods, outcomes and statuses, never a secret. */
export type Attributes = Readonly<Record<string, string | number | boolean>>;

/** One HTTP exchange with ConnectWise, as the call metrics label it. */
export interface ExchangeLabels extends Attributes {
  readonly msp_id: string;
  readonly method: string;
  /** The method and path template, e.g. `GET /finance/agreements/{id}/additions`. */
  readonly route: string;
  /** The HTTP status; 0 when no answer came (network error, timeout). */
  readonly status: number;
}

/** A span in progress: attributes known only at the end (the outcome) are added here. */
export interface SpanScope {
  set(attributes: Attributes): void;
}

/** Counters the service keeps (each one a Prometheus counter and an OTel counter). */
export type CounterName = "usage_reports" | "pushes" | "writes";

/** Gauges the service keeps: sampled values. */
export type GaugeName =
  | "dirty_agreements"
  | "sync_lag_seconds"
  | "month_end_msps_done"
  | "month_end_msps_total";

/** Never throws into the work it observes. */
export interface Telemetry {
  /**
   * An error marks the span failed and is rethrown. A `leaf` span (nothing inside logs or spans) is
   * not made active: activating a span costs more than recording it.
   */
  span<T>(
    name: string,
    attributes: Attributes,
    work: (span: SpanScope) => Promise<T>,
    options?: { leaf?: boolean },
  ): Promise<T>;
  count(counter: CounterName, labels: Attributes, value?: number): void;
  gauge(gauge: GaugeName, labels: Attributes, value: number): void;
}

/** Telemetry that records nothing (a Deps without telemetry). */
export const noTelemetry: Telemetry = {
  span: (_name, _attributes, work) => work({ set: () => {} }),
  count: () => {},
  gauge: () => {},
};
