// Strict requests (API.md Conventions): unknown body properties and control characters are 400
// naming the field, a method a path does not serve is 405 with Allow, a far-future period is 422.
import assert from "node:assert/strict";
import { httpWorld } from "../http_world.ts";
import { setUpMsp } from "../setup_msp.ts";

type Problem = {
  code: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
};
type Schema =
  & { $ref?: string; type?: string; additionalProperties?: unknown }
  & Record<
    string,
    unknown
  >;

async function world() {
  const w = await httpWorld();
  await setUpMsp(w.json, { msp: "a" });
  return w;
}

/** Every object schema reachable from `schema`, `$ref`s resolved once each. */
function objectSchemas(schema: unknown, components: Record<string, Schema>, seen = new Set()) {
  const found: { where: string; schema: Schema }[] = [];
  const walk = (node: unknown, where: string) => {
    if (node === null || typeof node !== "object") return;
    const s = node as Schema;
    if (s.$ref) {
      const name = s.$ref.split("/").at(-1)!;
      if (!seen.has(name)) {
        seen.add(name);
        walk(components[name], name);
      }
      return;
    }
    if (s.type === "object" && s.properties) found.push({ where, schema: s });
    for (const [key, value] of Object.entries(s)) walk(value, `${where}/${key}`);
  };
  walk(schema, "");
  return found;
}

Deno.test("strict bodies: every request body schema in /openapi.json refuses unknown properties", async () => {
  const w = await httpWorld();
  const doc = (await w.json<unknown>("GET", "/openapi.json")).body as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    components: { schemas: Record<string, Schema> };
  };
  let bodies = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const json = operation.requestBody?.content["application/json"] as { schema: unknown };
      if (!json) continue;
      bodies++;
      const objects = objectSchemas(json.schema, doc.components.schemas);
      assert.ok(objects.length > 0, `${method} ${path} has an object body`);
      for (const { where, schema } of objects) {
        assert.equal(schema.additionalProperties, false, `${method} ${path}: ${where || "body"}`);
      }
    }
  }
  assert.ok(bodies >= 6, `found ${bodies} request bodies`);
});

Deno.test("strict bodies: an unknown property is 400 invalid-request naming it, and nothing changes", async () => {
  const w = await world();
  const typo = await w.json<Problem>("POST", "/v1/msps/a/organizations/a-o1/usage", {
    eventId: "typo-1",
    occurredAt: "2026-11-10T10:00:00Z",
    licenses: 7,
    servers: 0,
    planID: "premium",
  });
  assert.equal(typo.status, 400);
  assert.equal(typo.body.code, "invalid-request");
  assert.deepEqual(typo.body.errors, [{ path: "planID", message: "unknown property" }]);
  const entries = await w.deps.store.usage.entries("a", "a-o1");
  assert.ok(!entries.some((e) => e.eventId === "typo-1"), "the report was not stored");

  const nested = await w.json<Problem>("POST", "/v1/msps/a/company-mappings", {
    items: [{
      companyId: 100,
      agreementId: 1000,
      createOrganization: { name: "N", licenseType: "standard", planId: "core", plan: "x" },
    }],
  });
  assert.equal(nested.status, 400);
  assert.deepEqual(nested.body.errors, [{
    path: "items/0/createOrganization/plan",
    message: "unknown property",
  }]);
  const plan = await w.json<Problem>("PUT", "/v1/plans/gold", {
    name: "Gold",
    tier: 3,
    includesServers: true,
    includeServers: false,
  });
  assert.deepEqual(plan.body.errors, [{ path: "includeServers", message: "unknown property" }]);
  assert.equal(await w.deps.store.plans.get("gold"), undefined);
});

