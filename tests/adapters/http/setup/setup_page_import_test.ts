// The company import's form without a browser: all rows or none, refusals on
// their rows as sentences, the bulk choice, and unmap asking first.
import assert from "node:assert/strict";
import { setupPageWorld } from "./setup_page_world.ts";

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

/** The part of the page that is company `name`'s rows. */
function rowsOf(page: string, name: string): string {
  const start = page.indexOf(`<span class="name">${name}</span>`);
  return page.slice(start, page.indexOf("</tbody>", start));
}

Deno.test("import form: a row with another company's agreement is refused on its row in a sentence, nothing saved", async () => {
  const w = await setupPageWorld();
  const refused = await w.post("companies?typeId=1", rows);
  assert.equal(refused.status, 422);
  const page = await refused.text();
  assert.match(
    rowsOf(page, "Beta GmbH"),
    /class="row-errors"[^]*Agreement 1000 does not belong to company 200\./,
  );
  assert.match(
    rowsOf(page, "Beta GmbH"),
    /<option value="1000" selected="">Agreement 1000 \(not one of Beta GmbH/,
  );
  assert.doesNotMatch(rowsOf(page, "Alpha Corp"), /row-errors/);
  assert.doesNotMatch(page, /agreementId:|items\/\d/);
  assert.deepEqual(await w.store.companyMappings.list("acme"), []);
  assert.deepEqual(await w.store.organizations.list("acme"), []);

  const incomplete = await w.post("companies", { ...rows, "c1.agreementId": "" });
  assert.equal(incomplete.status, 422);
  assert.match(rowsOf(await incomplete.text(), "Beta GmbH"), /Choose an agreement\./);
  const unnamed = await w.post("companies", { ...rows, "c1.agreementId": "2000", "c1.name": " " });
  assert.match(
    rowsOf(await unnamed.text(), "Beta GmbH"),
    /The new organization&#39;s name is required\./,
  );

  const saved = await w.post("companies?typeId=1", { ...rows, "c1.agreementId": "2000" });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get("location"), "/setup/msps/acme/companies?typeId=1&imported=2");
  const mappings = await w.store.companyMappings.list("acme");
  assert.deepEqual(mappings.map((m) => [m.agreementId, m.agreementName]).sort(), [
    [1000, "Alpha MSA"],
    [2000, "Beta MSA"],
  ]);
});

Deno.test("import form: ticked rows without an organization get one each when the bulk choice says so", async () => {
  const w = await setupPageWorld();
  const bulk = {
    "c0.companyId": "300",
    "c0.include": "on",
    "c0.agreementId": "3000",
    "c0.organization": "",
    "c0.name": "Gamma Ltd",
    "c0.licenseType": "standard",
    "c0.planId": "lite",
  };
  const refused = await w.post("companies", bulk);
  assert.match(rowsOf(await refused.text(), "Gamma Ltd"), /Choose an organization, or/);
  const saved = await w.post("companies", {
    ...bulk,
    "bulk.organization": "__create__",
    "bulk.planId": "premium",
    "bulk.licenseType": "nfr",
  });
  assert.equal(saved.status, 303);
  const [gamma] = await w.store.organizations.list("acme");
  assert.deepEqual([gamma.name, gamma.planId, gamma.licenseType], ["Gamma Ltd", "premium", "nfr"]);
});

Deno.test("unmap: asks first, saying what happens to the agreement; back and done keep the list's place", async () => {
  const w = await setupPageWorld();
  await w.post("companies", { ...rows, "c1.agreementId": "2000" });
  const [alpha] = await w.store.companyMappings.list("acme");
  const list = await (await w.get("companies")).text();
  assert.match(list, new RegExp(`href="/setup/msps/acme/companies/unmap/${alpha.organizationId}"`));
  const place = "typeId=1&after=100&back=0";
  const asked = await w.get(`companies/unmap/${alpha.organizationId}?${place}`);
  assert.equal(asked.status, 200);
  const page = await asked.text();
  assert.match(page, /Unmap Alpha Corp\?/);
  assert.match(page, /pushes Alpha MSA at once[^]*none is left, so their quantities become 0/);
  assert.match(
    page,
    new RegExp(`href="/setup/msps/acme/companies\\?${place.replaceAll("&", "&amp;")}"`),
  );
  assert.equal((await w.store.companyMappings.list("acme")).length, 2, "asking changes nothing");
  const done = await w.post(`companies/unmap/${alpha.organizationId}?${place}`, {});
  assert.equal(done.status, 303);
  assert.equal(
    done.headers.get("location"),
    `/setup/msps/acme/companies?${place}&unmapped=${alpha.organizationId}`,
  );
  assert.equal((await w.store.companyMappings.list("acme")).length, 1);
  const gone = await w.get(`companies/unmap/${alpha.organizationId}`);
  assert.equal(gone.status, 404, "not mapped any more");
});
