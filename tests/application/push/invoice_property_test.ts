// The invoice property of DOMAIN.md "When ConnectWise invoices": over random
// months of usage and random invoice days, what the simulator's invoices bill
// per product (quantity x fraction) adds up to the monthly finals, and no
// month is billed twice. Where an invoice was made before (or while) its final
// reached ConnectWise, the difference is never silent: an audit entry
// `final-after-invoice` names the month and product.
import assert from "node:assert/strict";
import fc from "fast-check";
import { periodEnd } from "../../../domain/period.ts";
import type { Store } from "../../../application/ports/store.ts";
import { withPostgres } from "../../support/store_fixture.ts";
import type { OpenStore } from "../ports/store_contract.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { type SimWorld, simWorld } from "../../support/sim_world.ts";
import { memoryStore } from "../../../adapters/memory/memory_store.ts";
import { invoicedMonthly, monthEnd, nextCheck, report, settle } from "./invoice_cases.ts";

const MONTHS = ["2026-11", "2026-12", "2027-01"];
const HOUR = 3_600_000;
const PRODUCTS = { lite: [11, null], core: [21, 22] } as const;

interface Report {
  readonly month: number;
  readonly at: number; // hours into the month
  readonly licenses: number;
  readonly servers: number;
  readonly planId?: "lite" | "core";
}

const reportArb: fc.Arbitrary<Report> = fc.record({
  month: fc.integer({ min: 0, max: MONTHS.length - 1 }),
  at: fc.integer({ min: 1, max: 27 * 24 }),
  licenses: fc.nat({ max: 40 }),
  servers: fc.nat({ max: 5 }),
  planId: fc.option(fc.constantFrom("lite" as const, "core" as const), { nil: undefined }),
});

/** Per month: hours after (or, negative, before) the month end the MSP invoices it. */
const invoiceAt = (early: boolean) =>
  early
    ? fc.oneof(fc.integer({ min: -3, max: -1 }), fc.integer({ min: 1, max: 9 * 24 }))
    : fc.integer({ min: 1, max: 9 * 24 }); // after the check that follows the final

const scenario = (early: boolean) =>
  fc.record({
    reports: fc.array(reportArb, { minLength: 1, maxLength: 8 }),
    invoices: fc.tuple(...MONTHS.map(() => invoiceAt(early))),
    prorate: fc.boolean(),
  });

interface Scenario {
  readonly reports: readonly Report[];
  readonly invoices: readonly number[];
  readonly prorate: boolean;
}

type Event = { at: number; run: (w: SimWorld) => Promise<void> };

/** Plays one scenario; answers what each invoice billed and the finals, per month and product. */
async function play(store: Store, s: Scenario) {
  const w = await simWorld({ now: "2026-11-01T00:00:00Z", store });
  try {
    await connectAndMapProducts(w);
    invoicedMonthly(w, 1000, { nextInvoiceDate: "2026-11-01T00:00:00Z", prorateFlag: s.prorate });
    w.clock.set("2026-11-01T00:00:30Z");
    w.sim.invoice(1000); // the MSP's October invoice: November may be written from now on
    await mappedOrganization(w, { id: "o1", planId: "core" });
    const events: Event[] = [];
    for (const r of s.reports) {
      const at = Date.parse(`${MONTHS[r.month]}-01T00:00:00Z`) + r.at * HOUR;
      events.push({
        at,
        run: async (w) => {
          await report(w, "o1", new Date(at).toISOString(), r.licenses, r);
          await settle(w);
        },
      });
    }
    MONTHS.forEach((month, i) => {
      const end = periodEnd(month).getTime();
      const closing = new Date(end + 5 * 60_000).toISOString();
      events.push({ at: end + 5 * 60_000, run: (w) => monthEnd(w, month, closing) });
      // The service's own check of the invoice dates after the month end.
      events.push({ at: end + 20 * 60_000, run: (w) => nextCheck(w) });
      const invoiceTime = end + s.invoices[i] * HOUR;
      events.push({
        at: invoiceTime,
        run: async (w) => {
          w.clock.set(new Date(invoiceTime));
          w.sim.invoice(1000);
          await nextCheck(w);
        },
      });
    });
    for (const e of events.sort((a, b) => a.at - b.at)) {
      if (w.clock.now().getTime() < e.at) w.clock.set(new Date(e.at));
      await e.run(w);
    }
    const finals = new Map<string, number>();
    for (const month of MONTHS) {
      for (const st of await w.store.statements.list("msp-a", month)) {
        const [license, server] = PRODUCTS[st.planId as "lite" | "core"];
        finals.set(`${month}:${license}`, (finals.get(`${month}:${license}`) ?? 0) + st.licenses);
        if (server) {
          finals.set(`${month}:${server}`, (finals.get(`${month}:${server}`) ?? 0) + st.servers);
        }
      }
    }
    const audits = (await w.store.audit.list("msp-a", { limit: 500 }))
      .filter((e) => e.action === "final-after-invoice");
    return { invoices: w.sim.state.invoices, finals, audits };
  } finally {
    await w.close();
  }
}

