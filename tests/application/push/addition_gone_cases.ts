// Engine cases for DOMAIN.md's rule on an owned addition cancelled or deleted
// in ConnectWise: the line is blocked naming it, audited once, nothing is
// written (the simulator's counters) until the MSP resumes the line; then
// the next push adopts a single active addition or creates one. Run on both
// stores by engine_memory_test.ts and engine_postgres_test.ts.
import assert from "node:assert/strict";
import { resumeLine } from "../../../application/lines/resume_line.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { mappedOrganization, reportAndPush } from "../../support/setup.ts";
import type { SimWorld } from "../../support/sim_world.ts";
import type { EngineCase } from "./engine_cases.ts";

const MSP = "msp-a";
const WRITES = [
  "POST /finance/agreements/{id}/additions",
  "PATCH /finance/agreements/{id}/additions/{id}",
];
const LINE = { mspId: MSP, agreementId: 1000, productId: 11 };

/** o1 (lite) mapped to agreement 1000, 8 licenses pushed: the service owns one addition. */
async function owningOne(w: SimWorld): Promise<number> {
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportAndPush(w, 8);
  const [owned] = w.sim.state.additions;
  assert.deepEqual([owned.agreementId, owned.product.id, owned.quantity], [1000, 11, 8]);
  return owned.id;
}

const writes = (w: SimWorld) => WRITES.reduce((n, k) => n + w.sim.counters.attempted(k), 0);

async function line(w: SimWorld) {
  const lines = await w.store.syncLines.forAgreement(MSP, 1000);
  return lines.find((l) => l.productId === 11)!;
}

async function goneEntries(w: SimWorld) {
  return (await w.store.audit.list(MSP, { limit: 50 })).filter((e) => e.action === "addition-gone");
}

/** Pushes twice more (a higher count, then a new month) and checks nothing is written. */
async function staysBlocked(w: SimWorld, reason: string) {
  w.sim.counters.reset();
  await reportAndPush(w, 9);
  await reportAndPush(w, 12);
  w.clock.set("2026-12-01T00:10:00Z"); // the month ends: final figures, then December's
  await reportAndPush(w, 15); // December's maximum: 15 (it starts at November's last count, 12)
  assert.equal(writes(w), 0, "nothing written before the resume");
  const blocked = await line(w);
  assert.deepEqual([blocked.status, blocked.reason], ["blocked", reason]);
  const audited = await goneEntries(w);
  assert.equal(audited.length, 1, "audited once, not at every push");
  assert.match(audited[0].message, new RegExp(`^${reason}`));
}

/** Cases on an owned addition that was cancelled or deleted in ConnectWise. */
export const additionGoneCases: EngineCase[] = [
  {
    name:
      "an owned addition cancelled in ConnectWise blocks its line; after the resume one is created",
    async body(w) {
      const id = await owningOne(w);
      w.sim.state.additions[0].cancelledDate = "2026-11-20T13:00:00Z";
      await staysBlocked(w, `addition ${id} was cancelled in ConnectWise`);
      await resumeLine(w.deps, LINE);
      w.clock.advance(5_000);
      await drainSync(w.deps, { owner: "test" });
      assert.equal(w.sim.counters.effective(WRITES[0]), 1, "one addition created");
      assert.deepEqual(w.quantities(1000, 11), [15]);
      const resumed = await line(w);
      assert.deepEqual([resumed.status, resumed.writtenQuantity], ["in-sync", 15]);
      assert.notEqual(resumed.additionId, id);
    },
  },
  {
    name:
      "an owned addition deleted in ConnectWise blocks its line; after the resume one is created",
    async body(w) {
      const id = await owningOne(w);
      w.sim.state.additions.splice(0, 1);
      await staysBlocked(w, `addition ${id} was deleted in ConnectWise`);
      await resumeLine(w.deps, LINE);
      w.clock.advance(5_000);
      await drainSync(w.deps, { owner: "test" });
      assert.equal(w.sim.counters.effective(WRITES[0]), 1, "one addition created");
      assert.deepEqual(w.quantities(1000, 11), [15]);
    },
  },
  {
    name:
      "an owned addition cancelled while another is active: neither adopted nor written until the resume, then adopted",
    async body(w) {
      const id = await owningOne(w);
      w.sim.state.additions[0].cancelledDate = "2026-11-20T13:00:00Z";
      w.sim.state.additions.push({
        id: 9_001,
        agreementId: 1000,
        product: { id: 11, identifier: "VPN-LITE" },
        quantity: 1,
        billCustomer: "Billable",
        cancelledDate: null,
      });
      await staysBlocked(w, `addition ${id} was cancelled in ConnectWise`);
      assert.deepEqual(w.quantities(1000, 11), [1], "the other addition is untouched");
      await resumeLine(w.deps, LINE);
      w.clock.advance(5_000);
      await drainSync(w.deps, { owner: "test" });
      assert.equal(w.sim.counters.attempted(WRITES[0]), 0, "adopted, not created");
      assert.deepEqual(w.quantities(1000, 11), [15]);
      assert.equal((await line(w)).additionId, 9_001);
      const audit = await w.store.audit.list(MSP, { limit: 5 });
      assert.ok(audit.some((e) => e.action === "adopt" && e.additionId === 9_001));
    },
  },
];
