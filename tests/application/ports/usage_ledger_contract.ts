import assert from "node:assert/strict";
import { compareEntries, type LedgerEntry } from "../../../domain/usage.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";
import { eventIdsContract } from "./event_ids_contract.ts";
import { concurrentReportsContract, periodSummariesContract } from "./period_summaries_contract.ts";

function report(eventId: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    eventId,
    organizationId: "o1",
    occurredAt: new Date("2026-10-15T12:34:56.789Z"),
    licenses: 5,
    servers: 1,
    planId: null,
    ...overrides,
  };
}

/** A plan change through the organization record: no counts. */
const planChange = (eventId: string, occurredAt: string): LedgerEntry =>
  report(eventId, {
    occurredAt: new Date(occurredAt),
    licenses: null,
    servers: null,
    planId: "premium",
  });

const ordered = (entries: LedgerEntry[]) => [...entries].sort(compareEntries);

/** Usage ledger: append-only, once per (MSP, eventId), even under concurrency. */
export async function usageLedgerContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "usage: an empty ledger", async (s) => {
    assert.deepEqual(await s.usage.entries("msp-a", "o1"), []);
    assert.equal(await s.usage.firstPeriod("msp-a"), null);
    assert.deepEqual(await s.usage.msps(), []);
  });

  await contractCase(t, open, "usage: entries read back per organization", async (s) => {
    const mine = [report("e2", { planId: "core" }), report("e1", { licenses: 0, servers: 0 })];
    for (const e of mine) assert.equal(await s.usage.append("msp-a", e), true);
    await s.usage.append("msp-a", report("e3", { organizationId: "o2" }));
    await s.usage.append("msp-b", report("e4"));
    assert.deepEqual(ordered(await s.usage.entries("msp-a", "o1")), ordered(mine));
  });

  await contractCase(
    t,
    open,
    "usage: a duplicate eventId is refused, the first stays",
    async (s) => {
      assert.equal(await s.usage.append("msp-a", report("e1")), true);
      assert.equal(await s.usage.append("msp-a", report("e1", { licenses: 99 })), false);
      assert.deepEqual(await s.usage.entries("msp-a", "o1"), [report("e1")]);
      // Event ids are unique per MSP only.
      assert.equal(await s.usage.append("msp-b", report("e1")), true);
    },
  );

  await contractCase(
    t,
    open,
    "usage: the same report sent 20 times at once is stored once",
    async (s) => {
      const results = await Promise.all(
        Array.from(
          { length: 20 },
          () => s.transaction((r) => r.usage.append("msp-a", report("e1"))),
        ),
      );
      assert.equal(results.filter((stored) => stored).length, 1);
      assert.deepEqual(await s.usage.entries("msp-a", "o1"), [report("e1")]);
    },
  );

  await contractCase(t, open, "usage: firstPeriod is the earliest usage of the MSP", async (s) => {
    await s.usage.append("msp-a", report("e1", { occurredAt: new Date("2026-11-01T00:00:00Z") }));
    await s.usage.append(
      "msp-a",
      report("e2", {
        organizationId: "o2",
        occurredAt: new Date("2026-09-30T23:59:59.999Z"),
      }),
    );
    await s.usage.append("msp-b", report("e3", { occurredAt: new Date("2025-01-01T00:00:00Z") }));
    assert.equal(await s.usage.firstPeriod("msp-a"), "2026-09");
  });

  await contractCase(t, open, "usage: plan changes alone are not usage", async (s) => {
    await s.usage.append("msp-a", planChange("p1", "2026-07-01T00:00:00Z"));
    assert.equal(await s.usage.firstPeriod("msp-a"), null);
    await s.usage.append("msp-a", report("e1"));
    assert.equal(await s.usage.firstPeriod("msp-a"), "2026-10");
    assert.deepEqual(ordered(await s.usage.entries("msp-a", "o1")), [
      planChange("p1", "2026-07-01T00:00:00Z"),
      report("e1"),
    ]);
  });

  await contractCase(t, open, "usage: msps lists every MSP with an entry, sorted", async (s) => {
    await s.usage.append("msp-c", report("e1"));
    await s.usage.append("msp-a", planChange("p1", "2026-07-01T00:00:00Z"));
    await s.usage.append("msp-c", report("e2"));
    assert.deepEqual(await s.usage.msps(), ["msp-a", "msp-c"]);
  });
}

/** Every suite of the usage ledger port, in turn: what each adapter's runner calls. */
export async function usageLedgerContracts(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await usageLedgerContract(t, open);
  await eventIdsContract(t, open);
  await periodSummariesContract(t, open);
  await concurrentReportsContract(t, open);
}
