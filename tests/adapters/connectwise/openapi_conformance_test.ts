import assert from "node:assert/strict";
import { loadOpenApi, operationOf, problems, schemaOf } from "./openapi_check.ts";
import { withSimulator } from "./http_fixture.ts";

const api = loadOpenApi();
if (api === null) {
  console.log(
    "openapi_conformance_test.ts: skipped, it needs ConnectWise's published OpenAPI subset beside " +
      "the repository (../shared/connectwise/openapi-subset.json), which is not ours to ship",
  );
}

Deno.test({
  name:
    "every request body the client sends and every answer the simulator gives fit the published OpenAPI schemas",
  ignore: api === null,
  fn: async () => {
    await withSimulator({}, async ({ sim, cw, credentials, session }) => {
      await cw.probe(credentials);
      await session.companies.types();
      await session.companies.statuses();
      await session.companies.list({ typeIds: [1], statusIds: [1] });
      await session.companies.agreementsOf([20]);
      await session.catalog.search("vpn");
      await session.catalog.get(21);
      await session.catalog.create({
        identifier: "OAS-1",
        description: "Checked",
        price: 2,
        cost: 1,
      });
      const added = await session.additions.create(100, {
        productId: 21,
        quantity: 2,
        effectiveDate: new Date("2026-12-01T00:00:00Z"),
      });
      await session.additions.setQuantity(100, added.id, 5);
      await session.additions.list(100);
      const checked: string[] = [];
      for (const r of sim.counters.requests.filter((r) => r.path.startsWith(sim.apiPrefix))) {
        const op = operationOf(api!, r.method, r.path.slice(sim.apiPrefix.length));
        assert.ok(op, `${r.key} is not a published operation`);
        const request = schemaOf(op, "request");
        if (r.body !== undefined) {
          assert.ok(request, `${r.key} has no published body`);
          assert.deepEqual(problems(api!, request, r.body), [], `${r.key} request body`);
        }
        const answer = schemaOf(op, "answer");
        assert.ok(answer && r.answer !== undefined, `${r.key} answer`);
        const partial = "fields" in r.query;
        assert.deepEqual(problems(api!, answer, r.answer, { partial }), [], `${r.key} answer`);
        checked.push(r.key);
      }
      assert.ok(checked.length >= 15, `checked only ${checked.length}`);
    });
  },
});

Deno.test({
  name: "the checker itself catches a wrong type, a missing required field and an unknown field",
  ignore: api === null,
  fn: () => {
    const addition = { $ref: "#/components/schemas/Addition" };
    assert.deepEqual(
      problems(api!, addition, { product: { id: 1 }, billCustomer: "Billable" }),
      [],
    );
    assert.deepEqual(
      problems(api!, addition, { product: { id: "1" }, billCustomer: "Often", extra: 1 }),
      [
        "$.product.id: not an integer",
        "$.billCustomer: Often not in Billable,DoNotBill,NoCharge",
        "$.extra: not in the published schema",
      ],
    );
    assert.deepEqual(problems(api!, addition, { quantity: 1 }), [
      "$.product: required but missing",
      "$.billCustomer: required but missing",
    ]);
  },
});
