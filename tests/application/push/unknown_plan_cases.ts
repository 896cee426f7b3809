// Engine cases for an organization whose plan the catalog does not hold: its
// line is blocked with that reason, never dropped, and the others on its
// agreement bill on. The API refuses such a plan (plan-not-found), so the case
// writes it into the store directly, as a record written before that check
// would be. Run on both stores by engine_memory_test.ts and engine_postgres_test.ts.
import assert from "node:assert/strict";
import { savePlan } from "../../../application/figures/plans.ts";
import { mapProducts } from "../../../application/setup/product_mappings.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { periodStatement } from "../../../application/views/period_reads.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { mappedOrganization } from "../../support/setup.ts";
import type { SimWorld } from "../../support/sim_world.ts";
import type { EngineCase } from "./engine_cases.ts";

const MSP = "msp-a";
let seq = 0;

function usage(org: string, at: string, licenses: number) {
  return {
    mspId: MSP,
    organizationId: org,
    eventId: `unknown-plan-${++seq}`,
    occurredAt: new Date(at),
    licenses,
    servers: 0,
  };
}

function settle(w: SimWorld) {
  w.clock.advance(5_000);
  return drainSync(w.deps, { owner: "test" });
}

/** Puts `org` on plan "gold" from `at` on, past the checks the API makes. */
async function onUnknownPlan(w: SimWorld, org: string, at: string) {
  const record = await w.store.organizations.get(MSP, org);
  await w.store.organizations.save(MSP, { ...record!, planId: "gold" });
  await w.store.usage.append(MSP, {
    eventId: `plan-change:gold-${org}`,
    organizationId: org,
    occurredAt: new Date(at),
    licenses: null,
    servers: null,
    planId: "gold",
  });
}

export const unknownPlanCases: EngineCase[] = [{
  name:
    'an organization on a plan that is not known is blocked with reason plan "gold" is not known, the others on its agreement bill on, and it bills once the plan is created',
  body: async (w) => {
    await mappedOrganization(w, { id: "o1", planId: "lite" });
    await mappedOrganization(w, { id: "o2", planId: "lite" });
    await onUnknownPlan(w, "o1", "2026-11-10T00:00:00Z");
    await reportUsage(w.deps, usage("o1", "2026-11-12T00:00:00Z", 7));
    await reportUsage(w.deps, usage("o2", "2026-11-12T00:00:00Z", 3));
    await settle(w);

    const lines = (await w.store.syncLines.list(MSP)).filter((l) => l.agreementId === 1000);
    const blocked = lines.find((l) => l.status === "blocked");
    assert.equal(blocked?.reason, 'plan "gold" is not known');
    assert.equal(blocked?.productId, null);
    assert.equal(blocked?.kind, "license");
    assert.deepEqual(w.quantities(1000, 11), [3], "o2 bills on; o1 adds nothing");
    await assert.rejects(
      () => periodStatement(w.deps, { mspId: MSP, period: "2026-11" }),
      { name: "UnknownPlanError", code: "plan-not-found", kind: "invalid" },
    );

    await savePlan(w.deps, { id: "gold", name: "Gold", tier: 5, includesServers: false });
    await mapProducts(w.deps, { mspId: MSP, planId: "gold", license: { productId: 11 } });
    await settle(w);
    assert.deepEqual(w.quantities(1000, 11), [10], "o1's usage was kept: 7 + 3");
    const after = (await w.store.syncLines.list(MSP)).filter((l) => l.agreementId === 1000);
    assert.deepEqual(after.map((l) => [l.productId, l.status]), [[11, "in-sync"]]);
  },
}];
