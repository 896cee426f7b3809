import assert from "node:assert/strict";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { catchUp, finalizePeriod } from "../../../application/month_end/finalize_period.ts";
import { periodStatement } from "../../../application/views/period_reads.ts";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { testWorld } from "../../support/fixtures.ts";
import type { Statement } from "../../../domain/statement.ts";
import { statementChunks } from "../../../application/statements/statement_chunks.ts";
import { computeStatements } from "../../../application/statements/finalize_statements.ts";
import { connectAndMapProducts, mappedOrganization, quantityOf } from "../../support/setup.ts";

const MSP = "msp-a";
let seq = 0;
function usage(org: string, at: string, licenses: number, servers = 0) {
  return {
    mspId: MSP,
    organizationId: org,
    eventId: `f-${++seq}`,
    occurredAt: new Date(at),
    licenses,
    servers,
  };
}

async function octoberWorld() {
  const w = await testWorld({ now: "2026-10-05T00:00:00Z" });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, usage("o1", "2026-10-03T00:00:00Z", 12, 2));
  w.clock.set("2026-10-31T23:00:00Z");
  await reportUsage(w.deps, usage("o1", "2026-10-31T22:00:00Z", 4, 1));
  return w;
}

Deno.test("finalize: a period that has not ended is refused with period-not-ended", async () => {
  const w = await octoberWorld();
  await assert.rejects(finalizePeriod(w.deps, { period: "2026-10", owner: "t" }), {
    code: "period-not-ended",
  });
});

Deno.test("finalize: twice, and racing itself, gives identical statements with writes only in the first run", async () => {
  const w = await octoberWorld();
  w.clock.set("2026-11-01T00:05:00Z");
  const [a, b] = await Promise.all([
    finalizePeriod(w.deps, { period: "2026-10", owner: "cron" }),
    finalizePeriod(w.deps, { period: "2026-10", owner: "http" }),
  ]);
  assert.equal(a.finalizedNow + b.finalizedNow, 1);
  const first = await periodStatement(w.deps, { mspId: MSP, period: "2026-10" });
  assert.deepEqual(first.map((s) => [s.planId, s.licenses, s.servers, s.final]), [[
    "core",
    12,
    2,
    true,
  ]]);
  assert.deepEqual(quantityOf(w, 1000, 21), [4], "November runs on from the carried state");
  const writesAfterFirst = w.cw.writes.length;
  const again = await finalizePeriod(w.deps, { period: "2026-10", owner: "http" });
  assert.equal(again.finalizedNow, 0);
  assert.equal(again.linesWritten, 0);
  assert.equal(w.cw.writes.length, writesAfterFirst);
  assert.deepEqual(await periodStatement(w.deps, { mspId: MSP, period: "2026-10" }), first);
});

Deno.test("finalize: the final figures are written before the new period's running figures", async () => {
  const w = await octoberWorld();
  // October was never pushed (no worker ran); the month ends.
  w.clock.set("2026-11-01T00:05:00Z");
  await finalizePeriod(w.deps, { period: "2026-10", owner: "cron" });
  const audit = (await w.store.audit.list(MSP, { limit: 50 })).reverse();
  const licenseWrites = audit.filter((e) => e.productId === 21 && e.action !== "adopt");
  assert.deepEqual(licenseWrites.map((e) => [e.period, e.newQuantity]), [["2026-10", 12], [
    "2026-11",
    4,
  ]]);
});

Deno.test("finalize: a missed schedule is caught up at start-up and whenever the worker finds a period open", async () => {
  const w = await octoberWorld();
  w.clock.set("2026-12-03T00:00:00Z"); // October and November both ended unseen
  const caught = await catchUp(w.deps);
  assert.deepEqual(caught, [{ mspId: MSP, finalized: ["2026-10", "2026-11"] }]);
  const nov = await periodStatement(w.deps, { mspId: MSP, period: "2026-11" });
  assert.deepEqual(nov.map((s) => [s.licenses, s.servers, s.final]), [[4, 1, true]]);
  await drainSync(w.deps, { owner: "w" });
  assert.deepEqual(quantityOf(w, 1000, 21), [4]);
  assert.deepEqual(await catchUp(w.deps), []);
});

