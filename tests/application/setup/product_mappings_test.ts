import assert from "node:assert/strict";
import { connect } from "../../../application/connection/connection.ts";
import { listProductMappings, mapProducts } from "../../../application/setup/product_mappings.ts";
import { CREDENTIALS, testWorld } from "../../support/fixtures.ts";

async function connected() {
  const world = await testWorld();
  await connect(world.deps, { mspId: "msp-a", credentials: CREDENTIALS });
  return world;
}

Deno.test("product mapping: a server slot on a Lite plan fails with server-not-applicable and creates nothing", async () => {
  const { deps, cw } = await connected();
  await assert.rejects(
    mapProducts(deps, {
      mspId: "msp-a",
      planId: "lite",
      license: { create: { identifier: "NEW-LITE", description: "Lite" } },
      server: { productId: 22 },
    }),
    { code: "server-not-applicable" },
  );
  assert.equal(cw.writes.length, 0);
});

Deno.test("product mapping: an unknown plan fails with plan-not-found, an unknown product with product-not-found", async () => {
  const { deps } = await connected();
  await assert.rejects(
    mapProducts(deps, { mspId: "msp-a", planId: "gold", license: { productId: 11 } }),
    { code: "plan-not-found" },
  );
  await assert.rejects(
    mapProducts(deps, { mspId: "msp-a", planId: "lite", license: { productId: 999 } }),
    { code: "product-not-found" },
  );
});

Deno.test("product mapping: a slot may create its product in ConnectWise", async () => {
  const { deps, cw } = await connected();
  const view = await mapProducts(deps, {
    mspId: "msp-a",
    planId: "core",
    license: { create: { identifier: "NEW-CORE", description: "Core seat", price: 5 } },
    server: { productId: 22 },
  });
  assert.equal(view.license?.identifier, "NEW-CORE");
  assert.ok(cw.data.products.some((p) => p.identifier === "NEW-CORE"));
  assert.equal(view.ready, true);
});

Deno.test("product mapping: a plan is ready only when all its slots are mapped", async () => {
  const { deps } = await connected();
  await mapProducts(deps, { mspId: "msp-a", planId: "core", license: { productId: 21 } });
  await mapProducts(deps, { mspId: "msp-a", planId: "lite", license: { productId: 21 } });
  const views = await listProductMappings(deps, "msp-a");
  const byPlan = Object.fromEntries(views.map((v) => [v.planId, v]));
  assert.equal(byPlan.core.ready, false);
  assert.equal(byPlan.core.reason, 'plan "core" has no server product');
  assert.equal(byPlan.lite.ready, true);
  assert.equal(byPlan.lite.serverApplicable, false);
  assert.equal(byPlan.premium.license, null);
  // the same catalog product serves two plans
  assert.equal(byPlan.core.license?.productId, byPlan.lite.license?.productId);
});

Deno.test("product mapping: mappings of one MSP are invisible to another", async () => {
  const { deps } = await connected();
  await mapProducts(deps, { mspId: "msp-a", planId: "lite", license: { productId: 11 } });
  await connect(deps, { mspId: "msp-b", credentials: CREDENTIALS });
  const views = await listProductMappings(deps, "msp-b");
  assert.ok(views.every((v) => v.license === null));
});

Deno.test("product mapping: one product as both license and server (in a plan or across plans) fails with product-kind-conflict; nothing is created", async () => {
  const { deps, cw } = await connected();
  await assert.rejects(
    mapProducts(deps, {
      mspId: "msp-a",
      planId: "core",
      license: { productId: 21 },
      server: { productId: 21 },
    }),
    {
      code: "product-kind-conflict",
      details: [{
        path: "license/productId",
        message: "product 21 is both the license and the server product",
      }],
    },
  );
  await mapProducts(deps, {
    mspId: "msp-a",
    planId: "core",
    license: { productId: 21 },
    server: { productId: 22 },
  });
  await assert.rejects(
    mapProducts(deps, {
      mspId: "msp-a",
      planId: "premium",
      license: { productId: 22 },
      server: { create: { identifier: "NEW-SRV", description: "New server product" } },
    }),
    {
      code: "product-kind-conflict",
      message: /VPN-CORE-SRV \(22\) is the server product of plan "core"/,
    },
  );
  assert.deepEqual(cw.writes, [], "the server product was not created");
  const premium = await mapProducts(deps, {
    mspId: "msp-a",
    planId: "premium",
    license: { productId: 21 },
    server: { productId: 22 },
  });
  assert.equal(premium.ready, true, "the same kind in several plans is fine");
});
