// The setup page's forms without a browser: each goes through the /v1 use
// case, so the same rules refuse the same input (the browser suite in
// tests/e2e/setup_page/ drives the same pages in Chromium).
import assert from "node:assert/strict";
import { CREDENTIALS } from "../../support/fixtures.ts";
import { openSetupSession } from "../../support/setup_session.ts";
import { httpWorld } from "./http_world.ts";

async function pageWorld() {
  const w = await httpWorld();
  const link = await w.json<{ url: string }>("POST", "/v1/msps/acme/setup-links");
  const { cookie, csrf } = await openSetupSession(w.app.request, link.body.url);
  const post = (path: string, fields: Record<string, string>) =>
    w.app.request(`/setup/msps/acme/${path}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    });
  assert.equal((await w.call("PUT", "/v1/msps/acme/connectwise", CREDENTIALS)).status, 200);
  return { ...w, post };
}

Deno.test("product form: Lite refuses a server product through the use case's rule", async () => {
  const w = await pageWorld();
  const refused = await w.post("products/lite", { license: "11", server: "22" });
  assert.equal(refused.status, 422);
  assert.match(
    await refused.text(),
    /role="alert"[^]*it has no server slot[^]*server: plan &quot;lite&quot; includes no servers/,
  );
  assert.equal(await w.store.productMappings.get("acme", "lite"), undefined);
  const typed = await w.post("products/lite", {
    license: "create",
    licenseIdentifier: "AN-IDENTIFIER-LONGER-THAN-25",
    licenseDescription: "Kept when refused",
  });
  assert.equal(typed.status, 422, "ConnectWise's 25-character limit, from the /v1 schema");
  const again = await typed.text();
  assert.match(again, /<option value="create" selected="">/);
  assert.match(again, /value="Kept when refused"/);
  const saved = await w.post("products/lite", { license: "11" });
  assert.equal(saved.status, 303);
  assert.equal((await w.store.productMappings.get("acme", "lite"))?.license?.productId, 11);
});

Deno.test("import form: a row with another company's agreement is refused on its row, nothing saved", async () => {
  const w = await pageWorld();
  const rows = {
    "c0.companyId": "100",
    "c0.include": "on",
    "c0.agreementId": "1000",
    "c0.organization": "__create__",
    "c0.name": "Alpha Corp",
    "c0.licenseType": "standard",
    "c0.planId": "core",
    "c1.companyId": "200",
    "c1.include": "on",
    "c1.agreementId": "1000",
    "c1.organization": "__create__",
    "c1.name": "Beta GmbH",
    "c1.licenseType": "trial",
    "c1.planId": "lite",
  };
  const refused = await w.post("companies", rows);
  assert.equal(refused.status, 422);
  const page = await refused.text();
  const beta = page.slice(page.indexOf("<legend>Beta GmbH</legend>"));
  assert.match(beta, /^[^]*?class="row-errors"[^]*?Agreement 1000 does not belong to company 200/);
  const alpha = page.slice(
    page.indexOf("<legend>Alpha Corp</legend>"),
    page.indexOf("<legend>Beta"),
  );
  assert.doesNotMatch(alpha, /row-errors/);
  assert.deepEqual(await w.store.companyMappings.list("acme"), []);
  assert.deepEqual(await w.store.organizations.list("acme"), []);

  const incomplete = await w.post("companies", { ...rows, "c1.agreementId": "" });
  assert.equal(incomplete.status, 422);
  assert.match(await incomplete.text(), /agreementId: choose an agreement/);

  const saved = await w.post("companies", { ...rows, "c1.agreementId": "2000" });
  assert.equal(saved.status, 303);
  const mappings = await w.store.companyMappings.list("acme");
  assert.deepEqual(mappings.map((m) => m.agreementId).sort(), [1000, 2000]);

  const unmapped = await w.post(`companies/unmap/${mappings[0].organizationId}`, {});
  assert.equal(unmapped.status, 303);
  assert.equal((await w.store.companyMappings.list("acme")).length, 1);
});
