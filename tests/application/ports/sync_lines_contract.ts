import assert from "node:assert/strict";
import type { AuditEntry } from "../../../application/ports/audit_log.ts";
import type { SyncLine } from "../../../application/ports/sync_lines.ts";
import { lineKey } from "../../../domain/sync_line.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

/** A pending line of 2026-11 with quantity 12; fields overridden as given. */
export function line(
  agreementId: number,
  productId: number | null,
  overrides: Partial<SyncLine> = {},
): SyncLine {
  return {
    agreementId,
    productId,
    kind: "license",
    period: "2026-11",
    final: false,
    desiredQuantity: 12,
    writtenQuantity: null,
    additionId: null,
    status: "pending",
    reason: null,
    updatedAt: new Date("2026-11-05T08:00:00.250Z"),
    ...overrides,
  } satisfies SyncLine;
}

const blocked = (agreementId: number) =>
  line(agreementId, null, {
    kind: "server",
    status: "blocked",
    reason: 'plan "core" has no server product',
  });

/** Sync lines: one per lineKey per MSP, listed by lineKey, pruned per agreement. */
export async function syncLinesContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "sync lines: none at first", async (s) => {
    assert.deepEqual(await s.syncLines.list("msp-a"), []);
    assert.deepEqual(await s.syncLines.forAgreement("msp-a", 1000), []);
  });

  await contractCase(t, open, "sync lines: saved lines read back, sorted by key", async (s) => {
    const all = [line(1000, 22), blocked(1000), line(1000, 21), line(20, 21)];
    for (const l of all) await s.syncLines.save("msp-a", l);
    const expected = [...all].sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
    assert.deepEqual(await s.syncLines.list("msp-a"), expected);
    assert.deepEqual(
      await s.syncLines.forAgreement("msp-a", 1000),
      expected.filter((l) => l.agreementId === 1000),
    );
  });

  await contractCase(t, open, "sync lines: saving the same key replaces the line", async (s) => {
    await s.syncLines.save("msp-a", line(1000, 21));
    const written = line(1000, 21, {
      final: true,
      writtenQuantity: 12,
      additionId: 777,
      status: "in-sync",
      updatedAt: new Date("2026-12-01T00:00:01Z"),
    });
    await s.syncLines.save("msp-a", written);
    assert.deepEqual(await s.syncLines.list("msp-a"), [written]);
  });

  await contractCase(
    t,
    open,
    "sync lines: prune keeps only the listed keys of that agreement",
    async (s) => {
      for (const l of [line(1000, 21), line(1000, 22), blocked(1000), line(2000, 21)]) {
        await s.syncLines.save("msp-a", l);
      }
      await s.syncLines.save("msp-b", blocked(1000));
      await s.syncLines.prune("msp-a", 1000, [lineKey(line(1000, 21))]);
      assert.deepEqual(await s.syncLines.list("msp-a"), [line(1000, 21), line(2000, 21)]);
      await s.syncLines.prune("msp-a", 1000, []);
      assert.deepEqual(await s.syncLines.list("msp-a"), [line(2000, 21)]);
      assert.deepEqual(await s.syncLines.list("msp-b"), [blocked(1000)]);
    },
  );

  await contractCase(
    t,
    open,
    "sync lines: forAgreements reads the listed agreements",
    async (s) => {
      const all = [line(1000, 22), blocked(1000), line(2000, 21), line(3000, 21)];
      for (const l of all) await s.syncLines.save("msp-a", l);
      await s.syncLines.save("msp-b", line(1000, 23));
      const expected = [line(1000, 22), blocked(1000), line(3000, 21)]
        .sort((a, b) => lineKey(a).localeCompare(lineKey(b)));
      assert.deepEqual(await s.syncLines.forAgreements("msp-a", [1000, 3000, 4000]), expected);
      assert.deepEqual(await s.syncLines.forAgreements("msp-a", []), []);
    },
  );

  await contractCase(
    t,
    open,
    "sync lines: record makes the lines the agreement's only ones and appends the audit in order",
    async (s) => {
      for (const l of [line(1000, 21), line(1000, 22), blocked(1000), line(2000, 21)]) {
        await s.syncLines.save("msp-a", l);
      }
      await s.syncLines.save("msp-b", line(1000, 22));
      const written = line(1000, 22, {
        final: true,
        writtenQuantity: 12,
        additionId: 9_007_199_254_740_991,
        status: "in-sync",
        reason: "two organizations",
        updatedAt: new Date("2026-12-01T00:00:01.125Z"),
      });
      const added = line(1000, 23, { desiredQuantity: 0, status: "in-sync" });
      const audit = [
        auditEntry(1, { action: "create", oldQuantity: null, additionId: null }),
        auditEntry(2, { action: "drift", agreementId: null, productId: null, period: null }),
        auditEntry(3),
      ];
      await s.syncLines.record("msp-a", { agreementId: 1000, lines: [written, added], audit });
      assert.deepEqual(await s.syncLines.list("msp-a"), [written, added, line(2000, 21)]);
      assert.deepEqual(await s.syncLines.list("msp-b"), [line(1000, 22)]);
      const logged = await s.audit.list("msp-a", { limit: 10 });
      assert.deepEqual(logged.map(({ id: _, ...rest }) => rest), [...audit].reverse());
      assert.deepEqual(await s.audit.list("msp-b", { limit: 10 }), []);
    },
  );

  await contractCase(
    t,
    open,
    "sync lines: record with no lines removes the agreement's; with null keeps them",
    async (s) => {
      for (const l of [line(1000, 21), line(2000, 21)]) await s.syncLines.save("msp-a", l);
      await s.syncLines.record("msp-a", { agreementId: 2000, lines: null, audit: [auditEntry(1)] });
      assert.deepEqual(await s.syncLines.list("msp-a"), [line(1000, 21), line(2000, 21)]);
      assert.equal((await s.audit.list("msp-a", { limit: 10 })).length, 1);
      await s.syncLines.record("msp-a", { agreementId: 1000, lines: [], audit: [] });
      assert.deepEqual(await s.syncLines.list("msp-a"), [line(2000, 21)]);
      assert.equal((await s.audit.list("msp-a", { limit: 10 })).length, 1);
    },
  );

  await contractCase(
    t,
    open,
    "sync lines: a record with another agreement's line is refused whole",
    async (s) => {
      await s.syncLines.save("msp-a", line(1000, 21));
      await assert.rejects(
        s.syncLines.record("msp-a", {
          agreementId: 1000,
          lines: [line(1000, 22), line(2000, 21)],
          audit: [auditEntry(1)],
        }),
      );
      assert.deepEqual(await s.syncLines.list("msp-a"), [line(1000, 21)]);
      assert.deepEqual(await s.audit.list("msp-a", { limit: 10 }), []);
    },
  );
}

/** An audit entry of agreement 1000 for the record cases. */
function auditEntry(n: number, overrides: Partial<Omit<AuditEntry, "id">> = {}) {
  return {
    at: new Date(Date.UTC(2026, 11, 1, 0, n, 0, 125)),
    action: "update",
    agreementId: 1000,
    productId: 22,
    additionId: 700 + n,
    period: "2026-11",
    oldQuantity: n,
    newQuantity: n + 1,
    message: `quantity ${n} -> ${n + 1}`,
    ...overrides,
  } satisfies Omit<AuditEntry, "id">;
}
