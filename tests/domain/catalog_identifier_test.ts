import assert from "node:assert/strict";
import { assertIdentifierFits, PRODUCT_IDENTIFIER_MAX } from "../../domain/catalog_identifier.ts";

Deno.test("a new product's identifier: 25 characters fit, 26 are refused naming the limit and the field", () => {
  assert.equal(PRODUCT_IDENTIFIER_MAX, 25);
  assertIdentifierFits("X".repeat(25), "license/create/identifier");
  assert.throws(() => assertIdentifierFits("X".repeat(26), "server/create/identifier"), {
    code: "product-identifier-too-long",
    message: "A ConnectWise product identifier holds at most 25 characters; this one has 26",
    details: [{ path: "server/create/identifier", message: "at most 25 characters" }],
  });
});
