// Final pushes that do not go through in one piece. First, the regression test
// of a bug the injected-faults run found (fixed in sync_agreement.ts): a push
// of a month's final figures that met a ConnectWise failure was saved as a
// final line (status pending) and then counted as done, so the retry went
// straight to the next month's running figures and the final ones never
// reached ConnectWise. Second, a final push cut short half-way is resumed.
import assert from "node:assert/strict";
import { upsertOrganization } from "../../application/usage/organizations.ts";
import type { ConnectWise } from "../../application/ports/connectwise.ts";
import { reportUsage } from "../../application/usage/report_usage.ts";
import { finalizePeriod } from "../../application/month_end/finalize_period.ts";
import { drainSync } from "../../application/push/worker.ts";
import { connectAndMapProducts, mappedOrganization } from "../support/setup.ts";
import { simWorld } from "../support/sim_world.ts";

Deno.test("a final push that met a ConnectWise failure is retried with the final figures before the next month's", async () => {
  const w = await simWorld({ now: "2026-11-20T12:00:00Z" });
  try {
    await connectAndMapProducts(w);
    // A trial all November: nothing is billed while the month runs.
    await mappedOrganization(w, { id: "o1", planId: "lite", licenseType: "trial" });
    const report = (eventId: string, at: string, licenses: number) =>
      reportUsage(w.deps, {
        mspId: "msp-a",
        organizationId: "o1",
        eventId,
        occurredAt: new Date(at),
        licenses,
        servers: 0,
      });
    await report("e1", "2026-11-10T00:00:00Z", 9);
    await report("e2", "2026-11-16T00:00:00Z", 2);
    w.clock.advance(5_000);
    await drainSync(w.deps, { owner: "loop" });
    assert.deepEqual(w.quantities(1000, 11), [], "a trial is not billed");

    // It converts before November is finalized: November bills its maximum, 9.
    w.clock.set("2026-12-01T00:01:00Z");
    await upsertOrganization(w.deps, {
      mspId: "msp-a",
      id: "o1",
      name: "Org o1",
      planId: "lite",
      licenseType: "standard",
    });
    w.sim.faults.enqueue({ status: 500 }, { method: "POST" });
    w.clock.set("2026-12-01T00:05:00Z");
    const run = await finalizePeriod(w.deps, { period: "2026-11", owner: "finalize" });
    assert.equal(run.linesFailed, 1, "the final push met the 500");

    w.clock.advance(60_000);
    await drainSync(w.deps, { owner: "loop" });
    const applied = w.sim.counters.requests
      .filter((r) => r.method !== "GET" && r.status !== undefined && r.status < 300)
      .map((r) => (r.answer as { quantity: number }).quantity);
    assert.deepEqual(applied, [9, 2], "November's 9 first, then December's running 2");
    assert.deepEqual(w.quantities(1000, 11), [2]);
  } finally {
    await w.close();
  }
});

/** The ConnectWise of `deps`, except that the process "dies" at the `n`-th addition created. */
function dyingAt(connectWise: ConnectWise, n: number): ConnectWise {
  let creates = 0;
  return {
    probe: (credentials) => connectWise.probe(credentials),
    session(connection) {
      const session = connectWise.session(connection);
      return {
        ...session,
        additions: {
          ...session.additions,
          create(agreementId, input) {
            if (++creates === n) return Promise.reject(new Error("process killed (simulated)"));
            return session.additions.create(agreementId, input);
          },
        },
      };
    },
  };
}

Deno.test({
  // Regression: a final push cut short (kill -9, an unexpected error) used to leave some lines
  // final and in sync and others unsaved, so finalPushed() took it for done. Found by
  // kill9_finalization_test.ts; pushAgreement now saves every final line pending first.
  name:
    "a final push interrupted half-way is resumed with the final figures before the next month's",
  async fn() {
    const w = await simWorld({ now: "2026-11-20T12:00:00Z" });
    try {
      await connectAndMapProducts(w);
      await mappedOrganization(w, { id: "o1", planId: "core" });
      for (const [eventId, at, servers] of [["e1", "10", 4], ["e2", "16", 1]] as const) {
        await reportUsage(w.deps, {
          mspId: "msp-a",
          organizationId: "o1",
          eventId,
          occurredAt: new Date(`2026-11-${at}T00:00:00Z`),
          licenses: 5,
          servers,
        });
      }
      // Nothing was pushed in November: the final push is the agreement's first. The process
      // dies when it creates the server addition, after it created the license addition.
      w.clock.set("2026-12-01T00:05:00Z");
      const dying = { ...w.deps, connectWise: dyingAt(w.deps.connectWise, 2) };
      await finalizePeriod(dying, { period: "2026-11", owner: "killed" });
      assert.deepEqual(w.quantities(1000, 21), [5]);
      assert.deepEqual(w.quantities(1000, 22), []);

      w.clock.advance(60_000);
      await drainSync(w.deps, { owner: "restarted" });
      const servers = w.sim.counters.requests
        .filter((r) => r.method !== "GET" && r.status !== undefined && r.status < 300)
        .map((r) => r.answer as { product: { id: number }; quantity: number })
        .filter((a) => a.product.id === 22)
        .map((a) => a.quantity);
      assert.deepEqual(servers, [4, 1], "November's maximum 4, then December's running 1");
    } finally {
      await w.close();
    }
  },
});
