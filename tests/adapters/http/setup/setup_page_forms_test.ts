// The setup page's forms without a browser: each goes through the /v1 use
// case, so the same rules refuse the same input, said as sentences about the
// fields (the browser suite in tests/e2e/setup_page/ drives them in Chromium).
import assert from "node:assert/strict";
import { setupPageWorld } from "./setup_page_world.ts";

Deno.test("product form: Lite refuses a server product through the use case's rule, said about the field", async () => {
  const w = await setupPageWorld();
  const refused = await w.post("products/lite", { license: "11", server: "22" });
  assert.equal(refused.status, 422);
  assert.match(
    await refused.text(),
    /role="alert"[^]*it has no server slot[^]*The server product for Lite: plan &quot;lite&quot; includes no servers\./,
  );
  assert.equal(await w.store.productMappings.get("acme", "lite"), undefined);
  const typed = await w.post("products/lite", {
    license: "create",
    licenseIdentifier: "AN-IDENTIFIER-LONGER-THAN-25",
    licenseDescription: "Kept when refused",
  });
  assert.equal(typed.status, 422, "ConnectWise's 25-character limit, from the /v1 schema");
  const again = await typed.text();
  assert.match(again, /The identifier of the new license product holds at most 25 characters\./);
  assert.doesNotMatch(again, /license\/create|Invalid input|Too big/);
  assert.match(again, /<option value="create" selected="">/);
  assert.match(again, /value="Kept when refused"/);
  const saved = await w.post("products/lite", { license: "11" });
  assert.equal(saved.status, 303);
  assert.equal((await w.store.productMappings.get("acme", "lite"))?.license?.productId, 11);
});

Deno.test("product form: creating a product in ConnectWise asks first; nothing is created until confirmed", async () => {
  const w = await setupPageWorld();
  const fields = {
    license: "create",
    licenseIdentifier: "VPN-LITE-NEW",
    licenseDescription: "VPN Lite seat (new)",
    licensePrice: "4,50",
    licenseCurrency: "CHF",
  };
  const asked = await w.post("products/lite", fields);
  assert.equal(asked.status, 200);
  const page = await asked.text();
  assert.match(page, /Create a product in ConnectWise for plan Lite\?/);
  assert.match(page, /VPN-LITE-NEW[^]*4\.50 CHF/);
  assert.match(page, /name="licenseIdentifier" value="VPN-LITE-NEW"/, "the fields ride along");
  assert.equal(w.cw.data.products.some((p) => p.identifier === "VPN-LITE-NEW"), false);
  const changed = await w.post("products/lite", { ...fields, change: "yes", confirmed: "yes" });
  assert.equal(changed.status, 200, "Change goes back to the form, creating nothing");
  assert.match(await changed.text(), /value="CHF"/);
  assert.equal(w.cw.data.products.some((p) => p.identifier === "VPN-LITE-NEW"), false);
  const done = await w.post("products/lite", { ...fields, confirmed: "yes" });
  assert.equal(done.status, 303);
  assert.equal(w.cw.data.products.filter((p) => p.identifier === "VPN-LITE-NEW").length, 1);
});

Deno.test("product form: a product mapped as a server is not offered as a license", async () => {
  const w = await setupPageWorld();
  assert.equal((await w.post("products/core", { license: "21", server: "22" })).status, 303);
  const page = await (await w.get("products")).text();
  const premiumLicense = page.slice(page.indexOf('id="premium-license"'));
  const options = premiumLicense.slice(0, premiumLicense.indexOf("</select>"));
  assert.doesNotMatch(options, /VPN-CORE-SRV/);
  assert.match(options, /VPN-CORE:/);
  assert.match(
    premiumLicense,
    /Not offered here, as you map it as server products[^<]*VPN-CORE-SRV/,
  );
});

Deno.test("product form: a product mapped as the other kind is refused with product-kind-conflict, said about the field", async () => {
  const w = await setupPageWorld();
  assert.equal((await w.post("products/core", { license: "21", server: "22" })).status, 303);
  // The page does not offer it; a hand-made form (or a stale page) still meets the use case's rule.
  const refused = await w.post("products/premium", { license: "22", server: "32" });
  assert.equal(refused.status, 422);
  const text = await refused.text();
  assert.match(text, /role="alert"[^]*a product bills either licenses or servers/);
  assert.match(
    text,
    /The license product for Premium: product VPN-CORE-SRV \(22\) is the server product of plan &quot;core&quot;\./,
  );
  assert.doesNotMatch(text, /license\/productId/);
  assert.equal(await w.store.productMappings.get("acme", "premium"), undefined);
});
