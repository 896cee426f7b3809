import assert from "node:assert/strict";
import { TransactionConflict } from "../../../application/ports/store.ts";
import type { Plan } from "../../../domain/plan.ts";
import { contractCase, entry as report, type OpenStore } from "./store_contract.ts";

const core: Plan = { id: "core", name: "Core", tier: 1, includesServers: true };

/** A plan whose fields a test may overwrite, to show the store does not share it. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The unit of work of the Store port: work that runs again after a conflict
 * starts from a clean state and only its last run counts; and what goes in
 * or comes out of a store is a copy, never the store's own record.
 */
export async function unitOfWorkContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(
    t,
    open,
    "work run twice: the conflicting run is undone, the last one answers",
    async (s) => {
      await s.plans.save(core);
      const seen: number[] = [];
      const result = await s.transaction(async (r) => {
        const plan = await r.plans.get("core");
        assert.ok(plan);
        seen.push(plan.tier);
        await r.plans.save({ ...plan, tier: plan.tier + 10 });
        await r.usage.append("msp-a", report(`e${seen.length}`));
        await r.syncQueue.markDirty("msp-a", 7, new Date("2026-11-02T00:00:00Z"));
        if (seen.length === 1) throw new TransactionConflict();
        return `run ${seen.length}`;
      });
      assert.equal(result, "run 2");
      assert.deepEqual(seen, [1, 1], "the second run saw the first run's writes");
      assert.equal((await s.plans.get("core"))?.tier, 11);
      assert.deepEqual(await s.usage.entries("msp-a", "o1"), [report("e2")]);
      assert.equal(
        await s.usage.append("msp-a", report("e1")),
        true,
        "the undone run's event id was still taken",
      );
      const [dirty] = await s.syncQueue.claim("w", {
        now: new Date("2026-11-02T00:00:00Z"),
        leaseMs: 60_000,
        limit: 10,
      });
      assert.equal(dirty.version, 1, "the undone run's dirty mark still counted");
    },
  );

  await contractCase(t, open, "work that fails otherwise runs once", async (s) => {
    let runs = 0;
    await assert.rejects(
      s.transaction(async (r) => {
        runs += 1;
        await r.plans.save(core);
        throw new Error("not a conflict");
      }),
      /not a conflict/,
    );
    assert.equal(runs, 1);
    assert.equal(await s.plans.get("core"), undefined);
  });

  await contractCase(t, open, "reads and writes are copies of the stored rows", async (s) => {
    const saved: Writable<Plan> = { ...core };
    await s.plans.save(saved);
    saved.tier = 9;
    const read = await s.plans.get("core") as Writable<Plan>;
    read.tier = 8;
    (await s.plans.list()).pop();
    assert.deepEqual(await s.plans.list(), [core]);

    const entry = report("e1");
    await s.usage.append("msp-a", entry);
    entry.occurredAt.setTime(0);
    const [got] = await s.usage.entries("msp-a", "o1");
    got.occurredAt.setTime(0);
    assert.deepEqual(await s.usage.entries("msp-a", "o1"), [report("e1")]);

    await s.transaction(async (r) => {
      const plan = await r.plans.get("core") as Writable<Plan>;
      plan.name = "changed, not saved";
    });
    assert.deepEqual(await s.plans.get("core"), core);
  });
}
