// Engine cases for DOMAIN.md "When ConnectWise invoices": the invoice the
// simulator makes (as ConnectWise does, at the moment the MSP runs agreement
// invoicing) carries each month's final, whatever day it is made; new
// additions are dated so they are neither refused nor prorated nor back-billed.
// Run on both stores by engine_memory_test.ts and engine_postgres_test.ts.
import assert from "node:assert/strict";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { refreshDueAgreements } from "../../../application/push/agreement_terms.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { syncNow } from "../../../application/push/sync_now.ts";
import { drainSync } from "../../../application/push/worker.ts";
import {
  MONTHLY,
  type SimAgreement,
  type SimInvoice,
} from "../../connectwise_simulator/sim_state.ts";
import { mappedOrganization } from "../../support/setup.ts";
import type { SimWorld } from "../../support/sim_world.ts";
import type { EngineCase } from "./engine_cases.ts";

const MSP = "msp-a";
const MINUTE = 60_000;
let seq = 0;

/** Agreement `id` in the simulator bills monthly from 2024, next invoice on `next`. */
export function invoicedMonthly(
  w: SimWorld,
  id: number,
  terms: Partial<SimAgreement> & { nextInvoiceDate: string },
): SimAgreement {
  const agreement = w.sim.state.agreements.find((a) => a.id === id)!;
  Object.assign(agreement, { ...MONTHLY, ...terms });
  return agreement;
}

/** Reports usage of `org` at `at` (the clock moves there first when it is behind). */
export async function report(
  w: SimWorld,
  org: string,
  at: string,
  licenses: number,
  fields: { servers?: number; planId?: string } = {},
) {
  if (w.clock.now() < new Date(at)) w.clock.set(at);
  await reportUsage(w.deps, {
    mspId: MSP,
    organizationId: org,
    eventId: `inv-${++seq}`,
    occurredAt: new Date(at),
    licenses,
    servers: fields.servers ?? 0,
    planId: fields.planId,
  });
}

/** Lets the worker push what is due (past the coalescing wait). */
export async function settle(w: SimWorld) {
  w.clock.advance(5_000);
  await drainSync(w.deps, { owner: "test" });
}

/** The next check of the agreements' invoice dates (they are due every 15 minutes), then a push. */
export async function nextCheck(w: SimWorld) {
  w.clock.advance(16 * MINUTE);
  const { failed } = await refreshDueAgreements(w.deps);
  assert.deepEqual(failed, []);
  await settle(w);
}

/** The month end the schedule runs on the 1st. */
export async function monthEnd(w: SimWorld, period: string, at: string) {
  w.clock.set(at);
  await finalizePeriod(w.deps, { period, owner: "cron" });
  await settle(w);
}

/** What an invoice bills per product: the sum of quantity x fraction. */
export function billed(invoice: SimInvoice): Record<number, number> {
  const out: Record<number, number> = {};
  for (const l of invoice.lines) {
    out[l.productId] = (out[l.productId] ?? 0) + l.quantity * l.fraction;
  }
  return out;
}

async function lines(w: SimWorld, agreementId = 1000) {
  return await w.store.syncLines.forAgreement(MSP, agreementId);
}

/** o1 (lite) on agreement 1000, invoiced monthly, next on 1 December, with a first report pushed. */
async function liteOnAgreement(w: SimWorld, licenses: number, at = "2026-11-20T12:00:00Z") {
  const agreement = invoicedMonthly(w, 1000, { nextInvoiceDate: "2026-12-01T00:00:00Z" });
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await report(w, "o1", at, licenses);
  await settle(w);
  return agreement;
}

/** November's final of o1 is 30 (it ended at 18), pushed at the month end. */
async function novemberFinal(w: SimWorld) {
  await liteOnAgreement(w, 12);
  await report(w, "o1", "2026-11-25T09:00:00Z", 30);
  await report(w, "o1", "2026-11-28T09:00:00Z", 18);
  await settle(w);
  await monthEnd(w, "2026-11", "2026-12-01T00:05:00Z");
}

/** November: o1 (lite) on agreement 1000 peaks at 30; December starts at 22. */
async function novemberPeak(w: SimWorld) {
  await novemberFinal(w);
  await report(w, "o1", "2026-12-01T08:00:00Z", 22);
  await settle(w);
  await nextCheck(w);
}

