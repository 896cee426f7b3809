import type { Attributes, Telemetry } from "../../application/ports/telemetry.ts";

export interface RecordedSpan {
  readonly name: string;
  attributes: Record<string, string | number | boolean>;
  failed: boolean;
}

/** Telemetry kept in arrays (tests): spans in start order, counters and gauges by name and labels. */
export interface MemoryTelemetry extends Telemetry {
  readonly spans: RecordedSpan[];
  /** The sum of a counter over the series whose labels include `labels`. */
  counted(counter: string, labels?: Attributes): number;
  /** The last value of a gauge series. */
  gauged(gauge: string, labels?: Attributes): number | undefined;
}

export function memoryTelemetry(): MemoryTelemetry {
  const spans: RecordedSpan[] = [];
  const counts: { name: string; labels: Attributes; value: number }[] = [];
  const gauges = new Map<string, number>();
  const gaugeKey = (name: string, labels: Attributes) =>
    `${name}${JSON.stringify(Object.entries(labels).sort())}`;
  const matches = (have: Attributes, want: Attributes) =>
    Object.entries(want).every(([k, v]) => have[k] === v);
  return {
    spans,
    async span(name, attributes, work) {
      const span: RecordedSpan = { name, attributes: { ...attributes }, failed: false };
      spans.push(span);
      try {
        return await work({ set: (a) => Object.assign(span.attributes, a) });
      } catch (error) {
        span.failed = true;
        throw error;
      }
    },
    count: (name, labels, value = 1) => void counts.push({ name, labels, value }),
    gauge: (name, labels, value) => void gauges.set(gaugeKey(name, labels), value),
    counted: (name, labels = {}) =>
      counts.filter((c) => c.name === name && matches(c.labels, labels))
        .reduce((sum, c) => sum + c.value, 0),
    gauged: (name, labels = {}) => gauges.get(gaugeKey(name, labels)),
  };
}
