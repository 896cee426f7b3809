import assert from "node:assert/strict";
import type { SimCompany } from "../../connectwise_simulator/sim_state.ts";
import { contractWorld } from "../../application/ports/connectwise_world.ts";
import { CLIENT_ID, withSimulator } from "./http_fixture.ts";
import { simulatorState } from "../../support/simulator_seed.ts";

// Computed here by hand, not with the adapter's helper: "{companyId}+{publicKey}:{privateKey}".
const EXPECTED_AUTHORIZATION = `Basic ${btoa("acme+full:full-Pr1vate+Key/Secret")}`;
const ACCEPT = "application/vnd.connectwise.com+json; version=2025.8";

Deno.test("every call carries the exact Authorization, clientId and Accept headers (writes: Content-Type)", async () => {
  await withSimulator({}, async ({ sim, cw, credentials, session }) => {
    await cw.probe(credentials);
    await session.companies.list({ typeIds: [1], statusIds: [1] });
    await session.catalog.search("vpn");
    const added = await session.additions.create(100, {
      productId: 21,
      quantity: 2,
      effectiveDate: new Date("2026-12-01T00:00:00Z"),
    });
    await session.additions.setQuantity(100, added.id, 3);
    await session.catalog.create({ identifier: "HDR-1", description: "Header check" });
    const api = sim.counters.requests.filter((r) => !r.key.includes("/login/companyinfo/"));
    assert.ok(api.length >= 12, `only ${api.length} calls`);
    for (const r of api) {
      assert.equal(r.headers.authorization, EXPECTED_AUTHORIZATION, r.key);
      assert.equal(r.headers.clientId, CLIENT_ID, r.key);
      assert.equal(r.headers.accept, ACCEPT, r.key);
      assert.equal(r.headers.contentType, r.method === "GET" ? null : "application/json", r.key);
    }
    const discovery = sim.counters.of("GET /login/companyinfo/{companyId}");
    assert.equal(discovery.length, 1);
    assert.equal(discovery[0].headers.authorization, null, "discovery needs no credentials");
    assert.deepEqual(sim.counters.of("POST /finance/agreements/{id}/additions")[0].body, {
      product: { id: 21 },
      billCustomer: "Billable",
      quantity: 2,
      effectiveDate: "2026-12-01T00:00:00Z",
    });
    assert.deepEqual(sim.counters.of("PATCH /finance/agreements/{id}/additions/{id}")[0].body, [
      { op: "replace", path: "quantity", value: 3 },
    ]);
  });
});

/** 3,000 companies: the first 2,500 are active clients or prospects; the rest are not wanted. */
function manyCompanies(): SimCompany[] {
  const [client, prospect, vendor] = [1, 2, 3].map((id) => ({ id, name: `Type ${id}` }));
  const [active, inactive] = [1, 2].map((id) => ({ id, name: `Status ${id}` }));
  return Array.from({ length: 3000 }, (_, i) => {
    const wanted = i < 2500;
    return {
      id: i + 1,
      identifier: `C${i + 1}`,
      name: `Company ${i + 1}`,
      types: wanted ? [i % 2 ? client : prospect] : [i % 2 ? client : vendor],
      status: wanted || i % 2 === 0 ? active : inactive,
    };
  });
}

for (const linkDropsFilters of [false, true]) {
  const server = linkDropsFilters ? "a server whose next links drop the filter" : "ConnectWise";
  Deno.test(`2,500 companies arrive complete over 3 pages with the type/status filter on every page (${server})`, async () => {
    const seed = simulatorState(contractWorld());
    seed.companies = manyCompanies();
    await withSimulator({ seed, sim: { linkDropsFilters } }, async ({ sim, session }) => {
      const companies = await session.companies.list({ typeIds: [1, 2], statusIds: [1] });
      assert.equal(companies.length, 2500);
      assert.equal(new Set(companies.map((c) => c.id)).size, 2500);
      assert.ok(companies.every((c) => c.status?.id === 1 && c.types.some((t) => t.id <= 2)));
      const pages = sim.counters.of("GET /company/companies");
      assert.equal(pages.length, 3);
      for (const page of pages) {
        assert.equal(page.query.pageSize, "1000");
        assert.deepEqual(page.conditions, { op: "in", field: "status/id", values: [1] });
        assert.deepEqual(page.childConditions, { op: "in", field: "types/id", values: [1, 2] });
      }
    });
  });
}

Deno.test("a next link naming another host (the api- host, a proxy): only its page cursor is used, on the configured site; the other host gets nothing", async () => {
  let elsewhere = 0;
  const other = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    elsewhere++;
    return new Response("[]");
  });
  try {
    const seed = simulatorState(contractWorld());
    seed.companies = manyCompanies();
    const linkHost = `127.0.0.1:${other.addr.port}`;
    await withSimulator({ seed, sim: { linkHost } }, async ({ sim, session }) => {
      const companies = await session.companies.list({ typeIds: [1, 2], statusIds: [1] });
      assert.equal(companies.length, 2500);
      assert.equal(new Set(companies.map((c) => c.id)).size, 2500);
      const pages = sim.counters.of("GET /company/companies");
      assert.equal(pages.length, 3, "every page from the configured site");
      assert.ok(pages.slice(1).every((p) => p.query.pageId !== undefined), "the cursor was kept");
    });
    assert.equal(elsewhere, 0, "no request reached the host the links named");
  } finally {
    await other.shutdown();
  }
});

Deno.test('a search text with `"`, `\\` and `) or (` reaches ConnectWise as one literal and cannot change the conditions', async () => {
  const text = 'A"B\\ ) or (identifier like "%';
  const seed = simulatorState(contractWorld());
  seed.catalog.push({ ...seed.catalog[0], id: 77, identifier: `${text}-X`, description: "odd" });
  await withSimulator({ seed }, async ({ sim, session }) => {
    const found = await session.catalog.search(text);
    assert.deepEqual(found.map((p) => p.id), [77], "only the literal match, not every product");
    const [search] = sim.counters.of("GET /procurement/catalog");
    assert.deepEqual(search.conditions, {
      op: "or",
      any: [
        { op: "contains", field: "identifier", value: text },
        { op: "contains", field: "description", value: text },
      ],
    });
  });
});

Deno.test("a search text with a control character is refused before any call", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    await assert.rejects(session.catalog.search("a\nb"), { code: "invalid-search-text" });
    assert.equal(sim.counters.attempted("GET /procurement/catalog"), 0);
  });
});