function invoiceOnDay(day: number): EngineCase {
  return {
    name: `the invoice run on December ${day} carries November's final (30), not December's 22`,
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      await novemberPeak(w);
      const held = await lines(w);
      assert.deepEqual(held.map((l) => [l.period, l.final, l.status, l.desiredQuantity]), [
        ["2026-11", true, "held", 30],
      ]);
      assert.equal(held[0].reason, "the 2026-11 final waits for the 2026-12 invoice");
      assert.deepEqual(w.quantities(1000, 11), [30], "December's running figure waits");
      w.clock.set(`2026-12-${String(day).padStart(2, "0")}T10:00:00Z`);
      await settle(w);
      const invoice = w.sim.invoice(1000);
      assert.equal(invoice.periodStart, "2026-12-01T00:00:00Z");
      assert.deepEqual(billed(invoice), { 11: 30 });
      await nextCheck(w);
      assert.deepEqual(
        w.quantities(1000, 11),
        [22],
        "after the invoice, December's running figure",
      );
      const after = await lines(w);
      assert.deepEqual(after.map((l) => [l.period, l.final, l.status]), [[
        "2026-12",
        false,
        "in-sync",
      ]]);
    },
  };
}

/** Cases of ConnectWise's invoicing. */
export const invoiceCases: EngineCase[] = [
  invoiceOnDay(1),
  invoiceOnDay(3),
  invoiceOnDay(10),
  {
    name:
      "a November downgrade from premium to core is invoiced as premium; core bills from December",
    now: "2026-11-05T12:00:00Z",
    async body(w) {
      invoicedMonthly(w, 1000, { nextInvoiceDate: "2026-12-01T00:00:00Z" });
      await mappedOrganization(w, { id: "o1", planId: "premium" });
      await report(w, "o1", "2026-11-05T12:00:00Z", 10, { servers: 2 });
      await settle(w);
      await report(w, "o1", "2026-11-20T12:00:00Z", 8, { servers: 1, planId: "core" });
      await settle(w);
      await monthEnd(w, "2026-11", "2026-12-01T00:05:00Z");
      await report(w, "o1", "2026-12-01T09:00:00Z", 9, { servers: 1 });
      await settle(w);
      w.clock.set("2026-12-03T09:00:00Z");
      const december = w.sim.invoice(1000);
      assert.deepEqual(billed(december), { 31: 10, 32: 2 }, "November bills premium, its max");
      await nextCheck(w);
      await monthEnd(w, "2026-12", "2027-01-01T00:05:00Z");
      w.clock.set("2027-01-03T09:00:00Z");
      const january = w.sim.invoice(1000);
      assert.deepEqual(billed(january), { 21: 9, 22: 1, 31: 0, 32: 0 }, "December bills core");
    },
  },
  {
    name:
      "new additions are dated to the next invoice: not refused without proration, not prorated nor back-billed with it",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      invoicedMonthly(w, 1000, { nextInvoiceDate: "2026-12-01T00:00:00Z", prorateFlag: true });
      invoicedMonthly(w, 2000, { nextInvoiceDate: "2026-12-01T00:00:00Z", prorateFlag: false });
      await mappedOrganization(w, { id: "o1", planId: "lite" });
      await mappedOrganization(w, { id: "o2", planId: "lite", companyId: 200, agreementId: 2000 });
      await report(w, "o1", "2026-11-20T12:00:00Z", 12);
      await report(w, "o2", "2026-11-20T12:00:00Z", 7);
      await settle(w);
      const dates = w.sim.state.additions.map((a) => [a.agreementId, a.effectiveDate]);
      assert.deepEqual(dates, [[1000, "2026-12-01T00:00:00Z"], [2000, "2026-12-01T00:00:00Z"]]);
      assert.ok((await lines(w, 2000)).every((l) => l.status === "in-sync"), "never refused");
      await monthEnd(w, "2026-11", "2026-12-01T00:05:00Z");
      w.clock.set("2026-12-03T09:00:00Z");
      const prorated = w.sim.invoice(1000);
      assert.deepEqual(prorated.lines.map((l) => [l.quantity, l.fraction, l.backBilled]), [
        [12, 1, false],
      ]);
      assert.deepEqual(billed(w.sim.invoice(2000)), { 11: 7 });
    },
  },
  {
    name:
      "an agreement invoiced before the final: nothing written into it, final-after-invoice audited, one attention, running goes on",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      await liteOnAgreement(w, 12);
      await report(w, "o1", "2026-11-30T20:00:00Z", 15); // not pushed before the invoice
      // Sydney invoices on the 1st, local time: 2026-11-30T23:00Z.
      w.clock.set("2026-11-30T23:00:00Z");
      const invoice = w.sim.invoice(1000);
      assert.deepEqual(billed(invoice), { 11: 12 });
      await nextCheck(w); // 23:16: the service sees the invoice was made
      w.sim.counters.reset();
      await monthEnd(w, "2026-11", "2026-12-01T00:05:00Z");
      await report(w, "o1", "2026-12-01T01:00:00Z", 9);
      await settle(w);
      const audit = await w.store.audit.list(MSP, { limit: 20 });
      const after = audit.filter((e) => e.action === "final-after-invoice");
      assert.deepEqual(after.map((e) => [e.productId, e.oldQuantity, e.newQuantity, e.period]), [
        [11, 12, 15, "2026-11"],
      ]);
      assert.match(after[0].message, /before the 2026-11 final reached ConnectWise: it billed 12/);
      const writes = w.sim.counters.of("PATCH /finance/agreements/{id}/additions/{id}")
        .map((r) => (r.body as { value: number }[])[0].value);
      assert.deepEqual(writes, [15], "December's running figure (15 carried), never a final");
      const events = (await w.store.outbox.due(new Date("2030-01-01"), 50))
        .filter((e) => e.type === "sync.attention" && e.payload.attention === "invoice");
      assert.equal(events.length, 1);
      assert.deepEqual(events[0].payload.products, [
        { productId: 11, additionId: w.sim.state.additions[0].id, invoiced: 12, final: 15 },
      ]);
      assert.deepEqual((await lines(w)).map((l) => [l.period, l.status]), [["2026-12", "in-sync"]]);
    },
  },
  {
    name: "an invoice run while the final push is in flight is flagged, never taken as carried",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      invoicedMonthly(w, 1000, { nextInvoiceDate: "2026-12-01T00:00:00Z" });
      await mappedOrganization(w, { id: "o1", planId: "core" });
      await report(w, "o1", "2026-11-20T12:00:00Z", 12, { servers: 1 });
      await settle(w);
      await report(w, "o1", "2026-11-29T12:00:00Z", 14, { servers: 3 });
      // The first PATCH of the final waits; the MSP invokes invoicing meanwhile.
      w.sim.faults.enqueue({ delayMs: 200 }, { method: "PATCH" });
      w.clock.set("2026-12-01T00:05:00Z");
      const running = finalizePeriod(w.deps, { period: "2026-11", owner: "cron" });
      while (w.sim.counters.attempted("PATCH /finance/agreements/{id}/additions/{id}") === 0) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const invoice = w.sim.invoice(1000);
      await running;
      await nextCheck(w);
      const audit = await w.store.audit.list(MSP, { limit: 30 });
      const flagged = audit.filter((e) => e.action === "final-after-invoice");
      // Each product the invoice does not carry at its final is flagged; none silently.
      const carried = billed(invoice);
      for (const [productId, final] of [[21, 14], [22, 3]]) {
        if (carried[productId] === final) continue;
        assert.ok(flagged.some((e) => e.productId === productId), `product ${productId} flagged`);
      }
      assert.ok(flagged.length > 0, "a write in flight is never taken as carried");
      assert.match(flagged[0].message, /while the 2026-11 final .* was being written/);
    },
  },
  {
    name: "once the final is held, later workers write nothing of December before the invoice",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      await novemberFinal(w);
      await report(w, "o1", "2026-12-01T01:00:00Z", 20);
      for (let i = 0; i < 3; i++) await nextCheck(w); // workers come and go; none writes December
      assert.deepEqual(w.quantities(1000, 11), [30]);
      w.clock.set("2026-12-04T09:00:00Z");
      assert.deepEqual(billed(w.sim.invoice(1000)), { 11: 30 });
      await nextCheck(w);
      assert.deepEqual(w.quantities(1000, 11), [20]);
    },
  },
  {
    name:
      "mapping a company whose agreement already bills an addition leaves it as it is until the organization reports",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      invoicedMonthly(w, 1000, { nextInvoiceDate: "2026-12-01T00:00:00Z" });
      w.sim.state.additions.push({
        id: 700,
        agreementId: 1000,
        product: { id: 11, identifier: "VPN-LITE" },
        quantity: 12,
        billCustomer: "Billable",
        cancelledDate: null,
        effectiveDate: "2025-01-01T00:00:00Z",
      });
      await mappedOrganization(w, { id: "o1", planId: "lite" });
      await settle(w);
      assert.deepEqual(w.quantities(1000, 11), [12], "the MSP's billing is not zeroed");
      const [waiting] = await lines(w);
      assert.deepEqual([waiting.status, waiting.additionId, waiting.writtenQuantity], [
        "waiting",
        700,
        null,
      ]);
      assert.match(waiting.reason ?? "", /keeps its quantity 12 until an organization .* reports/);
      await report(w, "o1", "2026-11-21T12:00:00Z", 5);
      await settle(w);
      assert.deepEqual(w.quantities(1000, 11), [5]);
      assert.equal((await lines(w))[0].status, "in-sync");
      const adopted = (await w.store.audit.list(MSP, { limit: 10 })).filter((e) =>
        e.action === "adopt"
      );
      assert.equal(adopted.length, 1, "adopted once");
    },
  },
  {
    name:
      "an agreement that stops being billable blocks its lines with the reason; nothing more is written to it",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      const agreement = await liteOnAgreement(w, 5);
      agreement.agreementStatus = "Expired";
      await nextCheck(w);
      w.sim.counters.reset();
      await report(w, "o1", "2026-11-21T12:00:00Z", 9);
      await settle(w);
      const [blocked] = await lines(w);
      assert.deepEqual([blocked.status, blocked.reason], [
        "blocked",
        "agreement 1000 is expired, not active",
      ]);
      assert.equal(w.sim.counters.attempted("PATCH /finance/agreements/{id}/additions/{id}"), 0);
      assert.deepEqual(w.quantities(1000, 11), [5]);
      const events = (await w.store.outbox.due(new Date("2030-01-01"), 50))
        .filter((e) => e.type === "sync.attention");
      assert.equal(events.length, 1, "the MSP hears of it once");
    },
  },
  {
    name:
      "an explicit sync reads the invoice dates again and corrects drift on a held final back to it",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      await novemberFinal(w);
      w.sim.state.additions[0].quantity = 50; // edited by hand
      w.clock.set("2026-12-02T10:00:00Z");
      w.sim.counters.reset();
      await syncNow(w.deps, { mspId: MSP, owner: "http" });
      assert.deepEqual(w.quantities(1000, 11), [30], "back to the held final");
      assert.equal(w.sim.counters.effective("GET /finance/agreements"), 1, "one bulk read");
      const drift = (await w.store.audit.list(MSP, { limit: 10 })).find((e) =>
        e.action === "drift"
      );
      assert.match(drift?.message ?? "", /held 50/);
      assert.equal((await lines(w))[0].status, "held");
      // The MSP invoices; an explicit sync releases December at once.
      w.clock.set("2026-12-03T09:00:00Z");
      assert.deepEqual(billed(w.sim.invoice(1000)), { 11: 30 });
      await syncNow(w.deps, { mspId: MSP, owner: "http" });
      assert.deepEqual(w.quantities(1000, 11), [18]);
    },
  },
  {
    name:
      "agreements mapped before their terms were kept are read in the round; one ConnectWise does not know is blocked naming it",
    now: "2026-11-20T12:00:00Z",
    async body(w) {
      invoicedMonthly(w, 1000, { nextInvoiceDate: "2026-12-01T00:00:00Z" });
      for (const [org, agreementId] of [["o1", 1000], ["o2", 4242]] as const) {
        await w.store.organizations.save(MSP, {
          id: org,
          name: org,
          planId: "lite",
          licenseType: "standard",
        });
        // As an older version mapped them: no terms stored.
        await w.store.companyMappings.save(MSP, {
          organizationId: org,
          companyId: 100,
          agreementId,
        });
        await report(w, org, "2026-11-20T12:00:00Z", 4);
      }
      w.sim.counters.reset();
      await settle(w);
      assert.equal(w.sim.counters.effective("GET /finance/agreements"), 1, "one bulk read");
      assert.deepEqual(w.quantities(1000, 11), [4]);
      assert.equal((await w.store.agreements.get(MSP, [1000])).length, 1, "kept from now on");
      const [unknown] = await lines(w, 4242);
      assert.deepEqual([unknown.status, unknown.reason], [
        "blocked",
        "agreement 4242 was not found in ConnectWise (deleted, or not visible to the API member)",
      ]);
    },
  },
];
