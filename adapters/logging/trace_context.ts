import { isSpanContextValid, trace } from "@opentelemetry/api";
import type { Sink } from "@logtape/logtape";

/**
 * Adds the active span's `traceId` and `spanId` to every record logged inside a span (LogTape calls
 * sinks synchronously, in the caller's context), so a log line leads to its trace and back.
 */
export function traceContextSink(sink: Sink): Sink {
  return (record) => {
    const context = trace.getActiveSpan()?.spanContext();
    if (!context || !isSpanContextValid(context)) return sink(record);
    const { traceId, spanId } = context;
    sink({ ...record, properties: { ...record.properties, traceId, spanId } });
  };
}
