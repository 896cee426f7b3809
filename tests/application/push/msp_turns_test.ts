// Issue 25, item 1: the sync loop's turns. One MSP's site hangs: its turn holds
// one slot while the other MSPs' reports, even those that arrive during the
// hang, are pushed; an MSP whose site's breaker is open gets no turn at all.
// Asserted by the order of events, never by time.
import assert from "node:assert/strict";
import { DEFAULT_SETTINGS, type Deps } from "../../../application/ports/deps.ts";
import type { ConnectWise } from "../../../application/ports/connectwise.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { mspTurns } from "../../../application/push/msp_turns.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { connectWiseClients } from "../../../adapters/connectwise/connectwise_client.ts";
import { memoryStore } from "../../../adapters/memory/memory_store.ts";
import { serveSimulator } from "../../connectwise_simulator/simulator.ts";
import { FixedClock } from "../../support/fixed_clock.ts";
import { CREDENTIALS, PLANS } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { simulatorSeed } from "../../support/sim_world.ts";

const READ = { method: "GET", template: "/finance/agreements/{id}/additions" };

/** A wait the test ends: the hanging site's requests, released in `finally`. */
function heldSleep() {
  const waits: (() => void)[] = [];
  let arrived: () => void = () => {};
  const first = new Promise<void>((resolve) => arrived = resolve);
  return {
    sleep: () => new Promise<void>((resolve) => (waits.push(resolve), arrived())),
    /** Resolves once a request is being held. */
    first,
    release: () => waits.splice(0).forEach((resolve) => resolve()),
  };
}

/** `connectWise`, noting in `events` when an MSP's read of additions answers. */
function noting(connectWise: ConnectWise, events: string[]): ConnectWise {
  return {
    ...connectWise,
    probe: (credentials) => connectWise.probe(credentials),
    session(connection) {
      const session = connectWise.session(connection);
      const list = (agreementId: number) =>
        session.additions.list(agreementId).then((rows) => {
          events.push(`${connection.mspId} read`);
          return rows;
        });
      return { ...session, additions: { ...session.additions, list } };
    },
  };
}

async function threeMsps() {
  const hold = heldSleep();
  const healthy = serveSimulator({ seed: simulatorSeed() });
  const hanging = serveSimulator({ seed: simulatorSeed(), sleep: hold.sleep });
  const clock = new FixedClock("2026-11-20T12:00:00Z");
  const allowlist = [healthy.hostPort, hanging.hostPort];
  const clients = connectWiseClients({
    clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
    allowlist,
    requestsPerMinute: 600_000,
    backgroundTimeoutMs: 120_000, // the hang is ended by the test, never cut
  });
  const events: string[] = [];
  const store = memoryStore();
  let n = 0;
  const deps: Deps = {
    store,
    connectWise: noting(clients.background, events),
    clock,
    newId: () => `id-${++n}`,
    settings: { ...DEFAULT_SETTINGS, hostAllowlist: allowlist },
  };
  for (const plan of PLANS) await store.plans.save(plan);
  const msps = [
    { mspId: "msp-a", site: hanging, companyId: 100, agreementId: 1000 },
    { mspId: "msp-b", site: healthy, companyId: 100, agreementId: 1000 },
    { mspId: "msp-c", site: healthy, companyId: 200, agreementId: 2000 },
  ];
  for (const m of msps) {
    await connectAndMapProducts(
      { deps, credentials: { ...CREDENTIALS, siteUrl: m.site.url } },
      m.mspId,
    );
    await mappedOrganization({ deps }, { ...m, id: `${m.mspId}-o1`, planId: "core" });
  }
  // What connecting and mapping marked dirty is pushed before the test begins.
  clock.advance(2_000);
  await drainSync(deps, { owner: "setup" });
  events.length = 0;
  hanging.counters.reset();
  const report = (mspId: string, licenses: number) =>
    reportUsage(deps, {
      mspId,
      organizationId: `${mspId}-o1`,
      eventId: `${mspId}-${licenses}`,
      occurredAt: clock.now(),
      licenses,
      servers: 1,
    });
  return {
    deps,
    clock,
    events,
    hold,
    healthy,
    hanging,
    report,
    async close() {
      hold.release();
      await healthy.close();
      await hanging.close();
    },
  };
}