Deno.test("finalize: the license type when figures are computed counts (a trial converted in the month is billed)", async () => {
  const w = await testWorld({ now: "2026-10-05T00:00:00Z" });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "lite", licenseType: "trial" });
  await reportUsage(w.deps, usage("o1", "2026-10-03T00:00:00Z", 9));
  await upsertOrganization(w.deps, {
    mspId: MSP,
    id: "o1",
    name: "Org o1",
    planId: "lite",
    licenseType: "standard",
  });
  w.clock.set("2026-11-01T00:05:00Z");
  await finalizePeriod(w.deps, { period: "2026-10", owner: "cron" });
  const oct = (await w.store.audit.list(MSP, { limit: 50 })).find((e) => e.period === "2026-10");
  assert.equal(oct?.newQuantity, 9);
});

Deno.test("finalize: when several ended months are finalized together, each skipped one gets a final-not-pushed audit entry with its figures", async () => {
  const w = await octoberWorld();
  w.clock.set("2026-12-03T00:00:00Z"); // October and November both ended unseen
  await catchUp(w.deps);
  await drainSync(w.deps, { owner: "w" });
  const audit = await w.store.audit.list(MSP, { limit: 100 });
  const skipped = audit.filter((a) => a.action === "final-not-pushed");
  assert.deepEqual(
    skipped.map((a) => [a.period, a.agreementId, a.productId, a.newQuantity]).sort(),
    [["2026-10", 1000, 21, 12], ["2026-10", 1000, 22, 2]],
  );
  assert.match(skipped[0].message, /invoice it by hand/);
  // November, the latest final period, is written; it is never reported as skipped.
  assert.deepEqual(quantityOf(w, 1000, 21), [4]);
  await catchUp(w.deps);
  const again = await w.store.audit.list(MSP, { limit: 100 });
  assert.equal(again.filter((a) => a.action === "final-not-pushed").length, 2, "recorded once");
});

Deno.test("finalize: a single due month is written, with no final-not-pushed entry", async () => {
  const w = await octoberWorld();
  w.clock.set("2026-11-01T00:10:00Z");
  await catchUp(w.deps);
  await drainSync(w.deps, { owner: "w" });
  const audit = await w.store.audit.list(MSP, { limit: 100 });
  assert.equal(audit.filter((a) => a.action === "final-not-pushed").length, 0);
  const octoberWrites = audit.filter((a) =>
    a.period === "2026-10" && a.productId === 21 && a.action !== "failure"
  );
  assert.deepEqual(octoberWrites.map((a) => a.newQuantity), [12], "October's final is written");
  assert.deepEqual(quantityOf(w, 1000, 21), [4], "then November's running figures");
});

Deno.test("finalize: statements figured in chunks are those of one read of every organization", async () => {
  const w = await octoberWorld();
  for (const id of ["o2", "o3", "o4", "o5"]) await mappedOrganization(w, { id, planId: "core" });
  await reportUsage(w.deps, usage("o3", "2026-10-30T00:00:00Z", 7, 1));
  await reportUsage(w.deps, usage("o5", "2026-10-30T01:00:00Z", 9, 0));
  const input = { mspId: MSP, period: "2026-10", finalizedAt: null };
  const chunks: Statement[][] = [];
  for await (const chunk of statementChunks(w.deps.store, { ...input, chunkSize: 2 })) {
    chunks.push(chunk);
  }
  assert.deepEqual(chunks.map((c) => c.map((s) => s.organizationId)), [["o1"], ["o3"], ["o5"]]);
  assert.deepEqual(chunks.flat(), await computeStatements(w.deps.store, input));
  assert.deepEqual(
    chunks.flat().map((s) => [s.organizationId, s.licenses, s.servers]),
    [["o1", 12, 2], ["o3", 7, 1], ["o5", 9, 0]],
  );
});