const monthOf = (periodStart: string) => {
  const d = new Date(periodStart);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

function checkInvoices(result: Awaited<ReturnType<typeof play>>, exact: boolean) {
  const { invoices, finals, audits } = result;
  assert.equal(invoices.length, MONTHS.length + 1, "one invoice per billing period");
  const periods = invoices.map((i) => i.periodStart);
  assert.equal(new Set(periods).size, periods.length, "no billing period invoiced twice");
  const billed = new Map<string, number>();
  const seen = new Set<string>();
  for (const invoice of invoices.slice(1)) {
    for (const l of invoice.lines) {
      const once = `${l.additionId}:${l.periodStart}`;
      assert.ok(!seen.has(once), `addition ${l.additionId} billed twice for ${l.periodStart}`);
      seen.add(once);
      const key = `${monthOf(l.periodStart)}:${l.productId}`;
      billed.set(key, (billed.get(key) ?? 0) + l.quantity * l.fraction);
    }
  }
  for (const key of new Set([...finals.keys(), ...billed.keys()])) {
    const [month, product] = key.split(":");
    const final = finals.get(key) ?? 0;
    const got = billed.get(key) ?? 0;
    if (exact) {
      assert.equal(got, final, `${key}: invoiced ${got}, final ${final}`);
    } else if (Math.abs(got - final) > 1e-9) {
      const flagged = audits.some((a) => a.period === month && a.productId === Number(product));
      assert.ok(flagged, `${key}: invoiced ${got}, final ${final}, and no final-after-invoice`);
    }
  }
  if (exact) assert.deepEqual(audits, [], "nothing to flag when every invoice follows its final");
}

/**
 * Every invoice made after its final: the sums are exact and nothing is
 * flagged. Some invoices made early (before or while the final is pushed):
 * every difference is flagged.
 */
async function property(open: OpenStore, runs: number) {
  let count = 0;
  for (const early of [false, true]) {
    await fc.assert(
      fc.asyncProperty(scenario(early), async (s) => {
        count++;
        const { store, close } = await open();
        try {
          checkInvoices(await play(store, s), !early);
        } finally {
          await close();
        }
      }),
      { numRuns: runs },
    );
  }
  console.log(`invoice property: ${count} random histories`);
}

const openMemory: OpenStore = () =>
  Promise.resolve({ store: memoryStore(), close: async () => {} });

Deno.test("invoice property on the memory store: invoices add up to the monthly finals, no month billed twice, every difference flagged", () =>
  property(openMemory, 40));

Deno.test("invoice property on the Postgres store: invoices add up to the monthly finals, no month billed twice, every difference flagged", () =>
  withPostgres(({ open }) => property(open, 3)));
