// The process P4 measures: it opens the database the way the service does,
// idles, then finalizes a period against ConnectWise while sampling its own
// memory. Its input is one JSON argument; its answer one JSON line on stdout.
// Running apart keeps the benchmark's setup, the simulator and the bench
// harness out of the figures.
//
// The finalization runs in two timed phases so the database work can be told
// from the ConnectWise pushes: first the statements of every MSP (what
// `finalizePeriod` does first for each MSP: `finalizeDue`, the same
// concurrency), then `finalizePeriod` itself, which finds every MSP's period
// final and pushes. Memory is sampled over both.
import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import { createCipher } from "../../adapters/postgres/cipher.ts";
import { openDatabase } from "../../adapters/postgres/database.ts";
import { createPostgresStore } from "../../adapters/postgres/postgres_store.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import { finalizePeriod } from "../../application/month_end/finalize_period.ts";
import { finalizeDue } from "../../application/statements/finalize_statements.ts";
import { inPool } from "../../application/push/in_pool.ts";
import { FixedClock } from "../support/fixed_clock.ts";
import type { DatabaseTarget } from "./bench_database.ts";

/** What the parent asks for. */
export interface FinalizeRequest {
  readonly database: DatabaseTarget;
  readonly encryptionKey: string;
  /** `host:port` of the ConnectWise simulator. */
  readonly simulator: string;
  readonly requestsPerMinute: number;
  readonly now: string;
  readonly period: string;
  readonly concurrency: number;
  readonly sampleMs: number;
  readonly idleMs: number;
}

/** Resident set and V8 heap, in bytes. */
export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
}

/** What the process answers. */
export interface FinalizeAnswer {
  readonly idle: MemorySample;
  /** Highest of each figure over the samples taken while finalizing. */
  readonly peak: MemorySample;
  /** The same over the statements phase only. */
  readonly statementsPeak: MemorySample;
  readonly samples: number;
  /** Both phases. */
  readonly seconds: number;
  /** The statements phase: every MSP's statements written (database work only). */
  readonly statementsSeconds: number;
  /** The push phase: every MSP's agreements pushed to ConnectWise. */
  readonly pushSeconds: number;
  /** MSPs whose period the statements phase finalized. */
  readonly mspsFinalized: number;
  readonly mspsDone: number;
  readonly linesWritten: number;
  readonly linesFailed: number;
}

function sample(): MemorySample {
  const { rss, heapUsed } = Deno.memoryUsage();
  return { rss, heapUsed };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function run(request: FinalizeRequest): Promise<FinalizeAnswer> {
  const database = await openDatabase(request.database);
  try {
    const deps: Deps = {
      store: createPostgresStore(database.sql, {
        cipher: await createCipher(request.encryptionKey),
      }),
      connectWise: createConnectWiseClient({
        clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
        allowlist: [request.simulator],
        requestsPerMinute: request.requestsPerMinute,
      }),
      clock: new FixedClock(request.now),
      newId: () => crypto.randomUUID(),
      settings: { ...DEFAULT_SETTINGS, hostAllowlist: [request.simulator] },
    };
    await pause(request.idleMs);
    const idle = sample();
    let peak = idle;
    let samples = 0;
    const take = () => {
      const s = sample();
      samples++;
      peak = { rss: Math.max(peak.rss, s.rss), heapUsed: Math.max(peak.heapUsed, s.heapUsed) };
    };
    const timer = setInterval(take, request.sampleMs);
    const started = performance.now();
    try {
      let mspsFinalized = 0;
      await inPool(await deps.store.usage.msps(), request.concurrency, async (mspId) => {
        const { finalized } = await finalizeDue(deps, { mspId, until: request.period });
        if (finalized.includes(request.period)) mspsFinalized++;
      });
      take();
      const statementsPeak = peak;
      const pushing = performance.now();
      const result = await finalizePeriod(deps, {
        period: request.period,
        owner: "bench",
        concurrency: request.concurrency,
      });
      take();
      return {
        idle,
        peak,
        statementsPeak,
        samples,
        seconds: (performance.now() - started) / 1_000,
        statementsSeconds: (pushing - started) / 1_000,
        pushSeconds: (performance.now() - pushing) / 1_000,
        mspsFinalized,
        mspsDone: result.mspsDone,
        linesWritten: result.linesWritten,
        linesFailed: result.linesFailed,
      };
    } finally {
      clearInterval(timer);
    }
  } finally {
    await database.close();
  }
}

if (import.meta.main) {
  const answer = await run(JSON.parse(Deno.args[0]));
  console.log(JSON.stringify(answer));
}
