import parsePrometheusTextFormat from "parse-prometheus-text-format";

/** One sample of a parsed family (histograms keep their buckets, count and sum). */
interface Sample {
  readonly value?: string;
  readonly labels?: Record<string, string>;
  readonly buckets?: Record<string, string>;
  readonly count?: string;
  readonly sum?: string;
}

/** A metric family as `parse-prometheus-text-format` answers it. */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly metrics: Sample[];
}

/** Parses a `/metrics` answer into families by name (the parser throws on malformed text). */
export function parseMetrics(text: string): Map<string, Family> {
  const families = parsePrometheusTextFormat(text) as Family[];
  return new Map(families.map((f) => [f.name, f]));
}

/**
 * The sum of a family's samples whose labels include `labels` (0 when none);
 * for a histogram, its observation count. The parser drops a labelled
 * histogram's labels, `_sum` and `_count` (yunyu/parse-prometheus-text-format
 * issue #13, fix in the open PR #8), so the count is read from the `+Inf`
 * bucket, which equals it by definition, and histograms are not filtered by label.
 */
export function valueOf(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.get(name);
  if (!family) throw new Error(`no metric family ${name}`);
  return family.metrics
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? m.count ?? m.buckets?.["+Inf"] ?? 0), 0);
}
