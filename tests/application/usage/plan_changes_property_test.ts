import assert from "node:assert/strict";
import fc from "fast-check";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { periodStatement } from "../../../application/views/period_reads.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, createdBy } from "../../support/setup.ts";

const MSP = "msp-a";
const PLAN = fc.constantFrom("lite", "core", "premium");

/** One step of an organization's month, an hour after the previous one. */
const step = fc.oneof(
  fc.record({ kind: fc.constant("put" as const), planId: PLAN }),
  fc.record({
    kind: fc.constant("report" as const),
    licenses: fc.nat({ max: 50 }),
    servers: fc.nat({ max: 5 }),
    planId: fc.option(PLAN, { nil: undefined }),
  }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Plays one history; the organization is created by PUT or by the company import. */
async function bill(path: "put" | "import", first: string, steps: readonly Step[]) {
  const w = await testWorld({ now: "2026-11-01T08:00:00Z" });
  await connectAndMapProducts(w);
  await createdBy(path, w, { mspId: MSP, name: "Org", planId: first });
  const fields = { name: "Org", licenseType: "standard" as const, planId: first };
  for (const [i, s] of steps.entries()) {
    w.clock.advance(3_600_000);
    if (s.kind === "put") {
      await upsertOrganization(w.deps, { mspId: MSP, id: "o1", ...fields, planId: s.planId });
    } else {
      await reportUsage(w.deps, {
        mspId: MSP,
        organizationId: "o1",
        eventId: `e${i}`,
        occurredAt: w.clock.now(),
        licenses: s.licenses,
        servers: s.servers,
        planId: s.planId,
      });
    }
  }
  w.clock.advance(5_000);
  await drainSync(w.deps, { owner: "t" });
  const statements = await periodStatement(w.deps, { mspId: MSP, period: "2026-11" });
  return {
    statements: statements.map((s) => [s.planId, s.licenses, s.servers]),
    additions: w.cw.data.additions.map((a) => [a.agreementId, a.productId, a.quantity]).sort(),
  };
}

Deno.test("plan history: over random creation paths, plan changes and reports, identical histories give identical bills", async () => {
  await fc.assert(
    fc.asyncProperty(PLAN, fc.array(step, { maxLength: 8 }), async (first, steps) => {
      assert.deepEqual(await bill("import", first, steps), await bill("put", first, steps));
    }),
    { numRuns: 60 },
  );
});
