import {
  type Meter,
  metrics,
  type Span,
  SpanStatusCode,
  trace,
  type Tracer,
} from "@opentelemetry/api";
import type { ExchangeLabels, Telemetry } from "../../application/ports/telemetry.ts";
import { DomainError } from "../../domain/errors.ts";
import type { Recorder } from "./instruments.ts";
import { createOtelRecorder } from "./otel_recorder.ts";
import { createPrometheusRegistry, type PrometheusRegistry } from "./prometheus_registry.ts";

/** The service's telemetry: the use cases' port plus what the adapters record themselves. */
export interface ServiceTelemetry extends Telemetry {
  readonly registry: PrometheusRegistry;
  /** Counts and times one exchange with ConnectWise. */
  exchange(labels: ExchangeLabels, seconds: number): void;
  /** A ConnectWise site's breaker opened or closed. */
  sitePaused(site: string, paused: boolean): void;
}

function both(a: Recorder, b: Recorder): Recorder {
  return {
    add: (k, l, v) => (a.add(k, l, v), b.add(k, l, v)),
    set: (k, l, v) => (a.set(k, l, v), b.set(k, l, v)),
    observe: (k, l, v) => (a.observe(k, l, v), b.observe(k, l, v)),
  };
}

/**
 * Every measurement goes to OTel and to the Prometheus registry. The global providers are Deno's
 * with OTEL_DENO=true; without it spans cost next to nothing and `/metrics` still counts.
 */
export function createServiceTelemetry(
  options: { tracer?: Tracer; meter?: Meter } = {},
): ServiceTelemetry {
  const tracer = options.tracer ?? trace.getTracer("psa-sync");
  const registry = createPrometheusRegistry();
  const record = both(registry, createOtelRecorder(options.meter ?? metrics.getMeter("psa-sync")));
  return {
    registry,
    span(name, attributes, work, options = {}) {
      const run = async (span: Span) => {
        try {
          return await work({ set: (a) => span.setAttributes(a) });
        } catch (error) {
          // The code only: an error message is not vetted for span attributes.
          const type = error instanceof DomainError ? error.code : "unexpected";
          span.setAttribute("error.type", type);
          span.setStatus({ code: SpanStatusCode.ERROR, message: type });
          throw error;
        } finally {
          span.end();
        }
      };
      // A leaf is a child of the active span without becoming the active one itself.
      if (options.leaf) return run(tracer.startSpan(name, { attributes }));
      return tracer.startActiveSpan(name, { attributes }, run);
    },
    count: (counter, labels, value = 1) => record.add(counter, labels, value),
    gauge: (gauge, labels, value) => record.set(gauge, labels, value),
    exchange(labels, seconds) {
      record.add("connectwise_calls", labels, 1);
      record.observe("connectwise_seconds", { status: labels.status }, seconds);
    },
    sitePaused: (site, paused) => record.set("connectwise_site_paused", { site }, paused ? 1 : 0),
  };
}