Deno.test("control characters: NUL and other C0 characters in ids and names are 400 naming the field", async () => {
  const w = await world();
  const cases: [string, string, unknown, string][] = [
    ["PUT", "/v1/msps/a/organizations/a-o9", {
      name: "Acme\u0000Corp",
      planId: "core",
      licenseType: "standard",
    }, "name"],
    ["PUT", "/v1/plans/gold", { name: "Gold\u001b[31m", tier: 3, includesServers: true }, "name"],
    ["POST", "/v1/msps/a/organizations/a-o1/usage", {
      eventId: "evt-\u0000",
      occurredAt: "2026-11-10T10:00:00Z",
      licenses: 1,
      servers: 0,
    }, "eventId"],
    ["POST", "/v1/msps/a/company-mappings", {
      items: [{
        companyId: 100,
        agreementId: 1000,
        createOrganization: { name: "Tab\tCo", licenseType: "standard", planId: "core" },
      }],
    }, "items/0/createOrganization/name"],
    ["PUT", "/v1/msps/a/product-mappings/core", {
      license: { create: { identifier: "VPN\u0007", description: "Bell" } },
    }, "license/create/identifier"],
    ["PUT", "/v1/msps/a/connectwise", {
      siteUrl: "https://na.myconnectwise.net",
      companyId: "acme\u007f",
      publicKey: "pub",
      privateKey: "priv",
    }, "companyId"],
    ["PUT", "/v1/msps/a/organizations/a\u0000b", {
      name: "Acme",
      planId: "core",
      licenseType: "standard",
    }, "org"],
  ];
  for (const [method, path, body, field] of cases) {
    const res = await w.json<Problem>(method, path, body);
    assert.equal(res.status, 400, `${method} ${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.code, "invalid-request");
    assert.deepEqual(res.body.errors?.map((e) => e.path), [field], `${method} ${path}`);
  }
  assert.equal(await w.deps.store.organizations.get("a", "a-o9"), undefined);
});

Deno.test("methods: a method a path does not serve is 405 with Allow; an unknown path stays 404", async () => {
  const w = await httpWorld();
  const cases: [string, string, string][] = [
    ["DELETE", "/v1/plans", "GET, HEAD"],
    ["PUT", "/v1/msps/a/sync", "GET, HEAD, POST"],
    ["GET", "/v1/msps/a/organizations/o1/usage", "POST"],
    ["PATCH", "/v1/msps/a/connectwise", "GET, HEAD, PUT, DELETE"],
    ["POST", "/healthz", "GET, HEAD"],
  ];
  for (const [method, path, allow] of cases) {
    const res = await w.json<Problem>(method, path);
    assert.equal(res.status, 405, `${method} ${path}`);
    assert.equal(res.headers.get("Allow"), allow, `${method} ${path}`);
    assert.equal(res.body.code, "method-not-allowed");
    assert.match(res.body.detail, new RegExp(`it serves ${allow}`));
  }
  const unknown = await w.json<Problem>("GET", "/v1/msps/a/nothing-here");
  assert.deepEqual([unknown.status, unknown.body.code], [404, "route-not-found"]);
  assert.equal((await w.call("HEAD", "/v1/plans")).status, 200, "HEAD where GET is served");
});

Deno.test("periods: a period more than one month ahead is 422 period-in-future; next month is served", async () => {
  const w = await world(); // the clock reads 2026-11-10
  for (const accept of ["application/json", "text/csv"]) {
    const res = await w.app.request("/v1/msps/a/periods/2099-01", {
      headers: { Authorization: "Bearer test-token-0123456789abcdef", Accept: accept },
    });
    const body = await res.json() as Problem;
    assert.deepEqual([res.status, body.code], [422, "period-in-future"], accept);
    assert.match(body.detail, /latest period served now is 2026-12/);
  }
  assert.equal((await w.json("GET", "/v1/msps/a/periods/2027-01")).status, 422);
  assert.equal((await w.json("GET", "/v1/msps/a/periods/2026-12")).status, 200);
  assert.equal((await w.json("GET", "/v1/msps/a/periods/2026-11")).status, 200);
});
