// Issue 22, item 7: a PATCH ConnectWise answers 200 without applying it is a
// failure (`connectwise-write-not-applied`), sent once, never a success.
import assert from "node:assert/strict";
import { UpstreamError } from "../../../application/ports/errors.ts";
import { withSimulator } from "./http_fixture.ts";

const PATCH = { method: "PATCH", template: "/finance/agreements/{id}/additions/{id}" };

Deno.test("a PATCH answered 200 without the quantity sent fails with connectwise-write-not-applied, sent once", async () => {
  await withSimulator({}, async ({ sim, session }) => {
    sim.faults.enqueue({ falseOk: true }, PATCH);
    const error = await session.additions.setQuantity(100, 501, 8).catch((e) => e);
    assert.ok(error instanceof UpstreamError, String(error));
    assert.deepEqual([error.code, error.upstreamStatus, error.retryable], [
      "connectwise-write-not-applied",
      200,
      false,
    ]);
    assert.match(
      error.message,
      /^ConnectWise did not apply the quantity: .* quantity 5, not the 8 sent$/,
    );
    assert.equal(sim.counters.attempted(`PATCH ${PATCH.template}`), 1);
    assert.equal(sim.state.additions.find((a) => a.id === 501)?.quantity, 5);
    assert.equal((await session.additions.setQuantity(100, 501, 8)).quantity, 8, "applied now");
  });
});
