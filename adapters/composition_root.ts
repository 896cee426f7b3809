import { getLogger } from "@logtape/logtape";
import { DEFAULT_SETTINGS, type Deps } from "../application/ports/deps.ts";
import type { ConnectWise } from "../application/ports/connectwise.ts";
import type { Repositories } from "../application/ports/store.ts";
import { catchUp } from "../application/month_end/finalize_period.ts";
import type { Config } from "./config/config.ts";
import { connectWiseClients } from "./connectwise/connectwise_client.ts";
import { closePinnedConnections } from "./connectwise/pinned_fetch.ts";
import { unconfiguredConnectWise } from "./connectwise/unconfigured.ts";
import { createApp } from "./http/app.ts";
import {
  createFinalizationTracker,
  type FinalizationTracker,
  trackCatchUp,
} from "../application/month_end/finalization_tracker.ts";
import type { ApiApp } from "./http/middleware/app_env.ts";
import { createCipher } from "./postgres/cipher.ts";
import { type Database, openDatabase } from "./postgres/database.ts";
import { MIGRATIONS_DIR, readMigrations } from "./postgres/migrate.ts";
import { createPostgresStore, postgresRepositories } from "./postgres/postgres_store.ts";
import { isDatabaseUnavailable } from "./postgres/unavailable.ts";
import { postgresSetupAccess } from "./postgres/setup_access_repository.ts";
import { startSyncLoop, type SyncLoop } from "./scheduler/sync_loop.ts";
import { systemClock } from "./system/system_clock.ts";
import { createServiceTelemetry, type ServiceTelemetry } from "./telemetry/service_telemetry.ts";
import { createPlatformWebhook } from "./webhook/platform_webhook.ts";

const log = getLogger(["psa-sync", "service"]);

export interface Service {
  readonly deps: Deps;
  /** `deps` with the background ConnectWise client: for the sync loop and the monthly run. */
  readonly backgroundDeps: Deps;
  readonly app: ApiApp;
  readonly database: Database;
  /** Lease owner of this process in the sync queue. */
  readonly workerId: string;
  /** This process's finalization runs (the endpoint, the monthly schedule, the start-up catch-up). */
  readonly finalizations: FinalizationTracker;
  close(): Promise<void>;
}

function connectWiseFor(
  config: Config,
  telemetry: ServiceTelemetry,
): { interactive: ConnectWise; background: ConnectWise } {
  if (config.connectWiseClientId === null) {
    log.warning(
      "CONNECTWISE_CLIENT_ID is unset: every ConnectWise call is refused until it is set",
    );
    return { interactive: unconfiguredConnectWise, background: unconfiguredConnectWise };
  }
  return connectWiseClients({
    clientId: config.connectWiseClientId,
    allowlist: config.hostAllowlist,
    requestsPerMinute: config.requestsPerMinute,
    maxAnswerBytes: config.maxAnswerBytes,
    telemetry,
  });
}

/**
 * ENCRYPTION_KEY, or on the embedded database a key generated once and kept beside its data (a
 * developer's machine); with DATABASE_URL nothing is written.
 */
