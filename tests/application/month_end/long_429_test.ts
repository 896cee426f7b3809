// ConnectWise's real rate limiting: a 429 asks to wait 30 s or more (in
// `Retry-After`, or only in its body's text). The wait is honoured for that
// MSP alone: its calls stop until then, its pushes are retried then, another
// MSP's month end goes on. The client's waits move the test's clock.
import assert from "node:assert/strict";
import { connect } from "../../../application/connection/connection.ts";
import { mapProducts } from "../../../application/setup/product_mappings.ts";
import { finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { type SimWorld, simWorld } from "../../support/sim_world.ts";
import { invoicedMonthly, report } from "../push/invoice_cases.ts";

const BETA = { companyId: "beta-co", publicKey: "beta-pub", privateKey: "beta-priv-key" };

/** Two MSPs on one simulated site whose members may make 4 calls a minute; 429s ask for 30 s. */
async function rateLimitedWorld(options: { bodyOnly?: boolean } = {}): Promise<SimWorld> {
  const w = await simWorld({
    now: "2026-11-20T12:00:00Z",
    requestsPerMinute: 60,
    virtualTime: true,
    simulator: {
      rateLimitPerMinute: 4,
      rateLimitRetryAfter: 30,
      retryAfterInBodyOnly: options.bodyOnly,
    },
  });
  w.sim.state.members.push(BETA);
  for (const id of [1000, 2000, 3000]) {
    invoicedMonthly(w, id, { nextInvoiceDate: "2026-12-01T00:00:00Z" });
  }
  await connectAndMapProducts(w);
  await connect(w.deps, { mspId: "msp-b", credentials: { ...BETA, siteUrl: w.sim.url } });
  await mapProducts(w.deps, {
    mspId: "msp-b",
    planId: "core",
    license: { productId: 21 },
    server: { productId: 22 },
  });
  for (const [org, companyId, agreementId] of [["a1", 100, 1000], ["a3", 300, 3000]] as const) {
    await mappedOrganization(w, { id: org, planId: "core", companyId, agreementId });
    await report(w, org, "2026-11-20T12:00:00Z", 10, { servers: 2 });
  }
  await mappedOrganization(w, {
    mspId: "msp-b",
    id: "b2",
    planId: "core",
    companyId: 200,
    agreementId: 2000,
  });
  return w;
}

/** Lets the queue run, moving the clock to the next due time, until nothing is left (or 30 rounds). */
async function untilSettled(w: SimWorld): Promise<number> {
  let rounds = 0;
  for (; rounds < 30; rounds++) {
    const queued = [
      ...await w.store.syncQueue.queued("msp-a"),
      ...await w.store.syncQueue.queued("msp-b"),
    ];
    if (queued.length === 0) break;
    const next = Math.min(...queued.map((q) => q.notBefore.getTime()));
    if (next > w.clock.now().getTime()) w.clock.set(new Date(next));
    await drainSync(w.background, { owner: "loop" });
  }
  return rounds;
}

for (const bodyOnly of [false, true]) {
  Deno.test(`month end under 429s that ask for 30 s${bodyOnly ? " (said only in the body)" : ""}: exact figures, no line failed, the other MSP not held up`, async () => {
    const w = await rateLimitedWorld({ bodyOnly });
    try {
      // November's running figures go out under the limit too.
      await untilSettled(w);
      // The month's peak comes late, after the last push: the final must write it.
      for (const org of ["a1", "a3"]) {
        await report(w, org, "2026-11-30T23:50:00Z", 12, { servers: 3 });
      }
      w.sim.counters.reset();
      w.clock.set("2026-12-01T00:05:00Z");
      const start = w.clock.now().getTime();
      await finalizePeriod(w.background, { period: "2026-11", owner: "cron" });
      const beta = await w.store.syncLines.list("msp-b");
      assert.ok(
        beta.length > 0 && beta.every((l) => l.status === "held"),
        "msp-b's final went out at once",
      );
      await untilSettled(w);
      const lines = await w.store.syncLines.list("msp-a");
      assert.deepEqual(
        lines.map((l) => [l.agreementId, l.productId, l.status, l.writtenQuantity]),
        [
          [1000, 21, "held", 12],
          [1000, 22, "held", 3],
          [3000, 21, "held", 12],
          [3000, 22, "held", 3],
        ],
      );
      for (const id of [1000, 3000]) {
        assert.deepEqual(w.quantities(id, 21), [12]);
        assert.deepEqual(w.quantities(id, 22), [3]);
      }
      assert.ok(w.sim.counters.requests.some((r) => r.status === 429), "429s were met");
      const audit = await w.store.audit.list("msp-a", { limit: 100 });
      assert.deepEqual(
        audit.filter((e) => e.action === "failure" && !/429|wait/.test(e.message)),
        [],
      );
      // The waits were honoured: after a 429, the member's next call came 30 s later at the soonest.
      const member = `Basic ${btoa("acme+pub-key-1:priv-SECRET-value-1")}`;
      const calls = w.sim.counters.requests.filter((r) =>
        r.headers.authorization === member && r.at >= start
      );
      calls.forEach((r, i) => {
        if (r.status === 429 && calls[i + 1]) {
          assert.ok(
            calls[i + 1].at - r.at >= 30_000,
            `a call ${calls[i + 1].at - r.at} ms after a 429`,
          );
        }
      });
      assert.ok(calls.filter((r) => r.status === 429).length >= 1);
      assert.ok(w.clock.now().getTime() - start >= 30_000, "the month end waited as asked");
    } finally {
      await w.close();
    }
  });
}
