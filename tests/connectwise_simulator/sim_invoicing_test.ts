import assert from "node:assert/strict";
import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import { agreementBillability } from "../../domain/agreement_terms.ts";
import { createSimulator, serveSimulator } from "./simulator.ts";
import { REFUSALS } from "./sim_invoicing.ts";
import { createState, MONTHLY, seedDemo, type SimAgreement } from "./sim_state.ts";

const AUTH = `Basic ${btoa("demo+pub:priv")}`;
const SITE = "http://sim";
const API = `${SITE}/v4_6_release/apis/3.0`;

/** The demo site with the clock at `now`; agreement 101 invoiced monthly, next on 2026-12-01. */
function site(now = "2026-11-20T12:00:00Z", terms: Partial<SimAgreement> = {}) {
  let clock = Date.parse(now);
  const sim = createSimulator({ seed: seedDemo(createState()), now: () => clock });
  Object.assign(sim.state.agreements.find((a) => a.id === 101)!, {
    ...MONTHLY,
    nextInvoiceDate: "2026-12-01T00:00:00Z",
    ...terms,
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await sim.handler(
      new Request(path.startsWith("/_") ? `${SITE}${path}` : `${API}${path}`, {
        method,
        headers: { Authorization: AUTH, clientId: "test", "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    return { status: answer.status, body: await answer.json() };
  };
  const add = (body: Record<string, unknown>) =>
    call("POST", "/finance/agreements/101/additions", {
      product: { id: 502 },
      billCustomer: "Billable",
      quantity: 3,
      ...body,
    });
  return { sim, call, add, setNow: (at: string) => (clock = Date.parse(at)) };
}

Deno.test("simulator invoicing: an invoice bills what each Billable addition holds when it is made, then moves the next invoice date", () => {
  const { sim, setNow } = site();
  sim.state.additions.push({
    id: 901,
    agreementId: 101,
    product: { id: 502, identifier: "NL-BACKUP" },
    quantity: 4,
    billCustomer: "DoNotBill",
    cancelledDate: null,
  });
  setNow("2026-12-03T09:00:00Z");
  const invoice = sim.invoice(101);
  assert.deepEqual(invoice.lines.map((l) => [l.additionId, l.quantity, l.fraction]), [[
    900,
    12,
    1,
  ]]);
  assert.deepEqual([invoice.periodStart, invoice.periodEnd, invoice.madeAt], [
    "2026-12-01T00:00:00Z",
    "2027-01-01T00:00:00Z",
    "2026-12-03T09:00:00Z",
  ]);
  assert.equal(
    sim.state.agreements.find((a) => a.id === 101)!.nextInvoiceDate,
    "2027-01-01T00:00:00Z",
  );
  sim.state.additions[0].quantity = 99; // a later change does not alter an invoice made
  assert.equal(sim.state.invoices[0].lines[0].quantity, 12);
});

Deno.test("simulator invoicing: an addition cancelled before the period bills nothing; cancelled later it still bills", () => {
  const { sim } = site();
  sim.state.additions[0].cancelledDate = "2026-12-15T00:00:00Z";
  assert.equal(sim.invoice(101).lines.length, 1, "cancelled within the period: still billed");
  sim.state.additions[0].cancelledDate = "2026-12-20T00:00:00Z";
  assert.equal(sim.invoice(101).lines.length, 0, "January: cancelled before it started");
});

Deno.test("simulator invoicing: without proration an addition dated before the next invoice date is refused with ConnectWise's text", async () => {
  const { sim, add, call } = site();
  const refused = await add({ effectiveDate: "2026-11-15T00:00:00Z" });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, "InvalidObject");
  assert.deepEqual(refused.body.errors.map((e: { message: string }) => e.message), [
    REFUSALS.invoiced,
  ]);
  const early = await add({ effectiveDate: "2023-01-01T00:00:00Z" });
  assert.deepEqual(early.body.errors.map((e: { message: string }) => e.message), [
    REFUSALS.beforeBillStart,
  ]);
  const made = await add({ effectiveDate: "2026-12-01T00:00:00Z" });
  assert.equal(made.status, 201);
  const patched = await call("PATCH", `/finance/agreements/101/additions/${made.body.id}`, [
    { op: "replace", path: "effectiveDate", value: "2026-11-01T00:00:00Z" },
  ]);
  assert.equal(patched.status, 400);
  assert.equal(patched.body.errors[0].message, REFUSALS.invoiced);
  assert.equal(sim.state.additions.filter((a) => a.agreementId === 101).length, 2);
});

Deno.test("simulator invoicing: an addition created without a date is dated today", async () => {
  const { add } = site("2026-11-20T15:30:00Z", { prorateFlag: true });
  const made = await add({});
  assert.equal(made.body.effectiveDate, "2026-11-20T00:00:00Z");
});

Deno.test("simulator invoicing: with proration an addition dated after the period's start is prorated, and one dated into an invoiced period is back-billed", async () => {
  const { sim, add, setNow } = site("2026-11-20T12:00:00Z", {
    prorateFlag: true,
    nextInvoiceDate: "2026-11-01T00:00:00Z",
  });
  setNow("2026-11-02T09:00:00Z");
  sim.invoice(101); // November invoiced on the 2nd
  setNow("2026-11-20T12:00:00Z");
  const made = await add({ quantity: 10 }); // dated today: November 20
  assert.equal(made.body.effectiveDate, "2026-11-20T00:00:00Z");
  setNow("2026-12-03T09:00:00Z");
  const december = sim.invoice(101);
  const mine = december.lines.filter((l) => l.additionId === made.body.id);
  assert.deepEqual(mine.map((l) => [l.periodStart, l.fraction, l.backBilled]), [
    ["2026-12-01T00:00:00Z", 1, false],
    ["2026-11-01T00:00:00Z", 11 / 30, true],
  ]);
  // Dated into the middle of the billing period itself: prorated there.
  sim.state.additions.push({
    id: 950,
    agreementId: 101,
    product: { id: 501, identifier: "NL-M365" },
    quantity: 6,
    billCustomer: "Billable",
    cancelledDate: null,
    effectiveDate: "2027-01-16T00:00:00Z",
  });
  const january = sim.invoice(101);
  assert.deepEqual(january.lines.find((l) => l.additionId === 950)?.fraction, 16 / 31);
});

Deno.test("simulator invoicing: child, expired and cancelled agreements make no invoice; a quarterly one moves three months", async () => {
  const { sim, call } = site();
  const agreement = sim.state.agreements.find((a) => a.id === 101)!;
  agreement.parentAgreement = { id: 102, name: "Managed Services 2" };
  assert.equal((await call("POST", "/_simulator/agreements/101/invoice")).status, 409);
  agreement.parentAgreement = null;
  agreement.agreementStatus = "Expired";
  assert.throws(() => sim.invoice(101), /not active/);
  agreement.agreementStatus = "Active";
  agreement.billingCycle = { id: 2, name: "Quarterly" };
  const made = await call("POST", "/_simulator/agreements/101/invoice");
  assert.equal(made.status, 201);
  assert.equal(made.body.periodEnd, "2027-03-01T00:00:00Z");
  const listed = await call("GET", "/_simulator/invoices?agreementId=101");
  assert.deepEqual(listed.body.items.map((i: { id: number }) => i.id), [made.body.id]);
  assert.equal(
    sim.counters.of("POST /_simulator/agreements/{id}/invoice").length,
    0,
    "not counted",
  );
});

Deno.test("simulator invoicing: the demo seed holds every case of how agreements are invoiced", async () => {
  const now = new Date("2026-11-20T12:00:00Z");
  const sim = serveSimulator({ seed: seedDemo(createState(), now) });
  try {
    const client = createConnectWiseClient({
      clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
      allowlist: [sim.hostPort],
      requestsPerMinute: 6_000,
    });
    const session = client.session({
      mspId: "demo",
      siteUrl: sim.url,
      companyId: "demo",
      publicKey: "pub",
      privateKey: "priv",
      codebase: "v4_6_release/",
      apiVersion: null,
      permissions: [],
      connectedAt: now,
      attention: null,
    });
    const agreements = await session.companies.agreementsOf([1, 2, 3, 4, 5]);
    const seen = agreements.map((a) => {
      const billable = agreementBillability(a, now);
      return [
        a.id,
        billable.billable ? "billable" : billable.reason,
        a.prorate,
        a.nextInvoiceDate?.toISOString(),
      ];
    }).sort((x, y) => Number(x[0]) - Number(y[0]));
    assert.deepEqual(seen, [
      [101, "billable", true, "2026-12-01T00:00:00.000Z"],
      [102, "billable", false, "2026-12-01T00:00:00.000Z"],
      [103, "billable", false, "2026-11-01T00:00:00.000Z"],
      [104, "agreement 104 bills quarterly, not monthly", false, "2026-12-01T00:00:00.000Z"],
      [105, "agreement 105 is expired, not active", false, "2026-12-01T00:00:00.000Z"],
      [
        106,
        "agreement 106 has not started (it starts on 2027-01-01)",
        false,
        "2027-01-01T00:00:00.000Z",
      ],
      [
        107,
        "agreement 107 is a child of agreement 102: map the parent agreement",
        false,
        undefined,
      ],
    ]);
  } finally {
    await sim.close();
  }
});
