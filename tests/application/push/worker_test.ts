import { heldAddition } from "../../support/terms.ts";
import assert from "node:assert/strict";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { mapProducts } from "../../../application/setup/product_mappings.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { previewSync } from "../../../application/views/preview.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization, quantityOf } from "../../support/setup.ts";

const MSP = "msp-a";
let seq = 0;
function usage(org: string, at: string, licenses: number, servers = 0, planId?: string) {
  return {
    mspId: MSP,
    organizationId: org,
    eventId: `ev-${++seq}`,
    occurredAt: new Date(at),
    licenses,
    servers,
    planId,
  };
}

async function world(now = "2026-11-20T12:00:00Z") {
  const w = await testWorld({ now });
  await connectAndMapProducts(w);
  return w;
}

function settle(w: Awaited<ReturnType<typeof world>>) {
  w.clock.advance(5_000); // past the coalescing window
  return drainSync(w.deps, { owner: "test" });
}

Deno.test("sync: core -> premium in mid-month bills premium at the month's max and core at 0", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 10, 2));
  await settle(w);
  assert.deepEqual(quantityOf(w, 1000, 21), [10]);
  assert.deepEqual(quantityOf(w, 1000, 22), [2]);
  await reportUsage(w.deps, usage("o1", "2026-11-15T10:00:00Z", 7, 1, "premium"));
  await settle(w);
  assert.deepEqual(quantityOf(w, 1000, 31), [10], "premium holds the month's max licenses");
  assert.deepEqual(quantityOf(w, 1000, 32), [2], "premium servers: the month's max");
  assert.deepEqual(quantityOf(w, 1000, 21), [0], "core license addition goes to 0, not deleted");
  assert.deepEqual(quantityOf(w, 1000, 22), [0]);
});

Deno.test("sync: a Lite organization never gets a server addition", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 4, 3));
  await settle(w);
  assert.deepEqual(quantityOf(w, 1000, 11), [4]);
  assert.equal(w.cw.data.additions.length, 1);
});

Deno.test("sync: several organizations on one agreement add up; trial and NFR contribute 0 with a reason", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await mappedOrganization(w, { id: "o2", planId: "lite" });
  await mappedOrganization(w, { id: "o3", planId: "lite", licenseType: "trial" });
  for (const [org, n] of [["o1", 3], ["o2", 4], ["o3", 50]] as const) {
    await reportUsage(w.deps, usage(org, "2026-11-02T10:00:00Z", n));
  }
  await settle(w);
  assert.deepEqual(quantityOf(w, 1000, 11), [7]);
  const line = (await w.store.syncLines.list(MSP)).find((l) => l.productId === 11);
  assert.match(line?.reason ?? "", /trial/);
});

Deno.test("sync: an existing active addition is adopted; two active candidates block the line and nothing is written", async () => {
  const w = await world();
  w.cw.data.additions.push(
    heldAddition({ id: 1, agreementId: 1000, productId: 11, quantity: 2, cancelled: false }),
    heldAddition({ id: 2, agreementId: 1000, productId: 11, quantity: 9, cancelled: true }),
    heldAddition({ id: 3, agreementId: 2000, productId: 11, quantity: 1, cancelled: false }),
    heldAddition({ id: 4, agreementId: 2000, productId: 11, quantity: 1, cancelled: false }),
  );
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await mappedOrganization(w, { id: "o2", planId: "lite", companyId: 200, agreementId: 2000 });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 6));
  await reportUsage(w.deps, usage("o2", "2026-11-02T10:00:00Z", 6));
  await settle(w);
  assert.deepEqual(w.cw.writes.filter((x) => x.method === "create"), []);
  assert.equal(w.cw.data.additions.find((a) => a.id === 1)?.quantity, 6);
  assert.equal(w.cw.data.additions.find((a) => a.id === 3)?.quantity, 1);
  assert.equal(w.cw.data.additions.find((a) => a.id === 4)?.quantity, 1);
  const lines = await w.store.syncLines.list(MSP);
  assert.equal(lines.find((l) => l.agreementId === 2000)?.status, "blocked");
  assert.match(lines.find((l) => l.agreementId === 2000)?.reason ?? "", /ambiguous/);
  assert.equal(lines.find((l) => l.agreementId === 1000)?.additionId, 1);
  const audit = await w.store.audit.list(MSP, { limit: 10 });
  assert.ok(audit.some((a) => a.action === "adopt" && a.additionId === 1));
});

