import assert from "node:assert/strict";
import { httpWorld } from "../http_world.ts";
import { setUpMsp } from "../setup_msp.ts";

type Items<T = Record<string, unknown>> = { items: T[] };

Deno.test("sync lines, preview and audit after a sync", async () => {
  const w = await httpWorld();
  await setUpMsp(w.json, { msp: "m" });
  const lines = await w.json<Items>("GET", "/v1/msps/m/sync");
  const line = lines.body.items.find((l) => l.agreementId === 1000 && l.productId === 22);
  assert.deepEqual(Object.keys(line!).sort(), [
    "additionId",
    "agreementId",
    "agreementName",
    "desiredQuantity",
    "final",
    "kind",
    "nextInvoiceDate",
    "period",
    "productId",
    "productIdentifier",
    "reason",
    "status",
    "updatedAt",
    "writtenQuantity",
  ]);
  assert.equal(line!.updatedAt, "2026-11-10T12:00:00.000Z");
  assert.deepEqual([line!.desiredQuantity, line!.writtenQuantity, line!.status], [2, 2, "in-sync"]);
  assert.deepEqual(
    [line!.agreementName, line!.productIdentifier],
    ["Alpha MSA", "VPN-CORE-SRV"],
    "names from the mappings",
  );

  await w.json("POST", "/v1/msps/m/organizations/m-o1/usage", {
    eventId: "more",
    occurredAt: "2026-11-10T11:00:00Z",
    licenses: 12,
    servers: 2,
  });
  const preview = await w.json<Items>("GET", "/v1/msps/m/sync/preview");
  const change = preview.body.items.filter((p) => p.action !== "none");
  assert.deepEqual(change.map(({ additionId: _, ...p }) => p), [
    {
      agreementId: 1000,
      productId: 21,
      currentQuantity: 10,
      newQuantity: 12,
      action: "update",
      reason: null,
    },
  ]);

  const page1 = await w.json<Items<{ id: number; at: string }>>("GET", "/v1/msps/m/audit?limit=2");
  assert.equal(page1.body.items.length, 2);
  assert.ok(page1.body.items[0].id > page1.body.items[1].id, "newest first");
  assert.equal(page1.body.items[0].at, "2026-11-10T12:00:00.000Z");
  const before = page1.body.items[1].id;
  const page2 = await w.json<Items<{ id: number }>>("GET", `/v1/msps/m/audit?before=${before}`);
  assert.ok(page2.body.items.every((e) => e.id < before));
  assert.equal(page1.body.items.length + page2.body.items.length, 5);
});

Deno.test("statement, finalize (422 before the end, then idempotent) and its progress", async () => {
  const w = await httpWorld();
  await setUpMsp(w.json, { msp: "m" });
  const running = await w.json<Items>("GET", "/v1/msps/m/periods/2026-11");
  assert.deepEqual(running.body.items.find((s) => s.organizationId === "m-o1"), {
    organizationId: "m-o1",
    organizationName: "Alpha Corp",
    agreementName: "Alpha MSA",
    companyName: "Alpha Corp",
    plan: "core",
    licenses: 10,
    servers: 2,
    final: false,
    finalizedAt: null,
  });
  const early = await w.json("POST", "/v1/periods/2026-11/finalize");
  assert.deepEqual([early.status, early.body.code], [422, "period-not-ended"]);
  assert.equal((await w.json("GET", "/v1/periods/2026-11/finalization")).status, 404);

  w.clock.set("2026-12-01T00:05:00Z");
  const done = await w.json("POST", "/v1/periods/2026-11/finalize");
  assert.deepEqual([done.status, done.body], [200, {
    period: "2026-11",
    mspsDone: 1,
    mspsTotal: 1,
    linesWritten: 0,
    linesFailed: 0,
    estimatedMsLeft: 0,
    startedAt: "2026-12-01T00:05:00.000Z",
    finishedAt: "2026-12-01T00:05:00.000Z",
    finalizedNow: 1,
  }]);
  const progress = await w.json("GET", "/v1/periods/2026-11/finalization");
  const { finalizedNow: _, ...summary } = done.body;
  assert.deepEqual([progress.status, progress.body], [200, summary]);
  const again = await w.json("POST", "/v1/periods/2026-11/finalize");
  assert.equal(again.body.finalizedNow, 0);
  const final = await w.json<Items>("GET", "/v1/msps/m/periods/2026-11");
  assert.ok(final.body.items.every((s) => s.final && s.finalizedAt === "2026-12-01T00:05:00.000Z"));
});

Deno.test("organization PUT answers the organization; usage to an unknown one is 404", async () => {
  const w = await httpWorld();
  const put = await w.json("PUT", "/v1/msps/m/organizations/o1", {
    name: "  Acme  ",
    planId: "lite",
    licenseType: "trial",
  });
  assert.deepEqual(put.body, { id: "o1", name: "Acme", planId: "lite", licenseType: "trial" });
  const usage = await w.json("POST", "/v1/msps/m/organizations/nope/usage", {
    eventId: "e",
    occurredAt: "2026-11-10T11:00:00Z",
    licenses: 1,
    servers: 0,
  });
  assert.deepEqual([usage.status, usage.body.code], [404, "organization-not-found"]);
});
