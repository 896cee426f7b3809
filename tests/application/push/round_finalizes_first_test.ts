import assert from "node:assert/strict";
import { readPushScope } from "../../../application/push/push_scope.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { previewSync } from "../../../application/views/preview.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { testWorld } from "../../support/fixtures.ts";

const MSP = "msp-a";

const report = (eventId: string, at: string, licenses: number) => ({
  mspId: MSP,
  organizationId: "o1",
  eventId,
  occurredAt: new Date(at),
  licenses,
  servers: 0,
});

/** October's peak is 20 licenses, its last count 4; 12 were written. No month end has run. */
async function octoberEnded() {
  const w = await testWorld({ now: "2026-10-05T00:00:00Z" });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, report("a", "2026-10-03T00:00:00Z", 12));
  await drainSync(w.deps, { owner: "t" });
  w.clock.set("2026-10-31T23:30:00Z");
  await reportUsage(w.deps, report("b", "2026-10-30T00:00:00Z", 20));
  await reportUsage(w.deps, report("c", "2026-10-31T23:00:00Z", 4));
  w.clock.set("2026-11-01T00:02:00Z");
  return w;
}

Deno.test("reads do not write: reading the push scope or a preview once October ended leaves it open", async () => {
  const w = await octoberEnded();
  const agreementIds = await w.deps.store.companyMappings.agreementIds(MSP);
  const scope = await readPushScope(w.deps, { mspId: MSP, agreementIds });
  assert.equal(scope.lastFinal, null, "the scope says what is recorded");
  await previewSync(w.deps, MSP);
  assert.equal(await w.deps.store.statements.isFinalized(MSP, "2026-10"), false);
  assert.equal(await w.deps.store.statements.lastFinalized(MSP), null);
});

Deno.test("a sync round finalizes the month that ended before it pushes: October's final (20) is written before November's 4", async () => {
  const w = await octoberEnded();
  assert.equal(await w.deps.store.statements.isFinalized(MSP, "2026-10"), false);
  await w.deps.store.syncQueue.markMappedDirty(MSP, w.clock.now());
  await drainSync(w.deps, { owner: "t" });
  assert.equal(await w.deps.store.statements.isFinalized(MSP, "2026-10"), true);
  assert.equal(await w.deps.store.statements.lastFinalized(MSP), "2026-10");
  // October's final (its peak) is written before anything of November (its running figure 4).
  const audit = await w.deps.store.audit.list(MSP, { limit: 50 });
  assert.deepEqual(
    audit.reverse().filter((a) => a.productId === 21).map((a) => [a.period, a.newQuantity]),
    [["2026-10", 12], ["2026-10", 20], ["2026-11", 4]],
  );
});
