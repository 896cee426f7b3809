import type { Attributes } from "../../application/ports/telemetry.ts";
import { DURATION_BUCKETS, type InstrumentKey, INSTRUMENTS, type Recorder } from "./instruments.ts";

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/** Instruments kept in memory and rendered in the Prometheus text format (version 0.0.4). */
export interface PrometheusRegistry extends Recorder {
  render(): string;
}

function labelKey(labels: Attributes): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}

function formatLabels(labels: Attributes, extra: Record<string, string> = {}): string {
  const all = { ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])) };
  Object.assign(all, extra);
  const parts = Object.entries(all).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  return String(value);
}

/** A registry of the catalog's instruments; series appear once first recorded. */
export function createPrometheusRegistry(): PrometheusRegistry {
  const values = new Map<InstrumentKey, Map<string, { labels: Attributes; value: number }>>();
  const histograms = new Map<InstrumentKey, Map<string, { labels: Attributes; h: Histogram }>>();
  const series = <T>(map: Map<InstrumentKey, Map<string, T>>, key: InstrumentKey) => {
    let m = map.get(key);
    if (!m) map.set(key, m = new Map());
    return m;
  };
  return {
    add(key, labels, value) {
      const m = series(values, key);
      const k = labelKey(labels);
      m.set(k, { labels, value: (m.get(k)?.value ?? 0) + value });
    },
    set(key, labels, value) {
      series(values, key).set(labelKey(labels), { labels, value });
    },
    observe(key, labels, value) {
      const m = series(histograms, key);
      const k = labelKey(labels);
      const entry = m.get(k) ??
        { labels, h: { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 } };
      DURATION_BUCKETS.forEach((le, i) => {
        if (value <= le) entry.h.buckets[i]++;
      });
      entry.h.sum += value;
      entry.h.count++;
      m.set(k, entry);
    },
    render() {
      const lines: string[] = [];
      for (
        const [key, spec] of Object.entries(INSTRUMENTS) as [
          InstrumentKey,
          typeof INSTRUMENTS[InstrumentKey],
        ][]
      ) {
        lines.push(`# HELP ${spec.name} ${spec.help}`, `# TYPE ${spec.name} ${spec.kind}`);
        for (const { labels, value } of values.get(key)?.values() ?? []) {
          lines.push(`${spec.name}${formatLabels(labels)} ${formatValue(value)}`);
        }
        for (const { labels, h } of histograms.get(key)?.values() ?? []) {
          DURATION_BUCKETS.forEach((le, i) => {
            lines.push(
              `${spec.name}_bucket${formatLabels(labels, { le: String(le) })} ${h.buckets[i]}`,
            );
          });
          lines.push(`${spec.name}_bucket${formatLabels(labels, { le: "+Inf" })} ${h.count}`);
          lines.push(`${spec.name}_sum${formatLabels(labels)} ${formatValue(h.sum)}`);
          lines.push(`${spec.name}_count${formatLabels(labels)} ${h.count}`);
        }
      }
      return `${lines.join("\n")}\n`;
    },
  };
}
