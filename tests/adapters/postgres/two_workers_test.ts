// Two workers on one Postgres database drain 200 dirty agreements: every
// addition is written exactly once (the lease is FOR UPDATE SKIP LOCKED).
import assert from "node:assert/strict";
import { createCipher } from "../../../adapters/postgres/cipher.ts";
import { migrate } from "../../../adapters/postgres/migrate.ts";
import { createPostgresStore } from "../../../adapters/postgres/postgres_store.ts";
import { markMspDirty } from "../../../application/lines/mark_dirty.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { benchWorld, callCounts } from "../../bench/bench_world.ts";
import { testDatabase } from "../../support/database.ts";

Deno.test("engine: two workers on one Postgres database with 200 dirty agreements write every addition exactly once", async () => {
  const db = await testDatabase();
  const world = { close: () => Promise.resolve() };
  try {
    await migrate(db.sql);
    const cipher = await createCipher(btoa("k".repeat(32)));
    const storeA = createPostgresStore(db.sql, { cipher });
    // A second client is a second process in effect; the embedded database serves one connection.
    const storeB = db.connect ? createPostgresStore(db.connect(), { cipher }) : storeA;
    if (!db.connect) console.log("two workers share the embedded database's single connection");
    const w = await benchWorld(storeA, {
      msps: 1,
      agreementsPerMsp: 200,
      orgsPerAgreement: 1,
      requestsPerMinute: 600_000,
      now: "2026-11-20T12:00:00Z",
      reportedAt: "2026-11-19T00:00:00Z",
    });
    world.close = w.close;
    assert.equal((await markMspDirty(w.deps, "msp0")).length, 200);
    const [a, b] = await Promise.all([
      drainSync(w.deps, { owner: "worker-a" }),
      drainSync({ ...w.deps, store: storeB }, { owner: "worker-b" }),
    ]);
    assert.equal(a.agreements + b.agreements, 200, "every agreement handled once");
    assert.ok(
      a.agreements > 0 && b.agreements > 0,
      `both workers worked: ${a.agreements}/${b.agreements}`,
    );
    const { writes } = callCounts(w.sim);
    assert.equal(w.sim.counters.effective("POST /finance/agreements/{id}/additions"), 200);
    assert.equal(writes, 200, "exactly one write per addition");
    assert.equal(w.sim.state.additions.length, 200);
    const lines = await storeA.syncLines.list("msp0");
    assert.equal(lines.length, 200);
    assert.ok(
      lines.every((l) => l.status === "in-sync" && l.writtenQuantity === l.desiredQuantity),
    );
  } finally {
    await world.close();
    await db.close();
  }
});
