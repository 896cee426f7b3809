import assert from "node:assert/strict";
import { CREDENTIALS } from "../../support/fixtures.ts";
import { httpWorld } from "./http_world.ts";

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
