import assert from "node:assert/strict";
import { CREDENTIALS } from "../../../support/fixtures.ts";
import { httpWorld } from "../http_world.ts";
import { documentedOperations, fillPath } from "../operations.ts";
import { setUpMsp } from "../setup_msp.ts";

// Plans are the platform's catalog, shared by all MSPs, and finalization runs
// for every MSP (the monthly schedule): neither belongs to one MSP.
const SHARED = ["/v1/plans", "/v1/periods/"];

type Expect = "not-found" | "empty" | "own";

/** What MSP B gets on each MSP-scoped operation, called with MSP A's ids, before B connects. */
const BEFORE_CONNECT: Record<string, Expect> = {
  "GET /v1/msps/{msp}/connectwise": "not-found",
  "DELETE /v1/msps/{msp}/connectwise": "not-found",
  "GET /v1/msps/{msp}/connectwise/products": "not-found",
  "GET /v1/msps/{msp}/connectwise/company-types": "not-found",
  "GET /v1/msps/{msp}/connectwise/company-statuses": "not-found",
  "GET /v1/msps/{msp}/connectwise/companies": "not-found",
  "GET /v1/msps/{msp}/product-mappings": "own",
  "PUT /v1/msps/{msp}/product-mappings/{plan}": "not-found",
  "GET /v1/msps/{msp}/organizations": "empty",
  "POST /v1/msps/{msp}/company-mappings": "not-found",
  "GET /v1/msps/{msp}/company-mappings": "empty",
  "DELETE /v1/msps/{msp}/company-mappings/{org}": "not-found",
  "POST /v1/msps/{msp}/organizations/{org}/usage": "not-found",
  "GET /v1/msps/{msp}/sync": "empty",
  "GET /v1/msps/{msp}/sync/preview": "not-found",
  "POST /v1/msps/{msp}/sync": "not-found",
  "POST /v1/msps/{msp}/sync/lines/{agreementId}/{productId}/resume": "not-found",
  "GET /v1/msps/{msp}/periods/{period}": "empty",
  "GET /v1/msps/{msp}/audit": "empty",
  // Both upsert B's own records; checked separately below.
  "PUT /v1/msps/{msp}/connectwise": "own",
  "PUT /v1/msps/{msp}/organizations/{org}": "own",
  // A link to B's own setup page (a session of it reaches only B; see setup_links_test.ts).
  "POST /v1/msps/{msp}/setup-links": "own",
  // Ends B's own setup sessions.
  "DELETE /v1/msps/{msp}/setup-sessions": "own",
};

function bodyFor(op: string, orgIds: readonly string[]): unknown {
  if (op.startsWith("PUT /v1/msps/{msp}/product-mappings")) return { license: { productId: 21 } };
  if (op.startsWith("POST /v1/msps/{msp}/company-mappings")) {
    return { items: [{ companyId: 100, agreementId: 1000, organizationId: orgIds[0] }] };
  }
  if (op.endsWith("/usage")) {
    return { eventId: "b-1", occurredAt: "2026-11-06T00:00:00Z", licenses: 99, servers: 9 };
  }
  return undefined;
}

Deno.test("MSP B can neither read nor change anything of MSP A", async () => {
  const w = await httpWorld();
  const a = await setUpMsp(w.json, { msp: "msp-a" });
  const ops = (await documentedOperations(w.app))
    .filter((op) => op.path.startsWith("/v1/") && !SHARED.some((s) => op.path.startsWith(s)))
    .map((op) => `${op.method} ${op.path}`);
  assert.deepEqual(ops.toSorted(), Object.keys(BEFORE_CONNECT).toSorted(), "every route covered");

  const readsOf = async (msp: string) => {
    const reads: Record<string, unknown> = {};
    for (const op of ops.filter((o) => o.startsWith("GET "))) {
      const path = fillPath(op.slice(4), {
        msp,
        org: a.orgIds[0],
        plan: "core",
        period: "2026-11",
      });
      const { status, body } = await w.json("GET", path);
      reads[op] = { status, body };
    }
    return reads;
  };
  const before = await readsOf("msp-a");
  const aLines = before["GET /v1/msps/{msp}/sync"] as { body: { items: unknown[] } };
  assert.equal(aLines.body.items.length, 5, "A is fully set up");
  const values = {
    msp: "msp-b",
    org: a.orgIds[0],
    plan: "core",
    period: "2026-11",
    agreementId: "1000",
    productId: "21",
  };

  for (const op of ops) {
    const expect = BEFORE_CONNECT[op];
    if (expect === "own" && !op.startsWith("GET ")) continue;
    const [method, template] = op.split(" ");
    const res = await w.json<{ items?: unknown[]; code?: string }>(
      method,
      fillPath(template, values),
      bodyFor(op, a.orgIds),
    );
    const text = JSON.stringify(res.body);
    if (expect === "not-found") {
      assert.equal(res.status, 404, `${op}: ${text}`);
      // The same answer as for an id that never existed anywhere: nothing is disclosed.
      const unknown = await w.json(
        method,
        fillPath(template, { ...values, org: "never-existed" }),
        bodyFor(op, ["never-existed"]),
      );
      assert.equal(text, JSON.stringify(unknown.body).replaceAll("never-existed", a.orgIds[0]));
    } else {
      for (const id of a.orgIds) assert.ok(!text.includes(id), `${op} leaks ${id}: ${text}`);
    }
    if (expect === "empty") assert.deepEqual([res.status, res.body.items], [200, []], op);
    if (op === "GET /v1/msps/{msp}/product-mappings") {
      const items = res.body.items as { license: unknown; server: unknown }[];
      assert.ok(items.every((m) => m.license === null && m.server === null), text);
    }
  }

  // Once B has its own connection and an organization with A's id, it still sees only its own.
  const b = (path: string) => `/v1/msps/msp-b${path}`;
  assert.equal((await w.json("PUT", b("/connectwise"), CREDENTIALS)).status, 200);
  const mine = { name: "B's own", planId: "lite", licenseType: "trial" };
  assert.equal((await w.json("PUT", b(`/organizations/${a.orgIds[0]}`), mine)).status, 200);
  const companies = await w.json<{ items: { mappedOrganizationId: string | null }[] }>(
    "GET",
    b("/connectwise/companies"),
  );
  assert.ok(companies.body.items.every((c) => c.mappedOrganizationId === null));
  const importA = await w.json("POST", b("/company-mappings"), {
    items: [{ companyId: 100, agreementId: 1000, organizationId: a.orgIds[1] }],
  });
  assert.equal(importA.status, 422);
  const usage = bodyFor("x/usage", a.orgIds);
  assert.equal((await w.json("POST", b(`/organizations/${a.orgIds[1]}/usage`), usage)).status, 404);
  assert.equal((await w.json("DELETE", b(`/company-mappings/${a.orgIds[1]}`))).status, 404);
  assert.deepEqual((await w.json("GET", b("/sync/preview"))).body, { items: [] });
  assert.deepEqual((await w.json("GET", b("/audit"))).body, { items: [] });
  assert.deepEqual((await w.json("POST", b("/sync"))).body, {
    agreements: 0,
    written: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    held: 0,
    blocked: 0,
  });
  assert.equal((await w.json("DELETE", b("/connectwise"))).status, 204);

  assert.deepEqual(await readsOf("msp-a"), before, "MSP A's data is unchanged");
});
