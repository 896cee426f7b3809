import assert from "node:assert/strict";
import type { LedgerEntry } from "../../../domain/usage.ts";
import type { Store } from "../../../application/ports/store.ts";

/** A store emptied for one case, and how to let go of it. */
export interface OpenedStore {
  readonly store: Store;
  close(): Promise<void>;
}

/** Opens a fresh, empty store: the memory store, or the Postgres store on a test database. */
export type OpenStore = () => Promise<OpenedStore>;

/** Runs one contract case as a step, on a fresh store that is closed whatever happens. */
export function contractCase(
  t: Deno.TestContext,
  open: OpenStore,
  name: string,
  body: (store: Store) => Promise<void>,
): Promise<boolean> {
  return t.step(name, async () => {
    const { store, close } = await open();
    try {
      await body(store);
    } finally {
      await close();
    }
  });
}

/** An error the work throws on purpose, to see that nothing it wrote remains. */
class Abandon extends Error {}

const plan = (id: string, tier: number) => ({ id, name: id, tier, includesServers: true });

/** Store: a transaction commits whole or not at all, and concurrent ones do not lose writes. */
export async function storeContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(
    t,
    open,
    "a transaction commits every write and returns its result",
    async (s) => {
      const result = await s.transaction(async (r) => {
        await r.plans.save(plan("core", 1));
        await r.organizations.save("msp-a", {
          id: "o1",
          name: "O",
          planId: "core",
          licenseType: "standard",
        });
        await r.syncQueue.markDirty("msp-a", 7, new Date("2026-11-02T00:00:00Z"));
        return "done";
      });
      assert.equal(result, "done");
      assert.equal((await s.plans.get("core"))?.tier, 1);
      assert.equal((await s.organizations.get("msp-a", "o1"))?.planId, "core");
    },
  );

  await contractCase(t, open, "work sees its own writes before it commits", async (s) => {
    await s.transaction(async (r) => {
      await r.plans.save(plan("core", 1));
      assert.equal((await r.plans.get("core"))?.tier, 1);
      assert.equal(await r.usage.append("msp-a", entry("e1")), true);
      assert.equal((await r.usage.entries("msp-a", "o1")).length, 1);
    });
  });

  await contractCase(t, open, "a failing transaction leaves nothing behind", async (s) => {
    await s.plans.save(plan("core", 1));
    await assert.rejects(
      s.transaction(async (r) => {
        await r.plans.save(plan("core", 9));
        await r.usage.append("msp-a", entry("e1"));
        await r.statements.finalize("msp-a", "2026-10", []);
        await r.audit.append("msp-a", {
          at: new Date("2026-11-01T00:00:00Z"),
          action: "final-not-pushed",
          agreementId: null,
          productId: null,
          additionId: null,
          period: "2026-10",
          oldQuantity: null,
          newQuantity: null,
          message: "finalized",
        });
        throw new Abandon("changed my mind");
      }),
      Abandon,
    );
    assert.equal((await s.plans.get("core"))?.tier, 1);
    assert.deepEqual(await s.usage.entries("msp-a", "o1"), []);
    assert.equal(await s.statements.isFinalized("msp-a", "2026-10"), false);
    assert.deepEqual(await s.audit.list("msp-a", { limit: 10 }), []);
    // The event id is free again: the failed append left no trace.
    assert.equal(await s.usage.append("msp-a", entry("e1")), true);
  });

  await contractCase(
    t,
    open,
    "concurrent read-modify-write transactions lose no update",
    async (s) => {
      await s.plans.save(plan("core", 0));
      await Promise.all(Array.from({ length: 8 }, () =>
        s.transaction(async (r) => {
          const current = await r.plans.get("core");
          assert.ok(current);
          await r.plans.save({ ...current, tier: current.tier + 1 });
        })));
      assert.equal((await s.plans.get("core"))?.tier, 8);
    },
  );
}

/** A usage report of organization o1 in October 2026. */
export function entry(eventId: string): LedgerEntry {
  return {
    eventId,
    organizationId: "o1",
    occurredAt: new Date("2026-10-15T12:00:00Z"),
    licenses: 5,
    servers: 1,
    planId: null,
  };
}
