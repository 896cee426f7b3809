import assert from "node:assert/strict";
import type { SyncLine } from "../../application/ports/sync_lines.ts";
import { lineKey } from "../../domain/sync_line.ts";
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
}
