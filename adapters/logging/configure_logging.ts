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

/** How the service logs. */
export interface LoggingOptions {
  /** The lowest level written. */
  readonly level: "debug" | "info" | "warning" | "error";
  /** JSON lines (production) or readable text (development, demo). */
  readonly json: boolean;
  /** Where records go instead of the console (tests); it gets each record as logged. */
  readonly sink?: Sink;
}

/**
 * Configures LogTape for the whole process: the `psa-sync` categories at `level`, LogTape's own
 * meta logger at warning, and every record passed through the redaction step, tagged with the
 * active trace and span ids. Safe to call again (it resets the previous setup).
 */
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
 * Marks a sink that is done with a record when it returns, so LogTape hands it the record as it is
 * instead of copying its properties first (a snapshot, for sinks that write later). Ours formats
 * and writes at once, and the service never changes a property object after logging it. The symbol
 * is the one LogTape's stream sink is marked with (`markSinkAsImmediate`, not exported).
 */
function immediate(sink: Sink): Sink {
  Object.defineProperty(sink, Symbol.for("LogTape.sinkSnapshotPolicy.immediate"), { value: true });
  return sink;
}
