import assert from "node:assert/strict";
import type { ProductMapping } from "../../../domain/product_mapping.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const lite: ProductMapping = {
  planId: "lite",
  license: { productId: 11, identifier: "VPN-LITE" },
  server: null,
};
const core: ProductMapping = {
  planId: "core",
  license: { productId: 21, identifier: "VPN-CORE" },
  server: { productId: 22, identifier: "VPN-SERVER" },
};

const byPlan = (list: ProductMapping[]) =>
  [...list].sort((a, b) => a.planId.localeCompare(b.planId));

/** Product mappings: one per (MSP, plan), replaced whole, never visible to another MSP. */
export async function productMappingsContract(
  t: Deno.TestContext,
  open: OpenStore,
): Promise<void> {
  await contractCase(t, open, "product mappings: none at first", async (s) => {
    assert.equal(await s.productMappings.get("msp-a", "core"), undefined);
    assert.deepEqual(await s.productMappings.list("msp-a"), []);
  });

  await contractCase(t, open, "product mappings: saved ones read back equal", async (s) => {
    await s.productMappings.save("msp-a", lite);
    await s.productMappings.save("msp-a", core);
    assert.deepEqual(await s.productMappings.get("msp-a", "lite"), lite);
    assert.deepEqual(await s.productMappings.get("msp-a", "core"), core);
    assert.deepEqual(byPlan(await s.productMappings.list("msp-a")), [core, lite]);
  });

  await contractCase(t, open, "product mappings: saving a plan again replaces it", async (s) => {
    await s.productMappings.save("msp-a", core);
    const remapped = { ...core, license: { productId: 99, identifier: "NEW" }, server: null };
    await s.productMappings.save("msp-a", remapped);
    assert.deepEqual(await s.productMappings.list("msp-a"), [remapped]);
  });

  await contractCase(t, open, "product mappings: each MSP sees only its own", async (s) => {
    await s.productMappings.save("msp-a", core);
    await s.productMappings.save("msp-b", { ...core, server: null });
    assert.deepEqual(await s.productMappings.get("msp-a", "core"), core);
    assert.deepEqual(await s.productMappings.list("msp-b"), [{ ...core, server: null }]);
    assert.deepEqual(await s.productMappings.list("msp-c"), []);
  });
}