async function encryptionKey(config: Config): Promise<Uint8Array> {
  if (config.encryptionKey) return config.encryptionKey;
  if (config.databaseUrl !== null) {
    log.warning("ENCRYPTION_KEY is unset (demo): a throwaway key is used for this run");
    return crypto.getRandomValues(new Uint8Array(32));
  }
  const path = `${config.dataDir}/encryption.key`;
  try {
    return Uint8Array.from(atob((await Deno.readTextFile(path)).trim()), (c) => c.charCodeAt(0));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const key = crypto.getRandomValues(new Uint8Array(32));
  await Deno.mkdir(config.dataDir, { recursive: true });
  await Deno.writeTextFile(path, btoa(String.fromCharCode(...key)), { mode: 0o600 });
  log.warning("ENCRYPTION_KEY is unset: generated one and kept it in {path}", { path });
  return key;
}

/** Wired by hand; finalizes any ended period still open (catch-up) and starts the sync loop. */
export async function buildService(
  config: Config,
  options: { syncLoop?: boolean } = {},
): Promise<Service> {
  if (config.apiTokens.length === 0) {
    // First, before the database lines: the one thing a fresh start needs to be told.
    log.warning(
      "API_TOKENS is unset, so every /v1 request answers 401 until it is set (comma-separated " +
        "tokens of 16 characters or more). To try psa-sync with a token, plans and a simulated " +
        "ConnectWise ready, run `deno task demo`",
    );
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const cipher = await createCipher(await encryptionKey(config));
  const telemetry = createServiceTelemetry();
  const connectWise = connectWiseFor(config, telemetry);
  const deps: Deps = {
    store: createPostgresStore(database.sql, { cipher, ingest: database.ingest }),
    connectWise: connectWise.interactive,
    clock: systemClock,
    newId: () => crypto.randomUUID(),
    settings: {
      ...DEFAULT_SETTINGS,
      hostAllowlist: config.hostAllowlist,
      agreementCheckMs: config.invoiceDatesRefreshMinutes * 60_000,
    },
    telemetry,
  };
  const backgroundDeps: Deps = { ...deps, connectWise: connectWise.background };
  const workerId = `${hostname()}:${Deno.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const expected = (await readMigrations(MIGRATIONS_DIR)).length;
  const finalizations = createFinalizationTracker();
  const app = createApp(deps, {
    finalizations,
    apiTokens: config.apiTokens,
    workerId,
    readiness: () => readiness(database, expected),
    metrics: telemetry.registry,
    isUnavailable: isDatabaseUnavailable,
    setupAccess: postgresSetupAccess(database.sql),
    publicUrl: config.publicUrl,
    frameAncestors: config.frameAncestors,
    trustProxy: config.trustProxy,
    metricsToken: config.metricsToken,
  });
  if (config.databaseUrl !== null && config.metricsToken === null) {
    log.warning("METRICS_TOKEN is unset: GET /metrics is open to anyone who reaches the service");
  }
  const startedAt = deps.clock.now();
  const caught = await catchUp(backgroundDeps);
  for (const { mspId, finalized } of caught) {
    log.info("Caught up: finalized {periods} for MSP {mspId}", {
      mspId,
      periods: finalized.join(", "),
    });
  }
  trackCatchUp(finalizations, caught, { startedAt, finishedAt: deps.clock.now() });
  let loop: SyncLoop | undefined;
  if (options.syncLoop !== false) {
    const webhook = config.webhook ? createPlatformWebhook(config.webhook) : undefined;
    loop = startSyncLoop(backgroundDeps, { owner: workerId, webhook });
  }
  return {
    deps,
    backgroundDeps,
    app,
    database,
    workerId,
    finalizations,
    async close() {
      await loop?.stop();
      closePinnedConnections();
      await database.close();
    },
  };
}

async function readiness(database: Database, expected: number) {
  try {
    const [row] = await database.sql`SELECT count(*)::int AS applied FROM schema_migrations`;
    const applied = Number(row.applied);
    return applied >= expected
      ? { ok: true }
      : { ok: false, detail: `${applied} of ${expected} migrations applied` };
  } catch {
    return { ok: false, detail: "database unreachable" };
  }
}

/** The machine's name for lease owners; Deno Deploy and sandboxes may not tell it. */
function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "psa-sync";
  }
}

/** For tools that only read figures (`figures:verify`): no key, as figures hold no secret. */
export async function openFigureRepositories(
  config: Pick<Config, "databaseUrl" | "dataDir">,
): Promise<{ repos: Repositories; close(): Promise<void> }> {
  const database = await openDatabase(config);
  const cipher = await createCipher(crypto.getRandomValues(new Uint8Array(32)));
  return { repos: postgresRepositories(database.sql, cipher), close: () => database.close() };
}
