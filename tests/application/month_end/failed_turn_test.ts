// A month end whose MSP fails on its first agreement: the failed one waits
// with backoff, counted; the MSP's other agreements, claimed with it, are
// released untried, still due and uncounted, for the sync loop.
import assert from "node:assert/strict";
import { DEFAULT_SETTINGS, type Deps } from "../../../application/ports/deps.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { memoryStore } from "../../../adapters/memory/memory_store.ts";
import { serveSimulator } from "../../connectwise_simulator/simulator.ts";
import { FixedClock } from "../../support/fixed_clock.ts";
import { CREDENTIALS, PLANS } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { simulatorSeed } from "../../support/sim_world.ts";
import { fakeClock } from "../../support/timers.ts";

Deno.test("month end: an MSP's first failed agreement ends its turn; the others are released, still due", async () => {
  const sim = serveSimulator({ seed: simulatorSeed() });
  const clock = new FixedClock("2026-11-20T12:00:00Z");
  const store = memoryStore();
  let n = 0;
  const deps: Deps = {
    store,
    connectWise: createConnectWiseClient({
      clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
      allowlist: [sim.hostPort],
      requestsPerMinute: 600_000,
      ...fakeClock(), // the backoff's waits move the client's clock on, no real sleep
      backoffBaseMs: 2,
      backoffCapMs: 10,
      deadlineMs: 100, // 503s until the call gives up, retryable
    }),
    clock,
    newId: () => `id-${++n}`,
    settings: { ...DEFAULT_SETTINGS, hostAllowlist: [sim.hostPort] },
  };
  try {
    for (const plan of PLANS) await store.plans.save(plan);
    await connectAndMapProducts(
      { deps, credentials: { ...CREDENTIALS, siteUrl: sim.url } },
      "msp-a",
    );
    for (const [id, companyId, agreementId] of [["o1", 100, 1000], ["o2", 200, 2000]] as const) {
      await mappedOrganization({ deps }, {
        mspId: "msp-a",
        id,
        companyId,
        agreementId,
        planId: "core",
      });
      await reportUsage(deps, {
        mspId: "msp-a",
        organizationId: id,
        eventId: `${id}-e1`,
        occurredAt: clock.now(),
        licenses: 6,
        servers: 2,
      });
    }
    const read = { method: "GET", template: "/finance/agreements/{id}/additions" };
    sim.faults.setRate(1, { status: 503 }, { match: read });

    clock.set("2026-12-01T00:05:00Z");
    const run = await finalizePeriod(deps, { period: "2026-11", owner: "finalize" });
    assert.equal(run.linesFailed, 2, "agreement 1000's two lines");
    const lines = (await store.syncLines.list("msp-a")).map((l) =>
      `${l.agreementId} ${l.period} ${l.final} ${l.status}`
    );
    assert.deepEqual(lines, ["1000 2026-11 true pending", "1000 2026-11 true pending"]);
    // Agreement 2000 was not tried: free now, attempts untouched; 1000 waits with backoff.
    const lease = { leaseMs: 60 * 60_000, limit: 10 };
    const claimed = async (now: Date) =>
      (await store.syncQueue.claim("loop", { now, ...lease })).map((
        c,
      ) => [c.agreementId, c.attempts]);
    assert.deepEqual(await claimed(clock.now()), [[2000, 0]]);
    const later = new Date(clock.now().getTime() + 10 * 60_000);
    assert.deepEqual(await claimed(later), [[1000, 1]]);
  } finally {
    await sim.close();
  }
});
