// The entry point: configuration from the environment (`deno task start` adds `.env`), the monthly
// schedule, then the service wired in adapters/composition_root.ts, served.
import { getLogger } from "@logtape/logtape";
import { ConfigError, parseConfig } from "./adapters/config/config.ts";
import { configureLogging } from "./adapters/logging/configure_logging.ts";
import { registerMonthlyFinalization } from "./adapters/scheduler/monthly_finalization.ts";
import { buildService, type Service } from "./adapters/composition_root.ts";

function readConfig() {
  try {
    return parseConfig(Deno.env.toObject());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    Deno.exit(1);
  }
}

const config = readConfig();
let resolveService: (service: Service) => void;
const service = new Promise<Service>((resolve) => resolveService = resolve);

// Deno Deploy discovers crons when the module loads: register before any await.
registerMonthlyFinalization(
  service.then((s) => ({ deps: s.backgroundDeps, finalizations: s.finalizations })),
  { owner: "cron" },
);

await configureLogging({ level: config.logLevel, json: config.logFormat === "json" });
const log = getLogger(["psa-sync"]);

try {
  resolveService!(await buildService(config));
} catch (error) {
  log.fatal("Cannot start: {error}", {
    error: error instanceof Error ? error.message : String(error),
  });
  Deno.exit(1);
}

const running = await service;
const server = Deno.serve({
  port: config.port,
  onListen: ({ hostname, port }) =>
    log.info("psa-sync listening on http://{hostname}:{port} ({database} database)", {
      hostname,
      port,
      database: running.database.kind,
    }),
}, running.app.fetch);

// `deno task` passes a signal on to the service, which may then get it twice: stop once.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("Received {signal}: shutting down", { signal });
  await server.shutdown();
  await running.close();
  Deno.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, () => void shutdown(signal));
}
