// Issue 22, item 3: company, agreement, addition and catalog lists are read
// with forward-only paging (`pagination-type: forward-only`, the `pageId`
// cursor); reading stops on a short or empty page whatever the `Link` says
// (ConnectWise may name a next page on the last one), and a malformed `Link`
// URL still gives its cursor (paging_guards_test.ts: its parsing, and loops).
import assert from "node:assert/strict";
import type { SimulatorOptions } from "../../connectwise_simulator/simulator.ts";
import type { SimState } from "../../connectwise_simulator/sim_state.ts";
import { simulatorState } from "../../support/simulator_seed.ts";
import { contractWorld } from "../../application/ports/connectwise_world.ts";
import { type HttpHarness, withSimulator } from "./http_fixture.ts";

const COMPANIES = "GET /company/companies";
const AGREEMENTS = "GET /finance/agreements";
const ADDITIONS = "GET /finance/agreements/{id}/additions";
const CATALOG = "GET /procurement/catalog";

/** The contract world with `n` companies (ids 1..n), each with an agreement, 1,500 additions on agreement 100 and 1,200 products. */
function bigWorld(n: number): SimState {
  const seed = simulatorState(contractWorld());
  const [agreement] = seed.agreements;
  const [product] = seed.catalog;
  const [addition] = seed.additions;
  const client = { id: 1, name: "Customer" };
  const active = { id: 1, name: "Active" };
  seed.companies = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    identifier: `C${i + 1}`,
    name: `Company ${i + 1}`,
    types: [client],
    status: active,
  }));
  seed.agreements = seed.companies.map((c) => ({
    ...agreement,
    id: 10_000 + c.id,
    company: { id: c.id, identifier: c.identifier, name: c.name },
  }));
  seed.additions = Array.from({ length: 1_500 }, (_, i) => ({
    ...addition,
    id: 50_000 + i,
    agreementId: 10_001,
  }));
  seed.catalog = Array.from({ length: 1_200 }, (_, i) => ({
    ...product,
    id: 70_000 + i,
    identifier: `P-${i}`,
    description: `Product ${i}`,
  }));
  return seed;
}

/** Reads every list kind once: companies, agreements of 3 companies, additions, the catalog. */
async function readAll({ session }: HttpHarness) {
  const companies = await session.companies.list({ typeIds: [1], statusIds: [1] });
  const agreements = await session.companies.agreementsOf([1, 2, 3]);
  const additions = await session.additions.list(10_001);
  const products = await session.catalog.search("P-");
  return { companies, agreements, additions, products };
}

/** The `pageId` cursor of each call of a kind, in order (undefined on the first page). */
function cursors(h: HttpHarness, key: string) {
  return h.sim.counters.of(key).map((r) => r.query.pageId);
}

async function readsWhole(options: SimulatorOptions, n: number) {
  await withSimulator({ seed: bigWorld(n), sim: options }, async (h) => {
    const read = await readAll(h);
    assert.deepEqual(read.companies.map((c) => c.id), Array.from({ length: n }, (_, i) => i + 1));
    assert.deepEqual(read.agreements.map((a) => a.id), [10_001, 10_002, 10_003]);
    assert.equal(new Set(read.additions.map((a) => a.id)).size, 1_500);
    assert.equal(new Set(read.products.map((p) => p.id)).size, 1_200);
    const pages = Math.ceil(n / 1000);
    const full = n % 1000 === 0 ? 1 : 0; // a full last page is followed by an empty one at most
    assert.ok(
      [pages, pages + full].includes(h.sim.counters.attempted(COMPANIES)),
      `${h.sim.counters.attempted(COMPANIES)} company calls`,
    );
    const companyCursors = cursors(h, COMPANIES);
    assert.deepEqual(companyCursors.slice(0, pages), [
      undefined,
      ...Array.from({ length: pages - 1 }, (_, i) => String((i + 1) * 1000)),
    ]);
    assert.deepEqual(cursors(h, AGREEMENTS), [undefined], "3 agreements: one short page");
    assert.deepEqual(cursors(h, ADDITIONS), [undefined, "50999"]);
    assert.deepEqual(cursors(h, CATALOG), [undefined, "70999"]);
    for (const r of h.sim.counters.requests.filter((r) => r.method === "GET")) {
      if (r.key.includes("companyinfo")) continue;
      assert.equal(r.headers.paginationType, "forward-only", r.key);
      assert.equal(r.query.page, undefined, `${r.key}: no page number`);
      assert.equal(r.query.orderBy, undefined, `${r.key}: no orderBy`);
      assert.equal(r.query.pageSize, "1000", r.key);
    }
    for (const key of [COMPANIES, CATALOG]) {
      const [first, ...rest] = h.sim.counters.of(key);
      assert.ok(first.conditions, key);
      for (const r of rest) {
        assert.deepEqual(r.conditions, first.conditions, `${key} keeps its conditions`);
      }
    }
  });
}

Deno.test("company, agreement, addition and catalog lists page forward-only by pageId, conditions on every page", async () => {
  await readsWhole({}, 2_500);
});

Deno.test("a next link on the last page (forward-only): reading stops on the short page, and after a full last page on the empty one", async () => {
  await readsWhole({ nextLinkOnLastPage: true }, 2_500);
  await readsWhole({ nextLinkOnLastPage: true }, 2_000);
  await withSimulator({ seed: bigWorld(4), sim: { nextLinkOnLastPage: true } }, async (h) => {
    assert.equal((await h.session.companies.list({ typeIds: [], statusIds: [] })).length, 4);
    const [only] = h.sim.counters.of(COMPANIES);
    assert.equal(h.sim.counters.attempted(COMPANIES), 1, "a short page is the last");
    assert.equal(only.status, 200);
  });
});

Deno.test("a next link on the last page after a full page: exactly one empty page is read, then reading stops", async () => {
  await withSimulator({ seed: bigWorld(2_000), sim: { nextLinkOnLastPage: true } }, async (h) => {
    const companies = await h.session.companies.list({ typeIds: [], statusIds: [] });
    assert.equal(companies.length, 2_000);
    assert.deepEqual(cursors(h, COMPANIES), [undefined, "1000", "2000"]);
  });
});

Deno.test("a malformed Link URL (its query joined with & instead of ?) still gives the cursor: every list comes whole", async () => {
  await readsWhole({ malformedLinks: true }, 2_500);
  await readsWhole({ malformedLinks: true, nextLinkOnLastPage: true }, 3_000);
});

Deno.test("company pages by keyset (page()) are read without forward-only, which refuses orderBy", async () => {
  await withSimulator({ seed: bigWorld(30) }, async (h) => {
    const any = { typeIds: [], statusIds: [] };
    const first = await h.session.companies.page(any, { limit: 20 });
    const second = await h.session.companies.page(any, { limit: 20, after: first.next! });
    assert.deepEqual([first.companies.length, first.next, second.companies.length], [20, 20, 10]);
    const calls = h.sim.counters.of(COMPANIES);
    assert.deepEqual(calls.map((c) => [c.headers.paginationType, c.query.orderBy]), [
      [null, "id asc"],
      [null, "id asc"],
    ]);
  });
});