Deno.test("sync: a quantity changed by hand is overwritten at the next sync and the drift is audited", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 6));
  await settle(w);
  w.cw.data.additions[0].quantity = 99;
  await reportUsage(w.deps, usage("o1", "2026-11-03T10:00:00Z", 5));
  await settle(w);
  assert.deepEqual(quantityOf(w, 1000, 11), [6]);
  const drift = (await w.store.audit.list(MSP, { limit: 10 })).find((a) => a.action === "drift");
  assert.ok(drift);
  assert.match(drift.message, /99/);
});

Deno.test("sync: a burst of 1,000 reports for one organization gives at most 2 writes and the right quantity", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await settle(w);
  for (let i = 1; i <= 1_000; i++) {
    await reportUsage(w.deps, usage("o1", "2026-11-20T11:00:00Z", i % 97 + i / 10 | 0));
    if (i === 500) await drainSync(w.deps, { owner: "test" }); // a worker round mid-burst: nothing due yet
  }
  await settle(w);
  const writes = w.cw.writes.filter((x) => x.agreementId === 1000);
  assert.ok(writes.length <= 2, `writes: ${writes.length}`);
  const expected = Math.max(
    ...Array.from({ length: 1000 }, (_, k) => (k + 1) % 97 + (k + 1) / 10 | 0),
  );
  assert.deepEqual(quantityOf(w, 1000, 11), [expected]);
});

Deno.test("sync: usage on a plan without a server product is blocked with the reason, never dropped", async () => {
  const w = await world();
  await mapProducts(w.deps, { mspId: MSP, planId: "core", license: { productId: 21 } });
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 3, 2));
  await settle(w);
  const lines = await w.store.syncLines.list(MSP);
  const blocked = lines.find((l) => l.status === "blocked");
  assert.equal(blocked?.reason, 'plan "core" has no server product');
  assert.deepEqual(quantityOf(w, 1000, 21), [3]);
  await mapProducts(w.deps, {
    mspId: MSP,
    planId: "core",
    license: { productId: 21 },
    server: { productId: 22 },
  });
  await settle(w);
  assert.deepEqual(quantityOf(w, 1000, 22), [2]);
  assert.ok((await w.store.syncLines.list(MSP)).every((l) => l.status === "in-sync"));
});

Deno.test("sync: usage of an unmapped organization is kept and pushed once it is mapped", async () => {
  const w = await world();
  await upsertOrganization(w.deps, {
    mspId: MSP,
    id: "o1",
    name: "One",
    planId: "lite",
    licenseType: "standard",
  });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 8));
  await settle(w);
  assert.equal(w.cw.data.additions.length, 0);
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await settle(w);
  assert.deepEqual(quantityOf(w, 1000, 11), [8]);
});

Deno.test("sync: a 403 on an addition write leaves the line failed naming the Agreements permission", async () => {
  const w = await world();
  w.cw.data.members[0] = { ...w.cw.data.members[0], writes: ["Product Catalog add"] };
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 8));
  await settle(w);
  const line = (await w.store.syncLines.list(MSP))[0];
  assert.equal(line.status, "failed");
  assert.match(line.reason ?? "", /"Agreements" add\/edit permission/);
  assert.match((await w.store.connections.get(MSP))?.attention ?? "", /Agreements/);
});

Deno.test("sync: preview reads ConnectWise and writes nothing", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 8, 1));
  const preview = await previewSync(w.deps, MSP);
  assert.deepEqual(preview.map((p) => [p.productId, p.action, p.newQuantity]), [[21, "create", 8], [
    22,
    "create",
    1,
  ]]);
  assert.equal(w.cw.writes.length, 0);
});

Deno.test("sync: a sync run for one MSP pushes only that MSP's agreements", async () => {
  const w = await world();
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, usage("o1", "2026-11-02T10:00:00Z", 8));
  w.clock.advance(5_000);
  await connectAndMapProducts(w, "msp-b");
  const { syncNow } = await import("../../../application/push/sync_now.ts");
  const summary = await syncNow(w.deps, { mspId: "msp-b", owner: "http" });
  assert.deepEqual([summary.agreements, summary.written], [0, 0]);
  assert.equal(w.cw.data.additions.length, 0, "msp-a's pending push is left to msp-a");
  await drainSync(w.deps, { owner: "test", mspId: "msp-a" });
  assert.deepEqual(quantityOf(w, 1000, 11), [8]);
});
