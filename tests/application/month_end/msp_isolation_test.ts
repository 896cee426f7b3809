// Month end with one MSP whose ConnectWise site hangs (every read of additions is held until the
// test lets it go, and the client's exchange timeouts fire when the test says): the other MSPs'
// month end completes while the hanging call still waits, the hanging MSP's lines are left
// pending and retried later, never taken for done.
import assert from "node:assert/strict";
import { DEFAULT_SETTINGS, type Deps } from "../../../application/ports/deps.ts";
import type { ConnectWise } from "../../../application/ports/connectwise.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { memoryStore } from "../../../adapters/memory/memory_store.ts";
import { serveSimulator } from "../../connectwise_simulator/simulator.ts";
import { FixedClock } from "../../support/fixed_clock.ts";
import { CREDENTIALS, PLANS } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { simulatorSeed } from "../../support/sim_world.ts";
import { fakeClock, handTimeouts } from "../../support/timers.ts";

const HANG_MS = 30_000;
/** Only a hang guard: the timeouts fire when the others are done, long before this. */
const GUARD_MS = 20_000;

/** `connectWise`, noting in `events` when an MSP's read of additions answers or fails. */
function noting(connectWise: ConnectWise, events: string[]): ConnectWise {
  return {
    probe: (credentials) => connectWise.probe(credentials),
    session(connection) {
      const session = connectWise.session(connection);
      const list = (agreementId: number) =>
        session.additions.list(agreementId).then(
          (rows) => (events.push(`${connection.mspId} read`), rows),
          (error) => {
            events.push(`${connection.mspId} cut`);
            throw error;
          },
        );
      return { ...session, additions: { ...session.additions, list } };
    },
  };
}

Deno.test("month end: an MSP whose site hangs holds one slot; the others finish first", async () => {
  const hang = handTimeouts();
  const healthy = serveSimulator({ seed: simulatorSeed() });
  const hanging = serveSimulator({ seed: simulatorSeed(), sleep: hang.hold });
  const events: string[] = [];
  const clock = new FixedClock("2026-11-20T12:00:00Z");
  const client = createConnectWiseClient({
    clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
    allowlist: [healthy.hostPort, hanging.hostPort],
    requestsPerMinute: 600_000,
    ...fakeClock(),
    backoffBaseMs: 2,
    backoffCapMs: 20,
    timeoutMs: 1_000, // per exchange: the 30 s hang is cut
    timeoutSignal: hang.timeoutSignal,
    deadlineMs: 100, // per call, retries included
  });
  const store = memoryStore();
  let n = 0;
  const deps: Deps = {
    store,
    connectWise: noting(client, events),
    clock,
    newId: () => `id-${++n}`,
    settings: {
      ...DEFAULT_SETTINGS,
      hostAllowlist: [healthy.hostPort, hanging.hostPort],
      coalesceMs: 1_000,
    },
  };
  try {
    for (const plan of PLANS) await store.plans.save(plan);
    // msp-a's site hangs; msp-b and msp-c share a healthy one (different agreements).
    const msps = [
      { mspId: "msp-a", site: hanging, companyId: 100, agreementId: 1000 },
      { mspId: "msp-b", site: healthy, companyId: 100, agreementId: 1000 },
      { mspId: "msp-c", site: healthy, companyId: 200, agreementId: 2000 },
    ];
    for (const m of msps) {
      const credentials = { ...CREDENTIALS, siteUrl: m.site.url };
      await connectAndMapProducts({ deps, credentials }, m.mspId);
      await mappedOrganization({ deps }, { ...m, id: `${m.mspId}-o1`, planId: "core" });
      await reportUsage(deps, {
        mspId: m.mspId,
        organizationId: `${m.mspId}-o1`,
        eventId: `${m.mspId}-e1`,
        occurredAt: clock.now(),
        licenses: 6,
        servers: 2,
      });
    }
    const read = { method: "GET", template: "/finance/agreements/{id}/additions" };
    hanging.faults.setRate(1, { delayMs: HANG_MS }, { match: read });

    clock.set("2026-12-01T00:05:00Z");
    // msp-a's read is cut only once the other two are done; were they held up behind it, the
    // guard would cut it first and the order below would fail.
    const guard = setTimeout(() => hang.cutAll(), GUARD_MS);
    const run = await finalizePeriod(deps, {
      period: "2026-11",
      owner: "finalize",
      concurrency: 2,
      onProgress: (p) => {
        events.push(`done ${p.mspsDone}/${p.mspsTotal}`);
        if (p.mspsDone === 2) hang.cutAll();
      },
    }).finally(() => clearTimeout(guard));
    // msp-a took slot 0 first; msp-b and msp-c went through slot 1 meanwhile.
    assert.deepEqual(events, [
      "msp-b read",
      "done 1/3",
      "msp-c read",
      "done 2/3",
      "msp-a cut",
      "done 3/3",
      "done 3/3",
    ]);
    assert.equal(run.linesFailed, 2, "msp-a's two lines");
    const healthyQuantities = healthy.state.additions.map((a) => [a.agreementId, a.quantity]);
    assert.deepEqual(healthyQuantities.toSorted(), [[1000, 2], [1000, 6], [2000, 2], [2000, 6]]);
    const lines = async (mspId: string) =>
      (await store.syncLines.list(mspId)).map((l) => `${l.period} ${l.final} ${l.status}`);
    assert.deepEqual(await lines("msp-b"), ["2026-12 false in-sync", "2026-12 false in-sync"]);
    assert.deepEqual(await lines("msp-a"), ["2026-11 true pending", "2026-11 true pending"]);
    assert.equal(hanging.state.additions.length, 0, "nothing written where nothing was read");

    // The site recovers; the sync loop's retry, after the backoff, pushes November then December.
    hanging.faults.clear();
    hang.stopCutting();
    hang.release();
    clock.advance(10 * 60_000);
    await drainSync(deps, { owner: "loop" });
    assert.deepEqual(await lines("msp-a"), ["2026-12 false in-sync", "2026-12 false in-sync"]);
    assert.deepEqual(hanging.state.additions.map((a) => a.quantity).toSorted(), [2, 6]);
  } finally {
    hang.release();
    await healthy.close();
    await hanging.close();
  }
});
