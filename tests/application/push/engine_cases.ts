// The sync engine's acceptance cases against the ConnectWise simulator, over
// HTTP with the real client, asserting the simulator's call counters; run on
// the memory store and on Postgres (engine_memory_test.ts, engine_postgres_test.ts).
import assert from "node:assert/strict";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { periodStatement } from "../../../application/views/period_reads.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { type SimWorld, simWorld } from "../../support/sim_world.ts";
import type { OpenStore } from "../ports/store_contract.ts";

const MSP = "msp-a";
const PATCH = "PATCH /finance/agreements/{id}/additions/{id}";
const POST = "POST /finance/agreements/{id}/additions";
let seq = 0;

function usage(org: string, at: Date | string, licenses: number, servers = 0, planId?: string) {
  return {
    mspId: MSP,
    organizationId: org,
    eventId: `s-${++seq}`,
    occurredAt: new Date(at),
    licenses,
    servers,
    planId,
  };
}

/** One engine case: a name, the clock's start and a body run on a connected, mapped world. */
export type EngineCase = { name: string; now?: string; body: (w: SimWorld) => Promise<void> };
type Case = EngineCase;
const cases: Case[] = [];
function engineCase(name: string, body: Case["body"], now?: string) {
  cases.push({ name, body, now });
}

/**
 * Runs every engine case (or those of `list`) as a step, each on a fresh
 * store from `open` and a fresh simulator.
 */
export async function engineSuite(
  t: Deno.TestContext,
  open: OpenStore,
  list: readonly EngineCase[] = cases,
): Promise<void> {
  for (const c of list) {
    await t.step(c.name, async () => {
      const { store, close } = await open();
      const w = await simWorld({ now: c.now, store });
      try {
        await connectAndMapProducts(w);
        await c.body(w);
      } finally {
        await w.close();
        await close();
      }
    });
  }
}

function settle(w: SimWorld) {
  w.clock.advance(5_000);
  return drainSync(w.deps, { owner: "test" });
}

engineCase(
  "1,000 reports for one organization within a second make at most 2 quantity writes, and the quantity is right",
  async (w) => {
    await mappedOrganization(w, { id: "o1", planId: "lite" });
    await reportUsage(w.deps, usage("o1", "2026-11-20T11:00:00Z", 1));
    await settle(w); // the addition exists: 1 create
    w.sim.counters.reset();
    let max = 0;
    for (let i = 0; i < 1_000; i++) {
      const licenses = (i * 37) % 500;
      max = Math.max(max, licenses);
      w.clock.advance(1); // 1,000 reports within one second
      await reportUsage(w.deps, usage("o1", w.clock.now(), licenses));
      if (i % 100 === 0) await drainSync(w.deps, { owner: "test" }); // a worker polling meanwhile
    }
    await settle(w);
    const writes = w.sim.counters.effective(PATCH) + w.sim.counters.effective(POST);
    assert.ok(writes >= 1 && writes <= 2, `writes: ${writes}`);
    assert.deepEqual(w.quantities(1000, 11), [max]);
  },
);

engineCase(
  "core -> premium mid-month: premium holds the month's max, core 0; Lite never gets a server addition",
  async (w) => {
    await mappedOrganization(w, { id: "o1", planId: "core" });
    await mappedOrganization(w, { id: "o2", planId: "lite", companyId: 200, agreementId: 2000 });
    await reportUsage(w.deps, usage("o1", "2026-11-03T00:00:00Z", 20, 3));
    await reportUsage(w.deps, usage("o2", "2026-11-03T00:00:00Z", 5, 4));
    await settle(w);
    await reportUsage(w.deps, usage("o1", "2026-11-15T00:00:00Z", 12, 1, "premium"));
    await settle(w);
    assert.deepEqual(w.quantities(1000, 31), [20]);
    assert.deepEqual(w.quantities(1000, 32), [3]);
    assert.deepEqual(w.quantities(1000, 21), [0]);
    assert.deepEqual(w.quantities(1000, 22), [0]);
    assert.deepEqual(
      w.sim.state.additions.filter((a) => a.agreementId === 2000).map((a) => a.product.id),
      [11],
    );
  },
);

engineCase(
  "an existing active addition is adopted (no create); two active candidates block the line and nothing is written",
  async (w) => {
    const add = (id: number, agreementId: number, cancelled = false) =>
      w.sim.state.additions.push({
        id,
        agreementId,
        product: { id: 11, identifier: "VPN-LITE" },
        quantity: 1,
        billCustomer: "Billable",
        cancelledDate: cancelled ? "2026-01-01T00:00:00Z" : null,
      });
    add(501, 1000);
    add(502, 1000, true);
    add(601, 2000);
    add(602, 2000);
    await mappedOrganization(w, { id: "o1", planId: "lite" });
    await mappedOrganization(w, { id: "o2", planId: "lite", companyId: 200, agreementId: 2000 });
    await reportUsage(w.deps, usage("o1", "2026-11-03T00:00:00Z", 8));
    await reportUsage(w.deps, usage("o2", "2026-11-03T00:00:00Z", 8));
    w.sim.counters.reset();
    await settle(w);
    assert.equal(w.sim.counters.attempted(POST), 0);
    assert.equal(w.sim.counters.effective(PATCH), 1);
    assert.equal(w.sim.state.additions.find((a) => a.id === 501)?.quantity, 8);
    assert.deepEqual(
      w.sim.state.additions.filter((a) => a.agreementId === 2000).map((a) => a.quantity),
      [1, 1],
    );
    const blocked = (await w.store.syncLines.list(MSP)).find((l) => l.agreementId === 2000);
    assert.equal(blocked?.status, "blocked");
  },
);

