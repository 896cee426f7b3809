// P2 month end for 100 MSPs x 100 mappings on Postgres under a per-MSP rate
// limit (the simulator answers 429 past it): calls per changed addition
// against the physical limit (one read per agreement, one write per changed
// addition), wall time against the bound (minimum calls per MSP / rate).
// The figure is taken at 1,200 calls/min per MSP (the stricter bound); the
// same month end at the service's default rate (CONNECTWISE_REQUESTS_PER_MINUTE
// in .env.example: 300/min) is printed as a second figure, same ratio.
import { createCipher } from "../../adapters/postgres/cipher.ts";
import { createPostgresStore } from "../../adapters/postgres/postgres_store.ts";
import { finalizePeriod } from "../../application/sync/month_end.ts";
import { openBenchDatabase, randomKey } from "./bench_database.ts";
import { benchWorld, callCounts } from "./bench_world.ts";

const SHAPE = { msps: 100, agreementsPerMsp: 20, orgsPerAgreement: 5 };

/** One month end of the world at `requestsPerMinute` per MSP, its figures printed. */
async function monthEnd(b: Deno.BenchContext, requestsPerMinute: number): Promise<void> {
  const db = await openBenchDatabase();
  const store = createPostgresStore(db.database.sql, {
    cipher: await createCipher(randomKey()),
  });
  const world = await benchWorld(store, {
    ...SHAPE,
    requestsPerMinute,
    now: "2026-11-01T00:05:00Z",
    reportedAt: "2026-10-15T00:00:00Z",
    seedConcurrency: 16,
  });
  try {
    const started = performance.now();
    b.start();
    const result = await finalizePeriod(world.deps, {
      period: "2026-10",
      owner: "bench",
      concurrency: SHAPE.msps, // every MSP at once: each is bound by its own rate
    });
    b.end();
    const seconds = (performance.now() - started) / 1_000;
    const { calls, writes } = callCounts(world.sim);
    const agreements = SHAPE.msps * SHAPE.agreementsPerMsp;
    const changed = world.sim.state.additions.length; // every addition is new at this month end
    const limit = 1 + 1 / (changed / agreements);
    const minimumPerMsp = (agreements + changed) / SHAPE.msps; // one read each, one write each
    const bound = minimumPerMsp / (requestsPerMinute / 60);
    console.log(
      `P2 month end on ${db.label}: ${result.mspsDone} MSPs, ${calls} calls, ${writes} writes ` +
        `for ${changed} changed additions on ${agreements} agreements: calls/changed ${
          (calls / changed).toFixed(2)
        } (required <= ${limit.toFixed(2)}); wall ${seconds.toFixed(1)} s vs ${
          bound.toFixed(1)
        } s (${minimumPerMsp} calls per MSP at ${requestsPerMinute}/min), ` +
        `ratio ${(seconds / bound).toFixed(2)} (required <= 1.20); ${result.linesFailed} failed`,
    );
  } finally {
    await world.close();
    await db.close();
  }
}

Deno.bench({
  name: "P2 month end on Postgres: 100 MSPs x 100 mappings",
  n: 1,
  warmup: 0,
  async fn(b) {
    await monthEnd(b, 1_200);
  },
});

Deno.bench({
  name: "P2 month end on Postgres at the service's default 300 calls/min",
  n: 1,
  warmup: 0,
  async fn(b) {
    await monthEnd(b, 300);
  },
});
