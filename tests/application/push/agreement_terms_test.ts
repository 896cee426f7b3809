import assert from "node:assert/strict";
import { refreshDueAgreements } from "../../../application/push/agreement_terms.ts";
import { observeNextInvoice } from "../../../domain/invoice_timing.ts";
import { connectAndMapProducts } from "../../support/setup.ts";
import { simWorld } from "../../support/sim_world.ts";
import { agreement } from "../../support/terms.ts";
import { simAgreement } from "../../support/simulator_seed.ts";

const MSP = "msp-a";

Deno.test("agreement terms: due agreements are read again in bulk, one paged call per 200, with a field list; changed ones are queued", async () => {
  const w = await simWorld({ now: "2026-12-03T10:00:00Z" });
  try {
    await connectAndMapProducts(w);
    const ids = Array.from({ length: 450 }, (_, i) => 50_000 + i);
    const read = new Date("2026-12-03T09:40:00Z");
    for (const id of ids) {
      const terms = agreement({
        id,
        name: `MSA ${id}`,
        companyId: 100,
        nextInvoiceDate: new Date("2026-12-01T00:00:00Z"),
      });
      // ConnectWise invoiced the even ones since the last read.
      const now = id % 2 === 0
        ? { ...terms, nextInvoiceDate: new Date("2027-01-01T00:00:00Z") }
        : terms;
      w.sim.state.agreements.push(simAgreement(now));
      await w.store.companyMappings.save(MSP, {
        organizationId: `o${id}`,
        companyId: 100,
        agreementId: id,
      });
      const { type: _, ...only } = terms;
      await w.store.agreements.save(MSP, [{
        terms: only,
        watch: observeNextInvoice(null, only.nextInvoiceDate, read),
      }], new Date("2026-12-03T09:55:00Z"));
    }
    w.sim.counters.reset();
    const result = await refreshDueAgreements(w.deps);
    assert.deepEqual(result, { read: 450, failed: [] });
    const calls = w.sim.counters.of("GET /finance/agreements");
    assert.equal(calls.length, 3, "450 agreements: three calls, never one per agreement");
    for (const c of calls) {
      assert.match(c.query.fields ?? "", /nextInvoiceDate/);
      const listed = (c.query.conditions ?? "").match(/\d+/g) ?? [];
      assert.ok(listed.length <= 200, `${listed.length} ids in one call`);
    }
    const records = await w.store.agreements.get(MSP, ids);
    const moved = records.filter((r) => r.watch.previous !== null).map((r) => r.terms.id);
    assert.deepEqual(
      moved.sort(),
      ids.filter((id) => id % 2 === 0),
      "the invoice dates that moved",
    );
    const backlog = await w.store.syncQueue.backlog();
    assert.equal(backlog.dirty, 225, "the agreements invoiced since are queued for a push");
    w.sim.counters.reset();
    assert.deepEqual(
      await refreshDueAgreements(w.deps),
      { read: 0, failed: [] },
      "not due again yet",
    );
    assert.equal(w.sim.counters.of("GET /finance/agreements").length, 0);
  } finally {
    await w.close();
  }
});