engineCase(
  "finalizing twice, and the schedule racing the endpoint, give identical statements with writes only in the first run",
  async (w) => {
    await mappedOrganization(w, { id: "o1", planId: "core" });
    await reportUsage(w.deps, usage("o1", "2026-10-02T00:00:00Z", 9, 2));
    w.clock.set("2026-10-30T00:00:00Z");
    await reportUsage(w.deps, usage("o1", "2026-10-29T00:00:00Z", 6, 1));
    w.clock.set("2026-11-01T00:05:00Z");
    w.sim.counters.reset();
    await Promise.all([
      finalizePeriod(w.deps, { period: "2026-10", owner: "cron" }),
      finalizePeriod(w.deps, { period: "2026-10", owner: "http" }),
    ]);
    const first = await periodStatement(w.deps, { mspId: MSP, period: "2026-10" });
    const writes = w.sim.counters.effective(PATCH) + w.sim.counters.effective(POST);
    assert.ok(writes > 0);
    assert.equal(w.sim.counters.effective(POST), 2, "one addition per product, never two");
    w.sim.counters.reset();
    await finalizePeriod(w.deps, { period: "2026-10", owner: "http" });
    assert.equal(w.sim.counters.effective(PATCH) + w.sim.counters.effective(POST), 0);
    assert.deepEqual(await periodStatement(w.deps, { mspId: MSP, period: "2026-10" }), first);
    assert.deepEqual(first.map((s) => [s.licenses, s.servers, s.final]), [[9, 2, true]]);
  },
  "2026-10-02T12:00:00Z",
);

engineCase(
  "a quantity changed by hand in ConnectWise is overwritten at the next sync and the drift is audited",
  async (w) => {
    await mappedOrganization(w, { id: "o1", planId: "lite" });
    await reportUsage(w.deps, usage("o1", "2026-11-03T00:00:00Z", 8));
    await settle(w);
    w.sim.state.additions[0].quantity = 80;
    await reportUsage(w.deps, usage("o1", "2026-11-04T00:00:00Z", 7));
    await settle(w);
    assert.deepEqual(w.quantities(1000, 11), [8]);
    const audit = await w.store.audit.list(MSP, { limit: 20 });
    const drift = audit.find((e) => e.action === "drift");
    assert.ok(drift, "drift recorded");
    assert.match(drift.message, /held 80/);
  },
);

engineCase(
  "with 20% injected 429/5xx, once the run settles every quantity is right and no addition was created twice",
  async (w) => {
    const orgs = Array.from({ length: 12 }, (_, i) => `org-${i}`);
    for (const [i, id] of orgs.entries()) {
      const [companyId, agreementId] = i % 2 === 0 ? [100, 1000] : [200, 2000];
      await mappedOrganization(w, {
        id,
        planId: i % 3 === 0 ? "lite" : "core",
        companyId,
        agreementId,
      });
    }
    for (let i = 0; i < 8; i++) w.sim.faults.enqueue({ status: i % 2 ? 500 : 429, retryAfter: 0 });
    w.sim.faults.setRate(0.2, { status: 503 }, { seed: 7 });
    const expected = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      for (const [i, id] of orgs.entries()) {
        const licenses = 1 + ((i * 7 + round * 3) % 11);
        const servers = (i + round) % 4;
        await reportUsage(w.deps, usage(id, `2026-11-0${round + 2}T00:00:00Z`, licenses, servers));
        const agreement = i % 2 === 0 ? 1000 : 2000;
        const [lic, srv] = i % 3 === 0 ? [11, null] : [21, 22];
        const add = (k: string, q: number) => expected.set(k, (expected.get(k) ?? 0) + q);
        if (round === 2) {
          // the month's max of each org over the three rounds
          const maxL = Math.max(...[0, 1, 2].map((r) => 1 + ((i * 7 + r * 3) % 11)));
          const maxS = Math.max(...[0, 1, 2].map((r) => (i + r) % 4));
          add(`${agreement}:${lic}`, maxL);
          if (srv) add(`${agreement}:${srv}`, maxS);
        }
      }
      await settle(w);
    }
    for (let i = 0; i < 30; i++) {
      w.clock.advance(3_600_000); // past every backoff
      await drainSync(w.deps, { owner: "test" });
    }
    w.sim.faults.clear();
    await settle(w);
    assert.ok(w.sim.faults.played > 0, "faults were injected");
    for (const [key, quantity] of expected) {
      const [agreementId, productId] = key.split(":").map(Number);
      assert.deepEqual(w.quantities(agreementId, productId), [quantity], key);
    }
    const perPair = new Map<string, number>();
    for (const a of w.sim.state.additions) {
      const k = `${a.agreementId}:${a.product.id}`;
      perPair.set(k, (perPair.get(k) ?? 0) + 1);
    }
    assert.ok([...perPair.values()].every((n) => n === 1), JSON.stringify([...perPair]));
    assert.ok((await w.store.syncLines.list(MSP)).every((l) => l.status === "in-sync"));
  },
);

engineCase(
  "a 403 on an addition write leaves the line failed with a reason naming Agreements add/edit",
  async (w) => {
    const member = w.sim.state.members[0];
    w.sim.state.members[0] = { ...member, writes: ["Product Catalog add"] };
    await mappedOrganization(w, { id: "o1", planId: "lite" });
    await reportUsage(w.deps, usage("o1", "2026-11-03T00:00:00Z", 8));
    await settle(w);
    const [line] = await w.store.syncLines.list(MSP);
    assert.equal(line.status, "failed");
    assert.match(line.reason ?? "", /"Agreements" add\/edit permission/);
    assert.equal(w.sim.state.additions.length, 0);
  },
);
