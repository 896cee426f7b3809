// Engine cases on what a push costs in ConnectWise calls (the simulator's
// counters): one read of the agreement's additions per push, one write per
// changed addition, and at month end no second read for the new month's
// running figures. Run on both stores by engine_memory_test.ts and
// engine_postgres_test.ts.
import assert from "node:assert/strict";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { mappedOrganization } from "../../support/setup.ts";
import type { SimWorld } from "../../support/sim_world.ts";
import type { EngineCase } from "./engine_cases.ts";

const MSP = "msp-a";
const READ = "GET /finance/agreements/{id}/additions";
const POST = "POST /finance/agreements/{id}/additions";
const PATCH = "PATCH /finance/agreements/{id}/additions/{id}";
let seq = 0;

/** o1 (core: licenses and servers) and o2 (lite: licenses), both on agreement 1000. */
async function twoOrganizations(w: SimWorld) {
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await mappedOrganization(w, { id: "o2", planId: "lite" });
}

async function report(w: SimWorld, org: string, licenses: number, servers = 0) {
  await reportUsage(w.deps, {
    mspId: MSP,
    organizationId: org,
    eventId: `calls-${++seq}`,
    occurredAt: w.clock.now(),
    licenses,
    servers,
  });
}

/** Every call the simulator saw since the last reset, by key. */
function calls(w: SimWorld): Record<string, number> {
  return Object.fromEntries(w.sim.counters.attemptedCalls);
}

/** The quantities written (POST and PATCH answers), in order. */
function written(w: SimWorld): number[] {
  return w.sim.counters.requests
    .filter((r) => r.method !== "GET" && r.status !== undefined && r.status < 300)
    .map((r) => (r.answer as { quantity: number }).quantity);
}

/** The cases on call counts. */
export const callCountCases: EngineCase[] = [
  {
    name: "a push of an agreement with 3 changed lines costs 1 read and 3 writes",
    async body(w) {
      await twoOrganizations(w);
      await report(w, "o1", 5, 2);
      await report(w, "o2", 3);
      w.clock.advance(5_000);
      w.sim.counters.reset();
      await drainSync(w.deps, { owner: "test" });
      assert.deepEqual(calls(w), { [READ]: 1, [POST]: 3 }, "first push: 3 additions created");

      w.clock.advance(60_000);
      await report(w, "o1", 6, 3);
      await report(w, "o2", 4);
      w.clock.advance(5_000);
      w.sim.counters.reset();
      await drainSync(w.deps, { owner: "test" });
      assert.deepEqual(calls(w), { [READ]: 1, [PATCH]: 3 });
      assert.deepEqual(w.quantities(1000, 21), [6]);
      assert.deepEqual(w.quantities(1000, 22), [3]);
      assert.deepEqual(w.quantities(1000, 11), [4]);
    },
  },
  {
    name: "month end costs 1 read, the final writes and the running writes that differ from them",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      await twoOrganizations(w);
      await report(w, "o1", 5, 4);
      await report(w, "o2", 3);
      w.clock.advance(5_000);
      await drainSync(w.deps, { owner: "test" });
      // Later in November: o1 has 7 licenses and 1 server, not pushed before month end.
      w.clock.set("2026-11-25T00:00:00Z");
      await report(w, "o1", 7, 1);

      w.clock.set("2026-12-01T00:05:00Z");
      w.sim.counters.reset();
      const run = await finalizePeriod(w.deps, { period: "2026-11", owner: "finalize" });
      assert.equal(run.linesFailed, 0);
      // November bills its maxima (7 licenses, 4 servers, 3): one change, the licenses. December
      // runs on with 1 server: one more write, for the servers only; o2's 3 is written by neither.
      assert.deepEqual(calls(w), { [READ]: 1, [PATCH]: 2 });
      assert.deepEqual(written(w), [7, 1], "November's final 7, then December's running 1");
      const lines = await w.store.syncLines.forAgreement(MSP, 1000);
      assert.deepEqual(
        lines.map((l) => [l.productId, l.period, l.final, l.status, l.writtenQuantity])
          .toSorted((a, b) => Number(a[0]) - Number(b[0])),
        [[11, "2026-12", false, "in-sync", 3], [21, "2026-12", false, "in-sync", 7], [
          22,
          "2026-12",
          false,
          "in-sync",
          1,
        ]],
      );

      // The next push reads again (it knows nothing) and writes nothing.
      w.clock.advance(60_000);
      await report(w, "o2", 3);
      w.clock.advance(5_000);
      w.sim.counters.reset();
      await drainSync(w.deps, { owner: "test" });
      assert.deepEqual(calls(w), { [READ]: 1 });
    },
  },
];
