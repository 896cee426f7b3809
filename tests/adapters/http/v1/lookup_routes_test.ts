import assert from "node:assert/strict";
import { CREDENTIALS } from "../../../support/fixtures.ts";
import { httpWorld } from "../http_world.ts";

type Company = { id: number; mappedOrganizationIds: string[]; mappedOrganizationId: unknown };

Deno.test("GET .../connectwise/companies lists every organization mapped to a company", async () => {
  const w = await httpWorld();
  const base = "/v1/msps/m";
  assert.equal((await w.json("PUT", `${base}/connectwise`, CREDENTIALS)).status, 200);
  for (const id of ["m-b", "m-a"]) {
    const org = { name: `Org ${id}`, planId: "core", licenseType: "standard" };
    assert.equal((await w.json("PUT", `${base}/organizations/${id}`, org)).status, 200);
  }
  const items = ["m-b", "m-a"].map((organizationId) => ({
    companyId: 100,
    agreementId: 1000,
    organizationId,
  }));
  assert.equal((await w.json("POST", `${base}/company-mappings`, { items })).status, 200);
  const res = await w.json<{ items: Company[] }>("GET", `${base}/connectwise/companies`);
  assert.equal(res.status, 200);
  const alpha = res.body.items.find((c) => c.id === 100)!;
  assert.deepEqual(alpha.mappedOrganizationIds, ["m-a", "m-b"]);
  assert.equal(alpha.mappedOrganizationId, "m-a", "the single field of API.md: the first");
  const beta = res.body.items.find((c) => c.id === 200)!;
  assert.deepEqual([beta.mappedOrganizationIds, beta.mappedOrganizationId], [[], null]);
});

Deno.test("GET .../connectwise/companies?search=&limit=&after= pages the companies whose name contains the text", async () => {
  const w = await httpWorld();
  const base = "/v1/msps/m/connectwise/companies";
  assert.equal((await w.json("PUT", "/v1/msps/m/connectwise", CREDENTIALS)).status, 200);
  type Page = { items: Company[]; next: number | null };
  const all = await w.json<Page>("GET", base);
  assert.deepEqual([all.body.items.length, all.body.next], [3, null], "unpaged: every company");
  const first = await w.json<Page>("GET", `${base}?search=${encodeURIComponent(" A ")}&limit=1`);
  assert.deepEqual([first.body.items.map((c) => c.id), first.body.next], [[100], 100]);
  const last = await w.json<Page>("GET", `${base}?search=a&limit=2&after=${first.body.next}`);
  assert.deepEqual([last.body.items.map((c) => c.id), last.body.next], [[200, 300], null]);
  const none = await w.json<Page>("GET", `${base}?search=beta&statusId=2`);
  assert.deepEqual(none.body, { items: [], next: null });
  for (const bad of ["limit=0", "limit=201", "after=-1", `search=${"x".repeat(101)}`]) {
    const refused = await w.json("GET", `${base}?${bad}`);
    assert.equal(refused.status, 400, bad);
  }
});
