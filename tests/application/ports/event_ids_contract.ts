import assert from "node:assert/strict";
import type { Store } from "../../../application/ports/store.ts";
import type { LedgerEntry } from "../../../domain/usage.ts";
import { PLANS } from "../../domain/fixtures.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const options = { accept: true, notBefore: new Date("2026-11-20T10:01:00Z") };

function report(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    eventId: "evt-1",
    organizationId: "o1",
    occurredAt: new Date("2026-11-20T10:00:00.123Z"),
    licenses: 25,
    servers: 2,
    planId: null,
    ...overrides,
  };
}

/** Plans, and organizations o1 and o2 of msp-a and msp-b, o1 mapped to agreement 70. */
async function seed(s: Store): Promise<void> {
  for (const plan of PLANS.values()) await s.plans.save(plan);
  for (const msp of ["msp-a", "msp-b"]) {
    for (const id of ["o1", "o2"]) {
      await s.organizations.save(msp, { id, name: id, planId: "core", licenseType: "standard" });
    }
  }
  await s.companyMappings.save("msp-a", { organizationId: "o1", companyId: 7, agreementId: 70 });
}

/** What the MSP's ledger and figures hold, to see that a refused report stored nothing. */
async function held(s: Store) {
  const entries = [
    ...await s.usage.entries("msp-a", "o1"),
    ...await s.usage.entries("msp-a", "o2"),
  ];
  const inputs = await s.usage.periodInputs("msp-a", "2026-11", ["o1", "o2"]);
  const plan = (await s.organizations.get("msp-a", "o1"))?.planId;
  return { entries, summaries: inputs.map((i) => i.summary), plan };
}

/**
 * Event ids (DOMAIN.md "Usage and periods"): the same eventId with the same
 * content is a duplicate; with other content it is reused, and nothing is
 * stored, whether the two reports come one after the other or at once.
 */
export async function eventIdsContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "event ids: the same report again is a duplicate", async (s) => {
    await seed(s);
    assert.equal((await s.usage.record("msp-a", report(), options)).outcome, "recorded");
    const before = await held(s);
    assert.deepEqual(await s.usage.record("msp-a", report(), options), {
      outcome: "duplicate",
      lastFinal: null,
    });
    assert.deepEqual(await held(s), before);
  });

  const changes: [string, Partial<LedgerEntry>][] = [
    ["organizationId", { organizationId: "o2" }],
    ["occurredAt", { occurredAt: new Date("2026-11-20T10:00:00.124Z") }],
    ["licenses", { licenses: 999 }],
    ["servers", { servers: 0 }],
    ["planId", { planId: "premium" }],
  ];
  await contractCase(
    t,
    open,
    "event ids: the same eventId with another organization, instant, count or plan is reused, and nothing is stored",
    async (s) => {
      await seed(s);
      await s.usage.record("msp-a", report(), options);
      const before = await held(s);
      for (const [field, change] of changes) {
        const recorded = await s.usage.record("msp-a", report(change), options);
        assert.deepEqual(recorded, {
          outcome: "event-id-reused",
          lastFinal: null,
          differences: [field],
        }, field);
      }
      const recorded = await s.usage.record("msp-a", report({ licenses: 1, servers: 1 }), {
        ...options,
        accept: false, // refused by the caller anyway (in the future, say): still named reused
      });
      assert.deepEqual(recorded.differences, ["licenses", "servers"]);
      assert.deepEqual(await held(s), before);
      // Unique per MSP: another MSP's report with that id is its own.
      assert.equal((await s.usage.record("msp-b", report(), options)).outcome, "recorded");
    },
  );

  await contractCase(
    t,
    open,
    "event ids: two different reports with one id at once: one is recorded, the other reused",
    async (s) => {
      await seed(s);
      for (let round = 0; round < 5; round++) {
        const eventId = `race-${round}`;
        const first = report({ eventId, licenses: 10 + round });
        const second = report({ eventId, licenses: 90 + round, planId: "premium" });
        const outcomes = await Promise.all([
          s.usage.record("msp-a", first, options),
          s.usage.record("msp-a", second, options),
        ]);
        const names = outcomes.map((o) => o.outcome).sort();
        assert.deepEqual(names, ["event-id-reused", "recorded"], `round ${round}`);
        const kept = outcomes[0].outcome === "recorded" ? first : second;
        const stored = (await s.usage.entries("msp-a", "o1")).filter((e) => e.eventId === eventId);
        assert.deepEqual(stored, [kept], `round ${round}: only the recorded report is stored`);
        const reused = outcomes.find((o) => o.outcome === "event-id-reused")!;
        assert.deepEqual(reused.differences, ["licenses", "planId"]);
      }
      // The same report twice at once: recorded once, the other a duplicate.
      const same = report({ eventId: "twice" });
      const outcomes = await Promise.all([
        s.usage.record("msp-a", same, options),
        s.usage.record("msp-a", same, options),
      ]);
      assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ["duplicate", "recorded"]);
    },
  );
}
