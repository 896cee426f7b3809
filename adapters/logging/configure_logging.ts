import {
  configure,
  getConsoleSink,
  getTextFormatter,
  type LogLevel,
  type Sink,
} from "@logtape/logtape";
import { jsonLines } from "./json_lines.ts";
import { redactingSink } from "./redaction.ts";
import { traceContextSink } from "./trace_context.ts";

export interface LoggingOptions {
  readonly level: "debug" | "info" | "warning" | "error";
  /** JSON lines (production) or readable text (development, demo). */
  readonly json: boolean;
  /** Where records go instead of the console (tests); it gets each record as logged. */
  readonly sink?: Sink;
}

/** Every record is redacted and tagged with the active trace; safe to call again (it resets). */
export async function configureLogging(options: LoggingOptions): Promise<void> {
  // Strings in messages as they are (`http://0.0.0.0:8000`, `GET /healthz 200`), not quoted.
  const formatter = options.json
    ? jsonLines
    : getTextFormatter({ timestamp: "date-time", value: "bare" });
  const sink = options.sink ?? getConsoleSink({ formatter });
  await configure({
    reset: true,
    sinks: { main: immediate(traceContextSink(redactingSink(sink))) },
    loggers: [
      { category: ["psa-sync"], lowestLevel: options.level as LogLevel, sinks: ["main"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["main"] },
    ],
  });
}

/**
 * Ours writes at once and no property object changes after logging, so LogTape may skip its
 * snapshot; the symbol is LogTape's own (`markSinkAsImmediate`, not exported).
 */
function immediate(sink: Sink): Sink {
  Object.defineProperty(sink, Symbol.for("LogTape.sinkSnapshotPolicy.immediate"), { value: true });
  return sink;
}
