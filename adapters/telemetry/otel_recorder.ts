import type { Counter, Gauge, Histogram, Meter } from "@opentelemetry/api";
import { DURATION_BUCKETS, type InstrumentKey, INSTRUMENTS, type Recorder } from "./instruments.ts";

/** The OTel name of an instrument: `psa_sync_pushes_total` is `psa_sync.pushes`. */
export function otelName(key: InstrumentKey): string {
  return `psa_sync.${key}`;
}

/** `meter`: Deno's built-in MeterProvider with OTEL_DENO=true, exporting over OTLP. */
export function createOtelRecorder(meter: Meter): Recorder {
  const counters = new Map<InstrumentKey, Counter>();
  const gauges = new Map<InstrumentKey, Gauge>();
  const histograms = new Map<InstrumentKey, Histogram>();
  for (
    const [key, spec] of Object.entries(INSTRUMENTS) as [
      InstrumentKey,
      typeof INSTRUMENTS[InstrumentKey],
    ][]
  ) {
    const options = { description: spec.help, unit: spec.unit };
    if (spec.kind === "counter") counters.set(key, meter.createCounter(otelName(key), options));
    if (spec.kind === "gauge") gauges.set(key, meter.createGauge(otelName(key), options));
    if (spec.kind === "histogram") {
      histograms.set(
        key,
        meter.createHistogram(otelName(key), {
          ...options,
          advice: { explicitBucketBoundaries: [...DURATION_BUCKETS] },
        }),
      );
    }
  }
  return {
    add: (key, labels, value) => counters.get(key)?.add(value, labels),
    set: (key, labels, value) => gauges.get(key)?.record(value, labels),
    observe: (key, labels, value) => histograms.get(key)?.record(value, labels),
  };
}
