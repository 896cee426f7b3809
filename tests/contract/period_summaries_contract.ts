import assert from "node:assert/strict";
import fc from "fast-check";
import { periodFigures } from "../../domain/figures.ts";
import { figuresFromSummary } from "../../domain/period_summary.ts";
import type { LedgerEntry } from "../../domain/usage.ts";
import { PLANS } from "../domain/fixtures.ts";
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
