import assert from "node:assert/strict";
import { contractCase, type OpenStore } from "./store_contract.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 5, 8, minute));
const lease = { leaseMs: 60_000, limit: 10 };

/** Sync queue: coalescing dirty marks, leased claims, versioned completion. */
export async function syncQueueContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "sync queue: an entry is claimable from notBefore on", async (s) => {
    await s.syncQueue.markDirty("msp-a", 1000, at(5));
    assert.deepEqual(await s.syncQueue.claim("w1", { now: at(4), ...lease }), []);
    assert.deepEqual(await s.syncQueue.claim("w1", { now: at(5), ...lease }), [
      { mspId: "msp-a", agreementId: 1000, version: 1, attempts: 0 },
    ]);
  });

  await contractCase(
    t,
    open,
    "sync queue: marks coalesce, keeping the first notBefore",
    async (s) => {
      await s.syncQueue.markDirty("msp-a", 1000, at(5));
      await s.syncQueue.markDirty("msp-a", 1000, at(30));
      assert.deepEqual(await s.syncQueue.claim("w1", { now: at(5), ...lease }), [
        { mspId: "msp-a", agreementId: 1000, version: 2, attempts: 0 },
      ]);
    },
  );

  await contractCase(
    t,
    open,
    "sync queue: the backlog counts waiting agreements since their first due time",
    async (s) => {
      assert.deepEqual(await s.syncQueue.backlog(), { dirty: 0, oldestDue: null });
      await s.syncQueue.markDirty("msp-a", 1, at(3));
      await s.syncQueue.markDirty("msp-b", 2, at(2));
      await s.syncQueue.markDirty("msp-b", 2, at(9));
      assert.deepEqual(await s.syncQueue.backlog(), { dirty: 2, oldestDue: at(2) });
      const [first] = await s.syncQueue.claim("w1", { now: at(5), ...lease, limit: 1 });
      await s.syncQueue.retry("w1", first, at(40));
      assert.deepEqual(await s.syncQueue.backlog(), { dirty: 2, oldestDue: at(2) });
      const claimed = await s.syncQueue.claim("w1", { now: at(50), ...lease });
      await s.syncQueue.complete("w1", claimed);
      assert.deepEqual(await s.syncQueue.backlog(), { dirty: 0, oldestDue: null });
    },
  );

  await contractCase(t, open, "sync queue: claims the oldest first, at most limit", async (s) => {
    await s.syncQueue.markDirty("msp-a", 3, at(3));
    await s.syncQueue.markDirty("msp-b", 1, at(1));
    await s.syncQueue.markDirty("msp-a", 2, at(2));
    const claimed = await s.syncQueue.claim("w1", { now: at(10), leaseMs: 60_000, limit: 2 });
    assert.deepEqual(claimed.map((c) => [c.mspId, c.agreementId]), [["msp-b", 1], ["msp-a", 2]]);
    const rest = await s.syncQueue.claim("w2", { now: at(10), ...lease });
    assert.deepEqual(rest.map((c) => c.agreementId), [3]);
  });

  await contractCase(t, open, "sync queue: ties are claimed by MSP, then agreement", async (s) => {
    for (const [msp, id] of [["msp-b", 1], ["msp-a", 30], ["msp-a", 4], ["msp-b", 0]] as const) {
      await s.syncQueue.markDirty(msp, id, at(5));
    }
    const first = await s.syncQueue.claim("w1", { now: at(5), leaseMs: 60_000, limit: 3 });
    assert.deepEqual(first.map((c) => [c.mspId, c.agreementId]), [
      ["msp-a", 4],
      ["msp-a", 30],
      ["msp-b", 0],
    ]);
  });

  await contractCase(
    t,
    open,
    "sync queue: a leased entry is taken over once the lease ends",
    async (s) => {
      await s.syncQueue.markDirty("msp-a", 1000, at(0));
      assert.equal((await s.syncQueue.claim("w1", { now: at(1), ...lease })).length, 1);
      assert.deepEqual(await s.syncQueue.claim("w2", { now: at(1), ...lease }), []);
      const taken = await s.syncQueue.claim("w2", { now: at(2), ...lease });
      assert.deepEqual(taken, [{ mspId: "msp-a", agreementId: 1000, version: 1, attempts: 0 }]);
      // The first owner lost it: its complete removes nothing.
      await s.syncQueue.complete("w1", [taken[0]]);
      assert.deepEqual(await s.syncQueue.claim("w3", { now: at(4), ...lease }), taken);
    },
  );

  await contractCase(
    t,
    open,
    "sync queue: renew extends the owner's running leases only",
    async (s) => {
      await s.syncQueue.markDirty("msp-a", 1000, at(0));
      await s.syncQueue.markDirty("msp-a", 1001, at(0));
      assert.equal((await s.syncQueue.claim("w1", { now: at(1), ...lease })).length, 2);
      assert.equal(await s.syncQueue.renew("w2", { now: at(1), leaseMs: 5 * 60_000 }), 0);
      assert.equal(await s.syncQueue.renew("w1", { now: at(1), leaseMs: 5 * 60_000 }), 2);
      // Without the renewal both would be free at minute 2.
      assert.deepEqual(await s.syncQueue.claim("w2", { now: at(3), ...lease }), []);
      assert.equal((await s.syncQueue.claim("w2", { now: at(6), ...lease })).length, 2);
      // w1's leases ran out and were taken: a late heartbeat of w1 takes nothing back.
      assert.equal(await s.syncQueue.renew("w1", { now: at(6), leaseMs: 60 * 60_000 }), 0);
    },
  );

  await contractCase(t, open, "sync queue: complete removes an unchanged entry", async (s) => {
    await s.syncQueue.markDirty("msp-a", 1000, at(0));
    const [item] = await s.syncQueue.claim("w1", { now: at(1), ...lease });
    await s.syncQueue.complete("w1", [item]);
    assert.deepEqual(await s.syncQueue.claim("w1", { now: at(60), ...lease }), []);
  });

  await contractCase(
    t,
    open,
    "sync queue: a mark during the work keeps the entry, unleased",
    async (s) => {
      await s.syncQueue.markDirty("msp-a", 1000, at(0));
      const [item] = await s.syncQueue.claim("w1", { now: at(1), ...lease });
      await s.syncQueue.markDirty("msp-a", 1000, at(1));
      await s.syncQueue.complete("w1", [item]);
      assert.deepEqual(await s.syncQueue.claim("w2", { now: at(1), ...lease }), [
        { mspId: "msp-a", agreementId: 1000, version: 2, attempts: 0 },
      ]);
    },
  );

  await contractCase(t, open, "sync queue: retry releases, waits and counts", async (s) => {
    await s.syncQueue.markDirty("msp-a", 1000, at(0));
    const [item] = await s.syncQueue.claim("w1", { now: at(1), ...lease });
    await s.syncQueue.retry("w2", item, at(2)); // not the owner: ignored
    await s.syncQueue.retry("w1", item, at(20));
    assert.deepEqual(await s.syncQueue.claim("w1", { now: at(19), ...lease }), []);
    assert.deepEqual(await s.syncQueue.claim("w1", { now: at(20), ...lease }), [
      { mspId: "msp-a", agreementId: 1000, version: 1, attempts: 1 },
    ]);
  });

  await contractCase(
    t,
    open,
    "sync queue: concurrent workers never share an agreement",
    async (s) => {
      for (let id = 1; id <= 30; id++) await s.syncQueue.markDirty("msp-a", id, at(0));
      const owners = ["w1", "w2", "w3", "w4"];
      const claims = await Promise.all(
        owners.map((owner) => s.syncQueue.claim(owner, { now: at(1), leaseMs: 60_000, limit: 10 })),
      );
      const ids = claims.flat().map((c) => c.agreementId);
      assert.equal(new Set(ids).size, ids.length, "an agreement was claimed twice");
      assert.equal(ids.length, 30);
    },
  );

  await contractCase(t, open, "sync queue: a claim for one MSP leaves the others", async (s) => {
    await s.syncQueue.markDirty("msp-a", 1, at(0));
    await s.syncQueue.markDirty("msp-b", 2, at(0));
    const mine = await s.syncQueue.claim("w", {
      now: at(1),
      leaseMs: 60_000,
      limit: 10,
      mspId: "msp-b",
    });
    assert.deepEqual(mine.map((c) => [c.mspId, c.agreementId]), [["msp-b", 2]]);
    const rest = await s.syncQueue.claim("w", { now: at(1), leaseMs: 60_000, limit: 10 });
    assert.deepEqual(rest.map((c) => [c.mspId, c.agreementId]), [["msp-a", 1]]);
  });

  await contractCase(
    t,
    open,
    "sync queue: markMappedDirty marks each mapped agreement of the MSP once, as markDirty",
    async (s) => {
      const map = (msp: string, organizationId: string, agreementId: number) =>
        s.companyMappings.save(msp, { organizationId, companyId: 1, agreementId });
      assert.deepEqual(await s.syncQueue.markMappedDirty("msp-a", at(5)), []);
      await map("msp-a", "o1", 3);
      await map("msp-a", "o2", 2);
      await map("msp-a", "o3", 3);
      await map("msp-b", "o1", 4);
      await s.syncQueue.markDirty("msp-a", 2, at(1));
      assert.deepEqual(await s.syncQueue.markMappedDirty("msp-a", at(5)), [2, 3]);
      assert.deepEqual(await s.syncQueue.claim("w1", { now: at(5), ...lease }), [
        { mspId: "msp-a", agreementId: 2, version: 2, attempts: 0 },
        { mspId: "msp-a", agreementId: 3, version: 1, attempts: 0 },
      ]);
      assert.deepEqual(await s.syncQueue.backlog(), { dirty: 2, oldestDue: at(1) });
    },
  );

  await contractCase(
    t,
    open,
    "sync queue: complete takes many, each by its own version and owner",
    async (s) => {
      for (const id of [1, 2, 3]) await s.syncQueue.markDirty("msp-a", id, at(0));
      const claimed = await s.syncQueue.claim("w1", { now: at(1), ...lease });
      await s.syncQueue.markDirty("msp-a", 2, at(1));
      await s.syncQueue.complete("w1", claimed);
      await s.syncQueue.complete("w1", []);
      assert.deepEqual(await s.syncQueue.claim("w2", { now: at(1), ...lease }), [
        { mspId: "msp-a", agreementId: 2, version: 2, attempts: 0 },
      ]);
    },
  );

  await contractCase(
    t,
    open,
    "sync queue: release frees the owner's leases, still due and uncounted",
    async (s) => {
      for (const id of [1, 2, 3]) await s.syncQueue.markDirty("msp-a", id, at(0));
      const claimed = await s.syncQueue.claim("w1", { now: at(1), ...lease });
      await s.syncQueue.release("w2", claimed); // not the owner: ignored
      assert.deepEqual(await s.syncQueue.claim("w2", { now: at(1), ...lease }), []);
      await s.syncQueue.release("w1", claimed.slice(1));
      await s.syncQueue.release("w1", []);
      assert.deepEqual(await s.syncQueue.claim("w2", { now: at(1), ...lease }), claimed.slice(1));
    },
  );

  await contractCase(
    t,
    open,
    "sync queue: markMappedDirty with advance makes a waiting entry due now; queued lists the MSP's entries",
    async (s) => {
      for (const [organizationId, agreementId] of [["o1", 1], ["o2", 2], ["o3", 3]] as const) {
        await s.companyMappings.save("msp-a", { organizationId, companyId: 1, agreementId });
      }
      await s.syncQueue.markDirty("msp-a", 1, at(9)); // coalescing until minute 9
      await s.syncQueue.markDirty("msp-a", 2, at(0));
      await s.syncQueue.markDirty("msp-b", 7, at(0));
      const [two] = await s.syncQueue.claim("w1", { now: at(0), ...lease, mspId: "msp-a" });
      await s.syncQueue.retry("w1", two, at(30)); // in backoff until minute 30
      await s.syncQueue.markMappedDirty("msp-a", at(1)); // without advance: they keep waiting
      assert.deepEqual(await s.syncQueue.claim("w2", { now: at(1), ...lease, mspId: "msp-a" }), [
        { mspId: "msp-a", agreementId: 3, version: 1, attempts: 0 },
      ]);
      assert.deepEqual(await s.syncQueue.queued("msp-a"), [
        { agreementId: 1, notBefore: at(9), leaseUntil: null },
        { agreementId: 2, notBefore: at(30), leaseUntil: null },
        { agreementId: 3, notBefore: at(1), leaseUntil: new Date(at(1).getTime() + 60_000) },
      ]);
      await s.syncQueue.markMappedDirty("msp-a", at(2), { advance: true });
      const due = await s.syncQueue.claim("w3", { now: at(2), ...lease, mspId: "msp-a" });
      // 1 and 2 are due now; 3 too, its one-minute lease having run out.
      assert.deepEqual(due.map((d) => [d.agreementId, d.attempts]), [[3, 0], [1, 0], [2, 1]]);
      // An entry due sooner than the advance keeps its time; another MSP's entries stay apart.
      await s.syncQueue.markDirty("msp-a", 4, at(0));
      await s.companyMappings.save("msp-a", { organizationId: "o4", companyId: 1, agreementId: 4 });
      await s.syncQueue.markMappedDirty("msp-a", at(5), { advance: true });
      const four = (await s.syncQueue.queued("msp-a")).find((q) => q.agreementId === 4);
      assert.deepEqual(four?.notBefore, at(0));
      assert.deepEqual((await s.syncQueue.queued("msp-b")).map((q) => q.agreementId), [7]);
      assert.deepEqual(await s.syncQueue.queued("msp-c"), []);
    },
  );

  await contractCase(
    t,
    open,
    "sync queue: due MSPs, longest waiting first, without the excluded and the leased",
    async (s) => {
      await s.syncQueue.markDirty("msp-c", 1, at(1));
      await s.syncQueue.markDirty("msp-a", 2, at(3));
      await s.syncQueue.markDirty("msp-a", 3, at(0));
      await s.syncQueue.markDirty("msp-b", 4, at(2));
      await s.syncQueue.markDirty("msp-d", 5, at(9));
      const due = (limit: number, excluding: string[] = []) =>
        s.syncQueue.dueMsps({ now: at(5), limit, excluding });
      assert.deepEqual(await due(10), ["msp-a", "msp-c", "msp-b"]);
      assert.deepEqual(await due(2), ["msp-a", "msp-c"]);
      assert.deepEqual(await due(10, ["msp-a", "msp-x"]), ["msp-c", "msp-b"]);
      await s.syncQueue.claim("w1", { now: at(5), leaseMs: 60_000, limit: 10, mspId: "msp-c" });
      assert.deepEqual(await due(10), ["msp-a", "msp-b"], "msp-c's only agreement is leased");
      assert.deepEqual(await due(10, ["msp-a", "msp-b"]), []);
    },
  );
}
