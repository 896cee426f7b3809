import assert from "node:assert/strict";
import { UpstreamError } from "../../../application/ports/errors.ts";
import { withSimulator } from "./http_fixture.ts";

const DISCOVERY = "GET /login/companyinfo/{companyId}";

Deno.test("probe discovers the codebase and the API is used under it", async () => {
  await withSimulator({ sim: { codebase: "v2025_1/" } }, async ({ sim, cw, credentials }) => {
    assert.equal((await cw.probe(credentials)).codebase, "v2025_1/");
    assert.ok(sim.counters.requests.some((r) => r.path === "/v2025_1/apis/3.0/system/info"));
  });
});

Deno.test("a failed discovery falls back to v4_6_release/", async () => {
  await withSimulator({}, async ({ sim, cw, credentials }) => {
    sim.faults.enqueue({ status: 500 }, { template: "/login/companyinfo/{companyId}" });
    assert.equal((await cw.probe(credentials)).codebase, "v4_6_release/");
  });
});

Deno.test("a Codebase that is not one plain path segment is not used (falls back)", async () => {
  await withSimulator({ sim: { codebase: "../evil/" } }, async ({ sim, cw, credentials }) => {
    // The simulator serves nothing at the fallback, so the probe fails, but never at "../evil/".
    await assert.rejects(cw.probe(credentials), { code: "connectwise-not-found" });
    const paths = sim.counters.requests.map((r) => r.path).filter((p) => !p.startsWith("/login/"));
    assert.ok(paths.length > 0 && paths.every((p) => p.startsWith("/v4_6_release/apis/3.0/")));
  });
});

Deno.test("a session uses the saved codebase: no discovery call", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    await session.companies.types();
    await session.companies.statuses();
    assert.equal(sim.counters.attempted(DISCOVERY), 0);
  });
});

Deno.test("an answer missing a required field is an UpstreamError naming the field and the call", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    delete (sim.state.companies[1] as { identifier?: string }).identifier;
    await assert.rejects(session.companies.list({ typeIds: [], statusIds: [] }), (e) => {
      assert.ok(e instanceof UpstreamError);
      assert.equal(e.code, "connectwise-invalid-answer");
      assert.match(e.message, /GET \/company\/companies without a valid "1\.identifier"/);
      return true;
    });
  });
});

Deno.test("unknown answer fields are ignored", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    Object.assign(sim.state.companyTypes[0], { defaultFlag: true, _info: { lastUpdated: "x" } });
    assert.deepEqual((await session.companies.types())[0], { id: 1, name: "Customer" });
  });
});

Deno.test("creating a product without any product type fails with a clear message and no POST", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    sim.state.productTypes.length = 0;
    await assert.rejects(session.catalog.create({ identifier: "X", description: "X" }), {
      code: "connectwise-setup-missing",
      message: /Cannot create product "X" in ConnectWise: it has no active product type/,
    });
    assert.equal(sim.counters.attempted("POST /procurement/catalog"), 0);
  });
});

Deno.test("the product is created with the first active type and subcategory, NonInventory, price and cost", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    sim.state.productTypes.unshift({ id: 0, name: "Old", inactiveFlag: true });
    await session.catalog.create({ identifier: "NEW-2", description: "Two", price: 9.5, cost: 3 });
    assert.deepEqual(sim.counters.of("POST /procurement/catalog")[0].body, {
      identifier: "NEW-2",
      description: "Two",
      customerDescription: "Two",
      subcategory: { id: 1 },
      type: { id: 1 },
      productClass: "NonInventory",
      price: 9.5,
      cost: 3,
    });
  });
});
