import assert from "node:assert/strict";
import fc from "fast-check";
import { periodFigures } from "../../../domain/figures.ts";
import { figuresFromSummary } from "../../../domain/period_summary.ts";
import { currentPlan } from "../../../domain/plan_history.ts";
import type { LedgerEntry } from "../../../domain/usage.ts";
import { PLANS } from "../../domain/fixtures.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const DAY = 24 * 3600 * 1000;
const FROM = Date.parse("2026-09-01T00:00:00Z");
const PERIODS = ["2026-09", "2026-10", "2026-11", "2026-12"];

/** Histories of two organizations over three months, with ties on the instant. */
const histories = fc.array(
  fc.record({
    org: fc.constantFrom("o1", "o2"),
    day: fc.integer({ min: 0, max: 90 }),
    licenses: fc.option(fc.nat({ max: 99 }), { nil: null }),
    servers: fc.option(fc.nat({ max: 9 }), { nil: null }),
    planId: fc.option(fc.constantFrom("lite", "core", "premium"), { nil: null }),
  }),
  { minLength: 1, maxLength: 14 },
).map((drafts) =>
  drafts.map((d, i): LedgerEntry => ({
    eventId: `ev-${(i * 7919) % 101}-${i}`,
    organizationId: d.org,
    occurredAt: new Date(FROM + d.day * DAY),
    licenses: d.licenses,
    servers: d.servers,
    planId: d.planId,
  }))
);

/** Period summaries: kept by `append`, read by `periodInputs`; the ledger is the oracle. */
export async function periodSummariesContract(
  t: Deno.TestContext,
  open: OpenStore,
): Promise<void> {
  await contractCase(
    t,
    open,
    "summaries: random histories appended in random order give periodFigures of the ledger",
    async (s) => {
      const samples = fc.sample(histories, { numRuns: 12, seed: 20261129 });
      for (const [n, entries] of samples.entries()) {
        const msp = `msp-${n}`;
        const arrival = [...entries].reverse().sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
        for (const e of arrival) assert.equal(await s.usage.append(msp, e), true);
        assert.equal(await s.usage.append(msp, arrival[0]), false, "a duplicate adds nothing");
        for (const period of PERIODS) {
          const inputs = await s.usage.periodInputs(msp, period, ["o1", "o2", "o3"]);
          assert.deepEqual(inputs.map((i) => i.organizationId), ["o1", "o2", "o3"]);
          for (const i of inputs) {
            const own = entries.filter((e) => e.organizationId === i.organizationId);
            const context = { plans: PLANS, currentPlanId: "core" };
            assert.deepEqual(
              figuresFromSummary({ ...i, currentPlanId: "core" }, PLANS),
              periodFigures(own, period, context),
              `${msp} ${i.organizationId} ${period}`,
            );
          }
        }
      }
    },
  );
}

/** Reports sent all at once: several per organization and period, repeats, an unknown organization. */
const burst = fc.array(
  fc.record({
    msp: fc.constantFrom("msp-a", "msp-b"),
    org: fc.constantFrom("o1", "o1", "o2", "o3"),
    day: fc.integer({ min: 0, max: 27 }),
    licenses: fc.nat({ max: 99 }),
    servers: fc.nat({ max: 9 }),
    planId: fc.option(fc.constantFrom("lite", "core", "premium"), { nil: null, freq: 3 }),
    sentTwice: fc.boolean(),
  }),
  { minLength: 40, maxLength: 90 },
);

/**
 * `record` under concurrency, the way the HTTP API calls it: every report
 * gets its own outcome (one `recorded` per eventId, the repeat a
 * `duplicate`, the unknown organization refused) and the summaries, the
 * plans and the dirty marks are those of the reports recorded, whatever
 * the store does to serve them at once (the Postgres store groups them
 * into shared statements).
 */
export async function concurrentReportsContract(
  t: Deno.TestContext,
  open: OpenStore,
): Promise<void> {
  await contractCase(
    t,
    open,
    "summaries: reports recorded concurrently give one outcome each and periodFigures of the ledger",
    async (s) => {
      for (const plan of PLANS.values()) await s.plans.save(plan);
      const orgs = [["msp-a", "o1"], ["msp-a", "o2"], ["msp-b", "o1"], ["msp-b", "o2"]] as const;
      for (const [msp, id] of orgs) {
        await s.organizations.save(msp, { id, name: id, planId: "core", licenseType: "standard" });
      }
      await s.companyMappings.save("msp-a", {
        organizationId: "o1",
        companyId: 7,
        agreementId: 70,
      });
      const notBefore = new Date("2026-11-29T12:00:00Z");
      for (const [n, drafts] of fc.sample(burst, { numRuns: 3, seed: 20261129 }).entries()) {
        const sends = drafts.flatMap((d, i) => {
          const entry: LedgerEntry = {
            eventId: `burst-${n}-${i}`,
            organizationId: d.org,
            occurredAt: new Date(Date.parse("2026-11-01T00:00:00Z") + d.day * DAY + i),
            licenses: d.licenses,
            servers: d.servers,
            planId: d.planId,
          };
          return d.sentTwice
            ? [{ msp: d.msp, entry }, { msp: d.msp, entry }]
            : [{ msp: d.msp, entry }];
        });
        const outcomes = await Promise.all(
          sends.map(({ msp, entry }) => s.usage.record(msp, entry, { accept: true, notBefore })),
        );
        const byEvent = new Map<string, string[]>();
        sends.forEach(({ entry }, i) => {
          byEvent.set(entry.eventId, [...(byEvent.get(entry.eventId) ?? []), outcomes[i].outcome]);
        });
        for (const [i, { entry }] of sends.entries()) {
          const seen = byEvent.get(entry.eventId)!.sort();
          const expected = entry.organizationId === "o3"
            ? seen.map(() => "unknown-organization")
            : seen.length === 2
            ? ["duplicate", "recorded"]
            : ["recorded"];
          assert.deepEqual(seen, expected, `send ${i} (${entry.eventId})`);
        }
      }
      // Everything recorded, in all three bursts: the ledger is the oracle.
      for (const [msp, id] of orgs) {
        const own = await s.usage.entries(msp, id);
        const [i] = await s.usage.periodInputs(msp, "2026-11", [id]);
        assert.deepEqual(
          figuresFromSummary({ ...i, currentPlanId: "core" }, PLANS),
          periodFigures(own, "2026-11", { plans: PLANS, currentPlanId: "core" }),
          `${msp} ${id}`,
        );
        const planNow = currentPlan(own) ?? "core";
        assert.equal((await s.organizations.get(msp, id))?.planId, planNow, `${msp} ${id} plan`);
      }
      const due = await s.syncQueue.claim("contract", {
        now: new Date("2026-11-30T00:00:00Z"),
        limit: 10,
        leaseMs: 1000,
      });
      assert.deepEqual(due.map((d) => [d.mspId, d.agreementId]), [["msp-a", 70]]);
    },
  );
}
