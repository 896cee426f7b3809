import assert from "node:assert/strict";
import {
  assertKindsApart,
  assertSlotsFit,
  createProductMapping,
  productFor,
  readiness,
} from "../../domain/product_mapping.ts";
import { CORE, CORE_LICENSE, CORE_SERVER, LITE, LITE_LICENSE, PREMIUM } from "./fixtures.ts";

Deno.test("product mapping: a plan with servers maps a license product and a server product", () => {
  const mapping = createProductMapping(CORE, { license: CORE_LICENSE, server: CORE_SERVER });
  assert.deepEqual(mapping, { planId: "core", license: CORE_LICENSE, server: CORE_SERVER });
});

Deno.test("product mapping: a plan without servers maps only a license product", () => {
  const mapping = createProductMapping(LITE, { license: LITE_LICENSE });
  assert.deepEqual(mapping, { planId: "lite", license: LITE_LICENSE, server: null });
});

Deno.test("plan: a server slot on a plan without servers fails with server-not-applicable", () => {
  assert.throws(
    () => createProductMapping(LITE, { license: LITE_LICENSE, server: CORE_SERVER }),
    {
      code: "server-not-applicable",
      kind: "invalid",
      message: 'Cannot map plan "lite": it has no server slot',
      details: [{ path: "server", message: 'plan "lite" includes no servers' }],
    },
  );
});

Deno.test("product mapping: a server slot on Lite is an error even when it asks to create a product", () => {
  const create = { identifier: "VPN-LITE-SRV", description: "Lite server", price: 5 };
  assert.throws(() => assertSlotsFit(LITE, { server: create }), { code: "server-not-applicable" });
});

Deno.test("product mapping: an empty server slot on a plan without servers is accepted", () => {
  assertSlotsFit(LITE, { server: null });
  assertSlotsFit(LITE, {});
});

Deno.test("product mapping: a plan with servers accepts a server slot that asks to create a product", () => {
  assertSlotsFit(CORE, { server: { identifier: "VPN-CORE-SRV", description: "Core server" } });
});

Deno.test("product mapping: a plan is ready when all its slots are mapped", () => {
  assert.deepEqual(
    readiness(CORE, { planId: "core", license: CORE_LICENSE, server: CORE_SERVER }),
    { serverApplicable: true, ready: true, reason: null },
  );
  assert.deepEqual(
    readiness(LITE, { planId: "lite", license: LITE_LICENSE, server: null }),
    { serverApplicable: false, ready: true, reason: null },
  );
});

Deno.test('product mapping: a plan with servers but no server product is not ready: plan "core" has no server product', () => {
  const state = readiness(CORE, { planId: "core", license: CORE_LICENSE, server: null });
  assert.deepEqual(state, {
    serverApplicable: true,
    ready: false,
    reason: 'plan "core" has no server product',
  });
});

Deno.test("product mapping: an unmapped plan is not ready for want of a license product", () => {
  assert.deepEqual(readiness(PREMIUM, undefined), {
    serverApplicable: true,
    ready: false,
    reason: 'plan "premium" has no license product',
  });
  assert.equal(readiness(LITE, undefined).reason, 'plan "lite" has no license product');
});

Deno.test("product mapping: productFor gives the mapped product of a slot, or the reason there is none", () => {
  const mapping = { planId: "core", license: CORE_LICENSE, server: null };
  assert.deepEqual(productFor(CORE, mapping, "license"), { product: CORE_LICENSE });
  assert.deepEqual(productFor(CORE, mapping, "server"), {
    reason: 'plan "core" has no server product',
  });
});

Deno.test("product mapping: the same catalog product may serve several plans", () => {
  const shared = { productId: 900, identifier: "VPN-SEAT" };
  const core = createProductMapping(CORE, { license: shared, server: CORE_SERVER });
  const premium = createProductMapping(PREMIUM, { license: shared, server: CORE_SERVER });
  assert.deepEqual(productFor(CORE, core, "license"), { product: shared });
  assert.deepEqual(productFor(PREMIUM, premium, "license"), { product: shared });
  assert.equal(readiness(CORE, core).ready, true);
  assert.equal(readiness(PREMIUM, premium).ready, true);
});

Deno.test("product mapping: one catalog product as license and server of one plan fails with product-kind-conflict", () => {
  const both = { planId: "core", license: CORE_LICENSE, server: CORE_LICENSE };
  assert.throws(() => assertKindsApart(both, []), {
    code: "product-kind-conflict",
    details: [{
      path: "license/productId",
      message: `product ${CORE_LICENSE.productId} is both the license and the server product`,
    }],
  });
});

Deno.test("product mapping: a product that is another plan's server product cannot be a license product (and back)", () => {
  const core = { planId: "core", license: CORE_LICENSE, server: CORE_SERVER };
  const premium = { planId: "premium", license: CORE_SERVER, server: null };
  assert.throws(() => assertKindsApart(premium, [core]), {
    code: "product-kind-conflict",
    message: new RegExp(`is the server product of plan "core"`),
  });
  const lite = { planId: "lite", license: LITE_LICENSE, server: null };
  assert.throws(
    () => assertKindsApart({ planId: "core", license: CORE_LICENSE, server: LITE_LICENSE }, [lite]),
    { code: "product-kind-conflict", message: /is the license product of plan "lite"/ },
  );
});

Deno.test("product mapping: the same product may bill the same kind in several plans, and a plan may be mapped again", () => {
  const core = { planId: "core", license: CORE_LICENSE, server: CORE_SERVER };
  assertKindsApart({ planId: "premium", license: CORE_LICENSE, server: CORE_SERVER }, [core]);
  assertKindsApart({ planId: "core", license: CORE_SERVER, server: CORE_LICENSE }, [core]);
});
