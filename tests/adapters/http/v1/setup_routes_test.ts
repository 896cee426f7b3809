import assert from "node:assert/strict";
import { CREDENTIALS } from "../../../support/fixtures.ts";
import { httpWorld } from "../http_world.ts";
import { setUpMsp } from "../setup_msp.ts";

Deno.test("plans: PUT answers the plan, GET lists them cheapest first", async () => {
  const w = await httpWorld();
  const put = await w.json("PUT", "/v1/plans/gold", {
    name: "Gold",
    tier: 9,
    includesServers: true,
  });
  assert.deepEqual([put.status, put.body], [200, {
    id: "gold",
    name: "Gold",
    tier: 9,
    includesServers: true,
  }]);
  const list = await w.json<{ items: { id: string }[] }>("GET", "/v1/plans");
  assert.deepEqual(list.body.items.map((p) => p.id), ["lite", "core", "premium", "gold"]);
});

Deno.test("connection: PUT, GET without the private key, DELETE 204 then 404", async () => {
  const w = await httpWorld();
  const put = await w.json("PUT", "/v1/msps/m/connectwise", CREDENTIALS);
  assert.equal(put.status, 200);
  assert.ok(!JSON.stringify(put.body).includes(CREDENTIALS.privateKey));
  const got = await w.json<Record<string, unknown>>("GET", "/v1/msps/m/connectwise");
  assert.deepEqual(got.body, put.body);
  assert.deepEqual(Object.keys(got.body).sort(), [
    "apiUrl",
    "apiVersion",
    "attention",
    "breaker",
    "codebase",
    "companyId",
    "connectedAt",
    "permissions",
    "publicKey",
    "siteUrl",
  ]);
  assert.deepEqual([got.body.siteUrl, got.body.apiUrl, got.body.apiVersion], [
    "https://na.myconnectwise.net",
    "https://api-na.myconnectwise.net",
    null, // the memory stand-in names no API version
  ]);
  assert.equal(got.body.connectedAt, "2026-11-10T12:00:00.000Z");
  assert.deepEqual(got.body.breaker, { state: "closed", failures: 0, retryAt: null });
  assert.equal((await w.call("DELETE", "/v1/msps/m/connectwise")).status, 204);
  const gone = await w.json("GET", "/v1/msps/m/connectwise");
  assert.deepEqual([gone.status, gone.body.code], [404, "connectwise-not-connected"]);
});

Deno.test("connection: a role without a read permission is 422 listing the areas", async () => {
  const w = await httpWorld();
  w.cw.data.members[0] = { ...CREDENTIALS, areas: ["Company Maintenance", "Agreements"] };
  const res = await w.json("PUT", "/v1/msps/m/connectwise", CREDENTIALS);
  assert.equal(res.status, 422);
  assert.equal(res.body.code, "connectwise-permissions-missing");
  assert.deepEqual(res.body.errors, [
    { path: "permissions", message: "Table Setup: inquire" },
    { path: "permissions", message: "Product Catalog: inquire" },
  ]);
});

Deno.test("lookups: products, types, statuses and companies filtered by type and status", async () => {
  const w = await httpWorld();
  await w.json("PUT", "/v1/msps/m/connectwise", CREDENTIALS);
  const products = await w.json<{ items: unknown[] }>(
    "GET",
    "/v1/msps/m/connectwise/products?search=server",
  );
  assert.deepEqual(products.body.items, [
    { id: 22, identifier: "VPN-CORE-SRV", description: "VPN Core server", inactive: false },
    { id: 32, identifier: "VPN-PREM-SRV", description: "VPN Premium server", inactive: false },
  ]);
  const types = await w.json("GET", "/v1/msps/m/connectwise/company-types");
  assert.deepEqual(types.body, {
    items: [{ id: 1, name: "Customer" }, { id: 2, name: "Prospect" }],
  });
  const statuses = await w.json("GET", "/v1/msps/m/connectwise/company-statuses");
  assert.deepEqual(statuses.body.items, [{ id: 1, name: "Active" }, { id: 2, name: "Inactive" }]);
  await w.json("PUT", "/v1/msps/m/organizations/beta", {
    name: "beta gmbh",
    planId: "core",
    licenseType: "standard",
  });
  const companies = await w.json<{ items: Record<string, unknown>[] }>(
    "GET",
    "/v1/msps/m/connectwise/companies?typeId=1&typeId=2&statusId=1",
  );
  assert.deepEqual(companies.body.items.map((c) => c.id), [100, 200]);
  assert.deepEqual(companies.body.items[1], {
    id: 200,
    identifier: "Beta",
    name: "Beta GmbH",
    types: [{ id: 1, name: "Customer" }],
    status: { id: 1, name: "Active" },
    agreements: [
      {
        id: 2000,
        name: "Beta MSA",
        type: "Managed",
        cancelled: false,
        billable: true,
        notBillableBecause: null,
        nextInvoiceDate: null,
      },
      {
        id: 2001,
        name: "Beta old",
        type: "Managed",
        cancelled: true,
        billable: false,
        notBillableBecause: "agreement 2001 is cancelled",
        nextInvoiceDate: null,
      },
    ],
    mappedOrganizationIds: [],
    mappedOrganizationId: null,
    suggestedOrganizationId: "beta",
  });
});

Deno.test("product mappings, organizations and company mappings after a full setup", async () => {
  const w = await httpWorld();
  const a = await setUpMsp(w.json, { msp: "m" });
  const mappings = await w.json<{ items: Record<string, unknown>[] }>(
    "GET",
    "/v1/msps/m/product-mappings",
  );
  assert.deepEqual(mappings.body.items[0], {
    planId: "lite",
    license: { productId: 11, identifier: "VPN-LITE" },
    server: null,
    serverApplicable: false,
    ready: true,
    reason: null,
  });
  assert.deepEqual(mappings.body.items[2].license, {
    productId: a.createdProductId,
    identifier: "PREM-m",
  });
  const orgs = await w.json<{ items: Record<string, unknown>[] }>(
    "GET",
    "/v1/msps/m/organizations",
  );
  assert.equal(orgs.body.items.length, 3);
  assert.deepEqual(orgs.body.items.find((o) => o.id === "m-o1"), {
    id: "m-o1",
    name: "Alpha Corp",
    planId: "core",
    licenseType: "standard",
    mapping: { organizationId: "m-o1", companyId: 100, agreementId: 1000 },
    sync: { status: "in-sync", reason: null },
  });
  const list = await w.json<{ items: unknown[] }>("GET", "/v1/msps/m/company-mappings");
  assert.equal(list.body.items.length, 3);
  assert.equal((await w.call("DELETE", "/v1/msps/m/company-mappings/m-o2")).status, 204);
  const again = await w.json("DELETE", "/v1/msps/m/company-mappings/m-o2");
  assert.deepEqual([again.status, again.body.code], [404, "mapping-not-found"]);
  const cancelled = await w.json("POST", "/v1/msps/m/company-mappings", {
    items: [{ companyId: 200, agreementId: 2001, organizationId: "m-o2" }],
  });
  assert.equal(cancelled.status, 422);
  assert.deepEqual(cancelled.body.errors, [
    { path: "items/0/agreementId", message: "Agreement 2001 is cancelled" },
  ]);
});
