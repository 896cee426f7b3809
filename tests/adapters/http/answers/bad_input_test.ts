import assert from "node:assert/strict";
import { httpWorld, TOKEN } from "../http_world.ts";
import { setUpMsp } from "../setup_msp.ts";

type Problem = {
  code: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
};

async function world() {
  const w = await httpWorld();
  const a = await setUpMsp(w.json, { msp: "a" });
  return { ...w, a };
}

function assertProblem(
  res: { status: number; body: Problem; headers: Headers },
  status: number,
  code: string,
  paths?: string[],
): void {
  const shown = JSON.stringify(res.body);
  assert.equal(res.status, status, shown);
  assert.equal(res.headers.get("Content-Type"), "application/problem+json");
  assert.equal(res.body.code, code, shown);
  assert.equal(res.body.status, status);
  if (paths) assert.deepEqual(res.body.errors?.map((e) => e.path), paths, shown);
}

Deno.test("malformed JSON is 400 malformed-json", async () => {
  const w = await world();
  for (const body of ["{", "{'a':1}", "[1,", "nul"]) {
    const res = await w.json<Problem>("POST", "/v1/msps/a/company-mappings", body);
    assertProblem(res, 400, "malformed-json");
  }
});

Deno.test("wrong types are 400 invalid-request with slash-joined paths", async () => {
  const w = await world();
  const mapping = await w.json<Problem>("POST", "/v1/msps/a/company-mappings", {
    items: [
      { companyId: 100, agreementId: 1000, organizationId: "a-o1" },
      { companyId: 200, agreementId: 2000, organizationId: "a-o2" },
      { companyId: 300, agreementId: 3000, organizationId: "x" },
      { companyId: 100, agreementId: "1000", organizationId: "a-o1" },
    ],
  });
  assertProblem(mapping, 400, "invalid-request", ["items/3/agreementId"]);
  const usage = await w.json<Problem>("POST", "/v1/msps/a/organizations/a-o1/usage", {
    eventId: 7,
    occurredAt: "yesterday",
    licenses: -1,
    servers: 1.5,
  });
  assertProblem(usage, 400, "invalid-request", ["eventId", "occurredAt", "licenses", "servers"]);
  const slot = await w.json<Problem>("PUT", "/v1/msps/a/product-mappings/core", {
    license: { create: { identifier: "", description: "x" } },
  });
  assertProblem(slot, 400, "invalid-request", ["license/create/identifier"]);
  const org = await w.json<Problem>("PUT", "/v1/msps/a/organizations/o", { name: "N" });
  assertProblem(org, 400, "invalid-request", ["planId", "licenseType"]);
  const notObject = await w.json<Problem>("PUT", "/v1/plans/x", [1, 2]);
  assertProblem(notObject, 400, "invalid-request", [""]);
});

Deno.test("bad path and query values are 400 naming the parameter", async () => {
  const w = await world();
  const long = "m".repeat(65);
  assertProblem(await w.json<Problem>("GET", `/v1/msps/${long}/sync`), 400, "invalid-request", [
    "msp",
  ]);
  assertProblem(await w.json<Problem>("GET", "/v1/msps/a%20b/sync"), 400, "invalid-request", [
    "msp",
  ]);
  assertProblem(
    await w.json<Problem>("GET", "/v1/msps/a/periods/2026-13"),
    400,
    "invalid-request",
    [
      "period",
    ],
  );
  assertProblem(await w.json<Problem>("GET", "/v1/msps/a/audit?limit=0"), 400, "invalid-request", [
    "limit",
  ]);
  const filter = await w.json<Problem>("GET", "/v1/msps/a/connectwise/companies?typeId=1&typeId=x");
  assertProblem(filter, 400, "invalid-request", ["typeId/1"]);
});

Deno.test("rules: unknown plan, server slot on Lite, agreement of another company are 422", async () => {
  const w = await world();
  const unknownPlan = await w.json<Problem>("PUT", "/v1/msps/a/product-mappings/gold", {
    license: { productId: 11 },
  });
  assertProblem(unknownPlan, 422, "plan-not-found");
  const orgPlan = await w.json<Problem>("PUT", "/v1/msps/a/organizations/o9", {
    name: "N",
    planId: "gold",
    licenseType: "standard",
  });
  assertProblem(orgPlan, 422, "plan-not-found", ["planId"]);
  const lite = await w.json<Problem>("PUT", "/v1/msps/a/product-mappings/lite", {
    license: { productId: 11 },
    server: { productId: 22 },
  });
  assertProblem(lite, 422, "server-not-applicable", ["server"]);
  const foreign = await w.json<Problem>("POST", "/v1/msps/a/company-mappings", {
    items: [
      { companyId: 100, agreementId: 1000, organizationId: "a-o1" },
      { companyId: 100, agreementId: 2000, organizationId: "a-o2" },
    ],
  });
  assertProblem(foreign, 422, "invalid-company-mappings", ["items/1/agreementId"]);
  const product = await w.json<Problem>("PUT", "/v1/msps/a/product-mappings/core", {
    license: { productId: 999 },
  });
  assertProblem(product, 422, "product-not-found", ["license/productId"]);
});

Deno.test("usage rules: future is 422, a finalized period is 409, a repeat is a duplicate, a reused eventId is 409", async () => {
  const w = await world();
  const usage = (eventId: string, occurredAt: string, licenses = 1) =>
    w.json<Problem & { duplicate: boolean }>("POST", "/v1/msps/a/organizations/a-o1/usage", {
      eventId,
      occurredAt,
      licenses,
      servers: 0,
    });
  assertProblem(await usage("f", "2026-11-10T12:06:00Z"), 422, "report-in-future");
  const first = await usage("d", "2026-11-09T00:00:00+02:00");
  assert.deepEqual([first.status, first.body], [202, { eventId: "d", duplicate: false }]);
  const again = await usage("d", "2026-11-09T00:00:00+02:00");
  assert.deepEqual([again.status, again.body], [202, { eventId: "d", duplicate: true }]);
  const reused = await usage("d", "2026-11-09T00:00:00+02:00", 999);
  assertProblem(reused, 409, "event-id-reused");
  assert.match(String(reused.body.detail), /another licenses; nothing was stored/);
  w.clock.set("2026-12-01T00:10:00Z");
  assert.equal((await w.json("POST", "/v1/periods/2026-11/finalize")).status, 200);
  assertProblem(await usage("late", "2026-11-20T00:00:00Z"), 409, "period-finalized");
});

Deno.test("a body over 1 MiB is 413; a body that is not JSON is 415", async () => {
  const w = await world();
  const big = JSON.stringify({ items: [], pad: "x".repeat(1024 * 1024) });
  const res = await w.json<Problem>("POST", "/v1/msps/a/company-mappings", big);
  assertProblem(res, 413, "payload-too-large");
  const streamed = await w.app.request("/v1/msps/a/company-mappings", {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: new Blob([big]).stream(),
  });
  assert.equal(streamed.status, 413);
  assert.equal((await streamed.json()).code, "payload-too-large");
  const text = await w.app.request("/v1/plans/x", {
    method: "PUT",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "text/plain" },
    body: "{}",
  });
  assert.equal(text.status, 415);
  assert.equal((await text.json()).code, "unsupported-media-type");
});
