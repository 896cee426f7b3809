// P1 coalescing: ConnectWise writes for 1,000 reports on one organization (limit: 1).
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { reportUsage } from "../../application/usage/report_usage.ts";
import { drainSync } from "../../application/push/worker.ts";
import { benchWorld, callCounts } from "./bench_world.ts";

Deno.bench({
  name: "P1 coalescing: 1,000 reports on one organization",
  n: 1,
  warmup: 0,
  async fn(b) {
    const world = await benchWorld(memoryStore(), {
      msps: 1,
      agreementsPerMsp: 1,
      orgsPerAgreement: 1,
      requestsPerMinute: 6_000,
      now: "2026-11-20T12:00:00Z",
      reportedAt: "2026-11-20T11:00:00Z",
    });
    try {
      const { deps, clock, sim } = world;
      await drainSync(deps, { owner: "bench" }); // the addition exists before the burst
      sim.counters.reset();
      b.start();
      for (let i = 1; i <= 1_000; i++) {
        clock.advance(1);
        await reportUsage(deps, {
          mspId: "msp0",
          organizationId: "org-0-0",
          eventId: `burst-${i}`,
          occurredAt: clock.now(),
          licenses: 10 + (i % 50),
          servers: 0,
        });
      }
      clock.advance(2_000);
      await drainSync(deps, { owner: "bench" });
      b.end();
      const { writes } = callCounts(sim);
      console.log(
        `P1 coalescing: ${writes} ConnectWise write(s) for 1,000 reports (limit 1), ratio ${
          writes.toFixed(2)
        }`,
      );
    } finally {
      await world.close();
    }
  },
});
