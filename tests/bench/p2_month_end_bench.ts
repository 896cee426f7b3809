// P2 month end for 100 MSPs x 100 mappings under a per-MSP rate limit:
// wall time against the lower bound (calls / rate), calls against changed additions.
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { finalizePeriod } from "../../application/sync/month_end.ts";
import { benchWorld, callCounts } from "./bench_world.ts";

const SHAPE = { msps: 100, agreementsPerMsp: 20, orgsPerAgreement: 5, requestsPerMinute: 1_200 };

Deno.bench({
  name: "P2 month end: 100 MSPs x 100 mappings",
  n: 1,
  warmup: 0,
  async fn(b) {
    const world = await benchWorld(memoryStore(), {
      ...SHAPE,
      now: "2026-11-01T00:05:00Z",
      reportedAt: "2026-10-15T00:00:00Z",
    });
    try {
      const started = performance.now();
      b.start();
      const result = await finalizePeriod(world.deps, {
        period: "2026-10",
        owner: "bench",
        concurrency: 32,
      });
      b.end();
      const seconds = (performance.now() - started) / 1_000;
      const { calls, writes } = callCounts(world.sim);
      const changed = world.sim.state.additions.length; // every addition is new at this month end
      const perMsp = calls / SHAPE.msps;
      const lowerBound = perMsp / (SHAPE.requestsPerMinute / 60); // MSPs in parallel, each at its rate
      console.log(
        `P2 month end: ${result.mspsDone} MSPs, ${calls} calls, ${writes} writes for ${changed} changed additions ` +
          `(calls/changed ${(calls / changed).toFixed(2)}, writes/changed ${
            (writes / changed).toFixed(2)
          }); ` +
          `wall ${seconds.toFixed(1)} s vs lower bound ${lowerBound.toFixed(1)} s ` +
          `(${perMsp} calls per MSP at ${SHAPE.requestsPerMinute}/min), ratio ${
            (seconds / lowerBound).toFixed(2)
          }`,
      );
    } finally {
      await world.close();
    }
  },
});
