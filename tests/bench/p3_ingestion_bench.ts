// P3 ingestion: usage reports a second through the HTTP API (bearer auth,
// validation, durable on answer: concurrent reports grouped into shared
// statements at READ COMMITTED, each doing dedupe, ledger row, period summary
// and dirty mark) against single-row INSERTs a second into a table like the
// ledger, on the same database, with the same pool and the same concurrency.
// The HTTP client runs in a worker thread of its own (the platform's backend
// is another machine); the raw INSERTs need no client beyond postgres.js.
import { createApp } from "../../adapters/http/app.ts";
import { MemoryConnectWise } from "../../adapters/memory/memory_connectwise.ts";
import { createCipher } from "../../adapters/postgres/cipher.ts";
import { createPostgresStore } from "../../adapters/postgres/postgres_store.ts";
import { systemClock } from "../../adapters/system/system_clock.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import type { Store } from "../../application/ports/store.ts";
import { countingReportStatements } from "../support/report_statements.ts";
import { openBenchDatabase, randomKey } from "./bench_database.ts";
import { reportFromWorker } from "./report_client.ts";
import { inParallel, seconds } from "./in_parallel.ts";
import { CONCURRENCY, ORGS_PER_MSP, seedIngestion, SHAPE, TOKEN } from "./ingestion_world.ts";
import { memorySetupAccess } from "../../adapters/memory/setup_access.ts";
import { createPrometheusRegistry } from "../../adapters/telemetry/prometheus_registry.ts";

const REPORTS = 10_000;
/** Reports (and INSERTs) before measuring, through the measured client: the JIT settles first. */
const WARMUP = 2_000;

/** Counts transactions and their runs: a serialization failure runs the work again. */
function countingRuns(store: Store, counts: { transactions: number; runs: number }): Store {
  return {
    ...store,
    transaction: (work) => {
      counts.transactions++;
      return store.transaction((repos) => {
        counts.runs++;
        return work(repos);
      });
    },
  };
}

Deno.bench({
  name: "P3 ingestion: usage reports via HTTP vs raw INSERTs",
  n: 1,
  warmup: 0,
  async fn(b) {
    const db = await openBenchDatabase();
    const { sql, ingest } = db.database;
    const counts = { transactions: 0, runs: 0 };
    // Wired as the service wires it: report batches on the ingest connection, the rest on the pool.
    const recording = countingReportStatements(sql);
    const ingesting = ingest ? countingReportStatements(ingest) : null;
    const reportStatements = () => recording.count() + (ingesting?.count() ?? 0);
    const store = createPostgresStore(recording.sql, {
      cipher: await createCipher(randomKey()),
      ingest: ingesting?.sql,
    });
    const deps: Deps = {
      store: countingRuns(store, counts),
      connectWise: new MemoryConnectWise(),
      clock: systemClock,
      newId: () => crypto.randomUUID(),
      settings: DEFAULT_SETTINGS,
    };
    const app = createApp(deps, {
      setupAccess: memorySetupAccess(),
      metrics: createPrometheusRegistry(),
      apiTokens: [TOKEN],
      workerId: "bench",
      readiness: () => Promise.resolve({ ok: true }),
    });
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
    try {
      await seedIngestion(store);
      const base = `http://127.0.0.1:${server.addr.port}`;
      await reportFromWorker({ base, prefix: "warm", count: WARMUP, concurrency: CONCURRENCY });
      const before = { ...counts };
      const statementsBefore = reportStatements();
      b.start();
      const http = await seconds(() =>
        reportFromWorker({ base, prefix: "report", count: REPORTS, concurrency: CONCURRENCY })
      );
      b.end();
      const statements = reportStatements() - statementsBefore;
      const retries = (counts.runs - before.runs) - (counts.transactions - before.transactions);

      // Same columns, indexes, checks and conflict clause as the ledger's append.
      await sql`CREATE TABLE raw_usage (LIKE usage_ledger INCLUDING ALL)`;
      const insert = (eventId: string, i: number) =>
        sql`
          INSERT INTO raw_usage (msp_id, event_id, organization_id, occurred_at, licenses,
            servers, plan_id)
          VALUES (${`msp${i % SHAPE.msps}`}, ${eventId}, ${`org-${i % ORGS_PER_MSP}`},
            ${new Date()}, ${1 + (i % 50)}, 0, NULL)
          ON CONFLICT (msp_id, event_id) DO NOTHING`;
      await inParallel(WARMUP, CONCURRENCY, (i) => insert(`warm-${i}`, i));
      const raw = await seconds(() =>
        inParallel(REPORTS, CONCURRENCY, (i) => insert(`report-${i}`, i))
      );

      const [ledger] = await sql`SELECT count(*)::int AS n FROM usage_ledger`;
      const [dirty] = await sql`SELECT count(*)::int AS n FROM sync_queue`;
      if (ledger.n !== WARMUP + REPORTS || dirty.n === 0) {
        throw new Error(`Expected ${WARMUP + REPORTS} ledger rows and dirty agreements`);
      }
      const [httpRate, rawRate] = [REPORTS / http, REPORTS / raw];
      console.log(
        `P3 ingestion: ${httpRate.toFixed(0)} reports/s via HTTP vs ${
          rawRate.toFixed(0)
        } raw INSERT/s (ratio ${(httpRate / rawRate).toFixed(3)}); ` +
          `${REPORTS} of each at concurrency ${CONCURRENCY}, pool max ${sql.options.max}; ` +
          `${statements} statements (group commit${ingest ? ", pipelined" : ""}), ` +
          `${retries} transaction retries, ` +
          `${dirty.n} agreements marked dirty; on ${db.label}`,
      );
    } finally {
      await server.shutdown();
      await db.close();
    }
  },
});
