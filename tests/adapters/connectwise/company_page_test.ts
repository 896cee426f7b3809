import assert from "node:assert/strict";
import type { SimCompany } from "../../connectwise_simulator/sim_state.ts";
import { simulatorState } from "../../support/simulator_seed.ts";
import { contractWorld } from "../../application/ports/connectwise_world.ts";
import { withSimulator } from "./http_fixture.ts";

/** 2,600 active companies; every 10th one's name has "Acme" in it. */
function companies(): SimCompany[] {
  const client = { id: 1, name: "Client" };
  return Array.from({ length: 2600 }, (_, i) => ({
    id: i + 1,
    identifier: `C${i + 1}`,
    name: i % 10 === 0 ? `The "Acme" ${i + 1}` : `Company ${i + 1}`,
    types: [client],
    status: { id: 1, name: "Active" },
  }));
}

Deno.test("a page of companies searched by name is one ConnectWise call whatever the MSP's size: name, filter and keyset in conditions", async () => {
  const seed = simulatorState(contractWorld());
  seed.companies = companies();
  await withSimulator({ seed }, async ({ sim, session }) => {
    const filter = { typeIds: [1], statusIds: [1], nameContains: '"acme"' };
    const first = await session.companies.page(filter, { limit: 200 });
    assert.equal(first.companies.length, 200);
    assert.ok(first.companies.every((c) => c.name.includes('"Acme"')));
    assert.equal(first.next, first.companies.at(-1)!.id);
    const second = await session.companies.page(filter, { limit: 200, after: first.next! });
    assert.deepEqual(second.companies.map((c) => c.id).slice(0, 2), [2001, 2011]);
    assert.equal(second.companies.length, 60);
    assert.equal(second.next, null);

    const calls = sim.counters.of("GET /company/companies");
    assert.equal(calls.length, 2, "one call per page");
    assert.equal(calls[0].query.pageSize, "201", "one more than shown: is there a next page?");
    assert.equal(calls[0].query.orderBy, "id asc");
    assert.deepEqual(calls[1].conditions, {
      op: "and",
      all: [
        { op: "in", field: "status/id", values: [1] },
        { op: "contains", field: "name", value: '"acme"' },
        { op: ">", field: "id", value: first.next },
      ],
    });
    assert.deepEqual(calls[1].childConditions, { op: "in", field: "types/id", values: [1] });
  });
});

Deno.test("a company search with a control character is refused before any call", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    const filter = { typeIds: [], statusIds: [], nameContains: "a\u0000b" };
    await assert.rejects(session.companies.page(filter, { limit: 10 }), {
      code: "invalid-search-text",
    });
    assert.equal(sim.counters.attempted("GET /company/companies"), 0);
  });
});
