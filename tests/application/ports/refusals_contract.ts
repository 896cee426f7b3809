import assert from "node:assert/strict";
import type { SyncLine } from "../../../application/ports/sync_lines.ts";
import type { Statement } from "../../../domain/statement.ts";
import type { LedgerEntry } from "../../../domain/usage.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";
import { line as syncLine } from "./sync_lines_contract.ts";

const line = (overrides: Partial<SyncLine>): SyncLine => syncLine(1000, 21, overrides);

const report = (overrides: Partial<LedgerEntry>): LedgerEntry => ({
  eventId: "e1",
  organizationId: "o1",
  occurredAt: new Date("2026-10-15T12:00:00Z"),
  licenses: 5,
  servers: 1,
  planId: null,
  ...overrides,
});

const statement = (overrides: Partial<Statement>): Statement => ({
  organizationId: "o1",
  period: "2026-10",
  planId: "core",
  licenses: 10,
  servers: 2,
  final: true,
  finalizedAt: new Date("2026-11-01T00:00:00Z"),
  ...overrides,
});

/**
 * What both stores refuse: a negative quantity anywhere it is stored (the
 * Postgres CHECK constraints). A refused write leaves nothing behind, and the
 * same write with a valid quantity then goes through.
 */
export async function refusalsContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  for (const field of ["desiredQuantity", "writtenQuantity"] as const) {
    await contractCase(t, open, `refusals: a sync line with a negative ${field}`, async (s) => {
      await assert.rejects(s.syncLines.save("msp-a", line({ [field]: -1 })));
      assert.deepEqual(await s.syncLines.list("msp-a"), []);
      await s.syncLines.save("msp-a", line({ [field]: 0 }));
      assert.equal((await s.syncLines.list("msp-a"))[0][field], 0);
    });

    await contractCase(t, open, `refusals: a recorded line with a negative ${field}`, async (s) => {
      const refused = { agreementId: 1000, lines: [line({ [field]: -1 })], audit: [] };
      await assert.rejects(s.syncLines.record("msp-a", refused));
      assert.deepEqual(await s.syncLines.list("msp-a"), []);
      await s.syncLines.record("msp-a", { ...refused, lines: [line({ [field]: 0 })] });
      assert.equal((await s.syncLines.list("msp-a"))[0][field], 0);
    });
  }

  for (const field of ["licenses", "servers"] as const) {
    await contractCase(t, open, `refusals: a usage report with negative ${field}`, async (s) => {
      await assert.rejects(s.usage.append("msp-a", report({ [field]: -3 })));
      assert.deepEqual(await s.usage.entries("msp-a", "o1"), []);
      assert.deepEqual(await s.usage.msps(), []);
      // The event id is still free.
      assert.equal(await s.usage.append("msp-a", report({ [field]: 0 })), true);
    });

    await contractCase(t, open, `refusals: a statement with negative ${field}`, async (s) => {
      const statements = [statement({}), statement({ organizationId: "o2", [field]: -1 })];
      await assert.rejects(s.statements.finalize("msp-a", "2026-10", [statements]));
      assert.equal(await s.statements.isFinalized("msp-a", "2026-10"), false);
      assert.deepEqual(await s.statements.list("msp-a", "2026-10"), []);
      assert.equal(await s.statements.finalize("msp-a", "2026-10", [[statement({})]]), true);
    });
  }

  await contractCase(t, open, "refusals: inside a transaction, the whole of it", async (s) => {
    await assert.rejects(s.transaction(async (r) => {
      await r.usage.append("msp-a", report({}));
      await r.syncLines.save("msp-a", line({ desiredQuantity: -1 }));
    }));
    assert.deepEqual(await s.usage.entries("msp-a", "o1"), []);
    assert.deepEqual(await s.syncLines.list("msp-a"), []);
  });
}
