import assert from "node:assert/strict";
import type { AuditEntry } from "../../../application/ports/audit_log.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

type NewEntry = Omit<AuditEntry, "id">;

function entry(n: number, overrides: Partial<NewEntry> = {}): NewEntry {
  return {
    at: new Date(Date.UTC(2026, 10, 5, 8, n, 0, 125)),
    action: "update",
    agreementId: 1000,
    productId: 21,
    additionId: 9_007_199_254_740_991 - n,
    period: "2026-11",
    oldQuantity: n,
    newQuantity: n + 1,
    message: `quantity ${n} -> ${n + 1}`,
    ...overrides,
  };
}

const withoutIds = (list: AuditEntry[]) => list.map(({ id: _, ...rest }) => rest);

/** Audit log: per MSP, newest first, paged by an increasing id. */
export async function auditLogContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "audit: empty at first", async (s) => {
    assert.deepEqual(await s.audit.list("msp-a", { limit: 10 }), []);
  });

  await contractCase(
    t,
    open,
    "audit: entries read back newest first with increasing ids",
    async (s) => {
      const finalize = entry(3, {
        action: "final-not-pushed",
        agreementId: null,
        productId: null,
        additionId: null,
        oldQuantity: null,
        newQuantity: null,
      });
      for (const e of [entry(1), entry(2, { action: "drift" }), finalize]) {
        await s.audit.append("msp-a", e);
      }
      const listed = await s.audit.list("msp-a", { limit: 10 });
      assert.deepEqual(withoutIds(listed), [finalize, entry(2, { action: "drift" }), entry(1)]);
      assert.ok(listed[0].id > listed[1].id && listed[1].id > listed[2].id);
    },
  );

  await contractCase(
    t,
    open,
    "audit: an addition found gone (addition-gone) reads back",
    async (s) => {
      const gone = entry(1, {
        action: "addition-gone",
        message: "addition 70001 was cancelled in ConnectWise: nothing written",
      });
      await s.audit.append("msp-a", gone);
      assert.deepEqual(withoutIds(await s.audit.list("msp-a", { limit: 10 })), [gone]);
    },
  );

  await contractCase(t, open, "audit: pages with before and limit", async (s) => {
    for (let n = 1; n <= 5; n++) await s.audit.append("msp-a", entry(n));
    const first = await s.audit.list("msp-a", { limit: 2 });
    assert.deepEqual(withoutIds(first), [entry(5), entry(4)]);
    const second = await s.audit.list("msp-a", { before: first[1].id, limit: 2 });
    assert.deepEqual(withoutIds(second), [entry(3), entry(2)]);
    const last = await s.audit.list("msp-a", { before: second[1].id, limit: 2 });
    assert.deepEqual(withoutIds(last), [entry(1)]);
  });

  await contractCase(t, open, "audit: each MSP sees only its own", async (s) => {
    await s.audit.append("msp-a", entry(1));
    await s.audit.append("msp-b", entry(2));
    assert.deepEqual(withoutIds(await s.audit.list("msp-a", { limit: 10 })), [entry(1)]);
    assert.deepEqual(withoutIds(await s.audit.list("msp-b", { limit: 10 })), [entry(2)]);
  });
}
