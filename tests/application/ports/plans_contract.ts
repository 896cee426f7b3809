import assert from "node:assert/strict";
import type { Plan } from "../../../domain/plan.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const lite: Plan = { id: "lite", name: "Lite", tier: 1, includesServers: false };
const core: Plan = { id: "core", name: "Core", tier: 2, includesServers: true };
const premium: Plan = { id: "premium", name: "Premium", tier: 3, includesServers: true };

/** Plans: a global catalog, replaced by id, listed by tier. */
export async function plansContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "plans: an unknown plan is undefined", async (s) => {
    assert.equal(await s.plans.get("core"), undefined);
    assert.deepEqual(await s.plans.list(), []);
  });

  await contractCase(t, open, "plans: a saved plan reads back equal", async (s) => {
    await s.plans.save(lite);
    assert.deepEqual(await s.plans.get("lite"), lite);
  });

  await contractCase(t, open, "plans: saving the same id replaces the plan", async (s) => {
    await s.plans.save(core);
    await s.plans.save({ ...core, name: "Core 2", tier: 5, includesServers: false });
    assert.deepEqual(await s.plans.get("core"), {
      id: "core",
      name: "Core 2",
      tier: 5,
      includesServers: false,
    });
    assert.equal((await s.plans.list()).length, 1);
  });

  await contractCase(t, open, "plans: listed by tier, lowest first", async (s) => {
    for (const plan of [premium, lite, core]) await s.plans.save(plan);
    assert.deepEqual(await s.plans.list(), [lite, core, premium]);
  });
}
