import assert from "node:assert/strict";
import {
  importCompanyMappings,
  unmapOrganization,
} from "../../../application/setup/company_mappings.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { periodStatement } from "../../../application/views/period_reads.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization, quantityOf } from "../../support/setup.ts";

const MSP = "msp-a";
let seq = 0;
const usage = (org: string, at: string, licenses: number, servers = 0) => ({
  mspId: MSP,
  organizationId: org,
  eventId: `um-${++seq}`,
  occurredAt: new Date(at),
  licenses,
  servers,
});

async function world() {
  const w = await testWorld({ now: "2026-11-10T12:00:00Z" });
  await connectAndMapProducts(w);
  return w;
}

/** Runs the worker without moving the clock: only what is due now is pushed. */
const pushDueNow = (w: Awaited<ReturnType<typeof world>>) => drainSync(w.deps, { owner: "t" });

Deno.test("unmap: with two organizations on one agreement, the agreement at once holds only what the other bills", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await mappedOrganization(w, { id: "o2", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-11-10T10:00:00Z", 10, 1));
  await reportUsage(w.deps, usage("o2", "2026-11-10T10:00:00Z", 5, 2));
  w.clock.advance(5_000);
  await pushDueNow(w);
  assert.deepEqual(quantityOf(w, 1000, 21), [15]);
  await unmapOrganization(w.deps, { mspId: MSP, organizationId: "o2" });
  await pushDueNow(w); // no coalescing wait: the left agreement is due at once
  assert.deepEqual(quantityOf(w, 1000, 21), [10]);
  assert.deepEqual(quantityOf(w, 1000, 22), [1]);
});

Deno.test("unmap: a single organization's agreement goes to 0 at once; its statement is unaffected", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-11-10T10:00:00Z", 10, 1));
  w.clock.advance(5_000);
  await pushDueNow(w);
  await unmapOrganization(w.deps, { mspId: MSP, organizationId: "o1" });
  await pushDueNow(w);
  assert.deepEqual(quantityOf(w, 1000, 21), [0]);
  assert.deepEqual(quantityOf(w, 1000, 22), [0]);
  const [statement] = await periodStatement(w.deps, { mspId: MSP, period: "2026-11" });
  assert.deepEqual([statement.licenses, statement.servers], [10, 1]);
});

Deno.test("unmap: a remap to another company's agreement mid-month moves the whole month there and empties the old one", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-11-03T10:00:00Z", 12, 2));
  await reportUsage(w.deps, usage("o1", "2026-11-09T10:00:00Z", 4, 1));
  w.clock.advance(5_000);
  await pushDueNow(w);
  assert.deepEqual(quantityOf(w, 1000, 21), [12]);
  await importCompanyMappings(w.deps, {
    mspId: MSP,
    items: [{ companyId: 200, agreementId: 2000, organizationId: "o1" }],
  });
  await pushDueNow(w);
  assert.deepEqual(quantityOf(w, 1000, 21), [0], "the agreement it left stops billing it");
  assert.deepEqual(quantityOf(w, 1000, 22), [0]);
  assert.deepEqual(quantityOf(w, 2000, 21), [12], "its whole month counts where it is now");
  assert.deepEqual(quantityOf(w, 2000, 22), [2]);
});
