// P3 with telemetry: the same ingestion as P3 (its client: 16 keep-alive
// connections in a worker thread, started once) with spans, metrics and the
// access log on, against all of them off, on one database in one run. The two
// modes alternate in rounds so that load drifting on a shared machine hits both.
import { type LogRecord, reset } from "@logtape/logtape";
import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createApp } from "../../adapters/http/app.ts";
import { configureLogging } from "../../adapters/logging/configure_logging.ts";
import { jsonLines } from "../../adapters/logging/json_lines.ts";
import { MemoryConnectWise } from "../../adapters/memory/memory_connectwise.ts";
import { createCipher } from "../../adapters/postgres/cipher.ts";
import { createPostgresStore } from "../../adapters/postgres/postgres_store.ts";
import { systemClock } from "../../adapters/system/system_clock.ts";
import { createServiceTelemetry } from "../../adapters/telemetry/service_telemetry.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import { openBenchDatabase, randomKey } from "./bench_database.ts";
import { seconds } from "./in_parallel.ts";
import { reportClient } from "./report_client.ts";
import { CONCURRENCY, seedIngestion, TOKEN } from "./ingestion_world.ts";
import { createPrometheusRegistry } from "../../adapters/telemetry/prometheus_registry.ts";
import { memorySetupAccess } from "../../adapters/memory/setup_access.ts";

const ROUNDS = 20;
const PER_ROUND = 1_000;
/** Per mode before measuring: with 200, the first run's first rounds paid the JIT of the mode that ran first. */
const WARMUP = 2_000;

/**
 * Spans are batched and exported as the SDK does, then dropped (counted).
 * Registered once per process: `deno bench` runs the function three times.
 */
function registerTracing(): { exported: () => Promise<number> } {
  let count = 0;
  const exporter = {
    export(spans: unknown[], done: (result: { code: number }) => void) {
      count += spans.length;
      done({ code: 0 });
    },
    shutdown: () => Promise.resolve(),
  };
  const provider = new BasicTracerProvider({
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporterOfMetrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: exporterOfMetrics,
    exportIntervalMillis: 1_000,
  });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  return { exported: () => provider.forceFlush().then(() => count) };
}

const tracing = registerTracing();

Deno.bench({
  name: "P3 ingestion: telemetry and access log on vs off",
  n: 1,
  warmup: 0,
  async fn(b) {
    const spansBefore = await tracing.exported();
    const db = await openBenchDatabase();
    const store = createPostgresStore(db.database.sql, {
      cipher: await createCipher(randomKey()),
      ingest: db.database.ingest,
    });
    const base: Deps = {
      store,
      connectWise: new MemoryConnectWise(),
      clock: systemClock,
      newId: () => crypto.randomUUID(),
      settings: DEFAULT_SETTINGS,
    };
    const telemetry = createServiceTelemetry();
    const options = {
      apiTokens: [TOKEN],
      workerId: "bench",
      readiness: () => Promise.resolve({ ok: true }),
      setupAccess: memorySetupAccess(),
    };
    const apps = {
      off: createApp(base, { ...options, metrics: createPrometheusRegistry() }),
      on: createApp({ ...base, telemetry }, { ...options, metrics: telemetry.registry }),
    };
    const serve = (app: typeof apps.on) =>
      Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
    const servers = { off: serve(apps.off), on: serve(apps.on) };
    let logLines = 0;
    // JSON lines formatted as in production, then dropped: the cost without the terminal's.
    const sink = (record: LogRecord) => {
      if (jsonLines(record).length > 0) logLines++;
    };
    const run = (mode: "on" | "off", prefix: string, count: number) => {
      const url = `http://127.0.0.1:${servers[mode].addr.port}`;
      return client.send({ base: url, prefix, count, concurrency: CONCURRENCY });
    };
    // The P3 client: 16 keep-alive connections in a worker thread, started once for every round.
    const client = reportClient();
    const time = { on: 0, off: 0 };
    try {
      await seedIngestion(store);
      await run("off", "warm-off", WARMUP);
      await configureLogging({ level: "info", json: true, sink });
      await run("on", "warm-on", WARMUP);
      b.start();
      const phase = async (mode: "on" | "off", round: number) => {
        if (mode === "on") await configureLogging({ level: "info", json: true, sink });
        else await reset(); // LogTape unconfigured: every logger is a no-op
        time[mode] += await seconds(() => run(mode, `${mode}-${round}`, PER_ROUND));
      };
      for (let round = 0; round < ROUNDS; round++) {
        // off-on, then on-off: a load that drifts during a round weighs on both.
        for (const mode of round % 2 === 0 ? ["off", "on"] as const : ["on", "off"] as const) {
          await phase(mode, round);
        }
      }
      b.end();
      const [on, off] = [(ROUNDS * PER_ROUND) / time.on, (ROUNDS * PER_ROUND) / time.off];
      console.log(
        `P3 telemetry: ${on.toFixed(0)} reports/s with spans, metrics and the access log on vs ${
          off.toFixed(0)
        } with all off (ratio ${(on / off).toFixed(3)}, loss ${
          ((1 - on / off) * 100).toFixed(1)
        }%); ` +
          `${ROUNDS} alternating rounds of ${PER_ROUND} each at concurrency ${CONCURRENCY}; ` +
          `${
            (await tracing.exported()) - spansBefore
          } spans exported, ${logLines} log lines; on ${db.label}`,
      );
    } finally {
      client.close();
      await reset();
      await servers.on.shutdown();
      await servers.off.shutdown();
      await db.close();
    }
  },
});
