import { isSpanContextValid, trace } from "@opentelemetry/api";
import type { Sink } from "@logtape/logtape";

/** LogTape calls sinks synchronously, in the caller's context: the active span is the record's. */
export function traceContextSink(sink: Sink): Sink {
  return (record) => {
    const context = trace.getActiveSpan()?.spanContext();
    if (!context || !isSpanContextValid(context)) return sink(record);
    const { traceId, spanId } = context;
    sink({ ...record, properties: { ...record.properties, traceId, spanId } });
  };
}