Deno.test("sync loop: an MSP whose site hangs holds one slot; reports of other MSPs made during the hang are pushed", async () => {
  const w = await threeMsps();
  const done = new Map<string, () => void>();
  const turned = (mspId: string) => new Promise<void>((resolve) => done.set(mspId, resolve));
  const turns = mspTurns(w.deps, {
    owner: "loop",
    slots: 2,
    onTurn: (mspId) => (w.events.push(`${mspId} turn over`), done.get(mspId)?.()),
  });
  try {
    w.hanging.faults.setRate(1, { delayMs: 60_000 }, { match: READ });
    await w.report("msp-a", 6);
    w.clock.advance(2_000);
    assert.equal(await turns.fill(), 1);
    await w.hold.first; // msp-a's read of additions now hangs at its site

    // Reports of msp-b and msp-c come while msp-a's turn waits.
    await w.report("msp-b", 4);
    await w.report("msp-c", 5);
    w.clock.advance(2_000);
    const b = turned("msp-b");
    assert.equal(await turns.fill(), 1, "one slot was free: msp-b's turn");
    await b;
    const c = turned("msp-c");
    assert.equal(await turns.fill(), 1, "msp-b's slot is free again: msp-c's turn");
    await c;
    assert.deepEqual(turns.running(), ["msp-a"]);
    assert.deepEqual(w.events, ["msp-b read", "msp-b turn over", "msp-c read", "msp-c turn over"]);
    const written = w.healthy.state.additions.map((a) => [a.agreementId, a.quantity]).toSorted();
    assert.deepEqual(written, [[1000, 1], [1000, 4], [2000, 1], [2000, 5]]);
    assert.equal(w.hanging.state.additions.length, 0);

    // The site answers at last: msp-a's turn ends, writing what was reported.
    w.hanging.faults.clear();
    w.hold.release();
    await turns.drain();
    assert.deepEqual(w.events.slice(4), ["msp-a read", "msp-a turn over"]);
    assert.deepEqual(w.hanging.state.additions.map((a) => a.quantity).toSorted(), [1, 6]);
  } finally {
    await w.close();
  }
});

Deno.test("sync loop: an MSP whose site's breaker is open gets no turn until the breaker's retry time", async () => {
  const w = await threeMsps();
  const breaker = {
    state: "open" as const,
    failures: 3,
    retryAt: new Date("2026-11-20T12:05:00Z"),
  };
  const connectWise: ConnectWise = {
    ...w.deps.connectWise,
    breaker: (siteUrl) =>
      siteUrl === w.hanging.url && w.deps.clock.now() < breaker.retryAt
        ? breaker
        : { state: "closed", failures: 0, retryAt: null },
  };
  const deps = { ...w.deps, connectWise };
  const turns = mspTurns(deps, { owner: "loop", slots: 3 });
  try {
    await w.report("msp-a", 6);
    await w.report("msp-b", 4);
    w.clock.advance(2_000);
    assert.equal(await turns.fill(), 2, "msp-a and msp-b are due");
    await turns.drain();
    assert.equal(w.hanging.counters.requests.length, 0, "nothing was sent to msp-a's site");
    assert.deepEqual(w.events, ["msp-b read"]);
    assert.equal(await turns.fill(), 0, "msp-a stays paused, still due");
    assert.deepEqual(
      await w.deps.store.syncQueue.dueMsps({ now: w.clock.now(), limit: 5, excluding: [] }),
      ["msp-a"],
    );
    w.clock.set("2026-11-20T12:05:00Z");
    assert.equal(await turns.fill(), 1);
    await turns.drain();
    assert.deepEqual(w.events, ["msp-b read", "msp-a read"]);
    assert.deepEqual(w.hanging.state.additions.map((a) => a.quantity).toSorted(), [1, 6]);
  } finally {
    await w.close();
  }
});
