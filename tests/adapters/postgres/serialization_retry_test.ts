import assert from "node:assert/strict";
import { withPostgres } from "../../support/store_fixture.ts";

/**
 * The contract case "work run twice" declares its conflict with
 * TransactionConflict; here the database raises a real one (40001), and the
 * run it undoes leaves nothing behind either.
 */
Deno.test("postgres store: a serialization failure runs work again from a clean state", async (t) => {
  await withPostgres(async ({ db, open }) => {
    if (db.connect === null) {
      console.log(
        "serialization_retry_test.ts: skipped, it needs a second connection (DATABASE_URL)",
      );
    }
    await t.step({
      name: "a concurrent update of a row the work read and writes",
      // PGlite is one session: there is no concurrent transaction to conflict with.
      ignore: db.connect === null,
      fn: async () => {
        const { store } = await open();
        const other = db.connect!();
        await store.plans.save({ id: "core", name: "Core", tier: 1, includesServers: true });
        const seen: number[] = [];
        await store.transaction(async (r) => {
          const plan = await r.plans.get("core"); // the transaction's snapshot starts here
          assert.ok(plan);
          seen.push(plan.tier);
          await r.usage.append("msp-a", {
            eventId: `e${seen.length}`,
            organizationId: "o1",
            occurredAt: new Date("2026-10-15T12:00:00Z"),
            licenses: 5,
            servers: 1,
            planId: null,
          });
          // Another session changes the plan after the snapshot, once.
          if (seen.length === 1) await other`UPDATE plans SET tier = tier + 100 WHERE id = 'core'`;
          await r.plans.save({ ...plan, tier: plan.tier + 1 });
        });
        assert.deepEqual(seen, [1, 101], "work did not run again after the conflict");
        assert.equal((await store.plans.get("core"))?.tier, 102);
        assert.deepEqual((await store.usage.entries("msp-a", "o1")).map((e) => e.eventId), ["e2"]);
      },
    });
  });
});
