// POST /v1/msps/{msp}/sync pushes now (API.md): a report, then POST /sync, and the simulator
// holds the figure when the answer comes; until then the line says pending, never in-sync.
import assert from "node:assert/strict";
import { syncNow } from "../../application/push/sync_now.ts";
import { LEASE_MS } from "../../application/push/worker.ts";
import { connectAndMapProducts, mappedOrganization } from "../support/setup.ts";
import { serveApp } from "../support/serve_app.ts";
import { simWorld } from "../support/sim_world.ts";

type Line = { agreementId: number; productId: number; desiredQuantity: number; status: string };

async function pushNowWorld() {
  const w = await simWorld({ now: "2026-11-20T12:00:00Z" });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "core" }); // agreement 1000, products 21 and 22
  const app = serveApp(w.deps, { token: "push-now-token-0123456789", workerId: "w-http" });
  const base = "/v1/msps/msp-a";
  const report = (eventId: string, licenses: number, servers: number) =>
    app.call(`POST`, `${base}/organizations/o1/usage`, {
      eventId,
      occurredAt: "2026-11-20T11:59:00Z",
      licenses,
      servers,
    }, 202);
  const lines = () => app.call<{ items: Line[] }>("GET", `${base}/sync`).then((r) => r.items);
  return { w, app, base, report, lines };
}

Deno.test("push now: a report, then POST /sync: the answer comes once ConnectWise holds the figures, without the coalescing wait", async () => {
  const { w, app, base, report, lines } = await pushNowWorld();
  try {
    await app.call("POST", `${base}/sync`); // a first push: the lines exist, in-sync
    assert.deepEqual((await lines()).map((l) => l.status), ["in-sync", "in-sync"]);
    await report("evt-1", 25, 2);
    // The report waits for the coalescing second (the clock stands still): not yet written.
    assert.deepEqual(w.quantities(1000, 21), []);
    assert.deepEqual(
      (await lines()).map((l) => [l.productId, l.desiredQuantity, l.status]),
      [[21, 0, "pending"], [22, 0, "pending"]],
      "a line whose change is not yet written is pending, never in-sync",
    );
    const summary = await app.call<Record<string, number>>("POST", `${base}/sync`);
    assert.deepEqual(summary, {
      agreements: 1,
      written: 2,
      failed: 0,
      skipped: 0,
      pending: 0,
      held: 0,
      blocked: 0,
    });
    assert.deepEqual(w.quantities(1000, 21), [25], "the simulator holds the licenses");
    assert.deepEqual(w.quantities(1000, 22), [2], "and the servers");
    assert.deepEqual(
      (await lines()).map((l) => [l.productId, l.desiredQuantity, l.status]),
      [[21, 25, "in-sync"], [22, 2, "in-sync"]],
    );
    const orgs = await app.call<{ items: { sync: { status: string } }[] }>(
      "GET",
      `${base}/organizations`,
    );
    assert.equal(orgs.items[0].sync.status, "in-sync");
  } finally {
    await app.close();
    await w.close();
  }
});

Deno.test("push now: an agreement another worker holds is waited for, then pushed here", async () => {
  const { w, app, report } = await pushNowWorld();
  try {
    await report("evt-1", 25, 2);
    // Another worker (the sync loop) holds the agreement's lease when POST /sync arrives.
    const now = w.deps.clock.now();
    const [held] = await w.store.syncQueue.claim("sync-loop", {
      now: new Date(now.getTime() + 1_000),
      leaseMs: LEASE_MS,
      limit: 10,
    });
    assert.equal(held.agreementId, 1000);
    let pauses = 0;
    const summary = await syncNow(w.deps, {
      mspId: "msp-a",
      owner: "w-http",
      pause: async () => {
        // While POST /sync waits, the other worker ends its round without having written.
        if (++pauses === 2) await w.store.syncQueue.release("sync-loop", [held]);
      },
    });
    assert.equal(pauses, 2, "it waited for the other worker's lease");
    assert.equal(summary.pending, 0);
    assert.deepEqual(w.quantities(1000, 21), [25]);
  } finally {
    await app.close();
    await w.close();
  }
});
