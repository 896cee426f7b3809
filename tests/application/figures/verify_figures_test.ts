import assert from "node:assert/strict";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { verifyFigures } from "../../../application/figures/verify_figures.ts";
import type { Repositories } from "../../../application/ports/store.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";

async function world() {
  const w = await testWorld({ now: "2026-11-20T12:00:00Z" });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await mappedOrganization(w, { id: "o2", planId: "lite" });
  let n = 0;
  for (
    const [org, at, licenses] of [
      ["o1", "2026-10-20T00:00:00Z", 9],
      ["o1", "2026-11-03T00:00:00Z", 4],
      ["o2", "2026-11-19T00:00:00Z", 7],
    ] as const
  ) {
    await reportUsage(w.deps, {
      mspId: "msp-a",
      organizationId: org,
      eventId: `v${++n}`,
      occurredAt: new Date(at),
      licenses,
      servers: 1,
    });
  }
  return w;
}

Deno.test("figures:verify: the kept figures of every open period equal the ledger's", async () => {
  const w = await world();
  const result = await verifyFigures(w.store, { now: w.clock.now() });
  assert.equal(result.checked, 4, "two organizations, October and November open");
  assert.deepEqual(result.differences, []);
});

Deno.test("figures:verify: a kept figure that differs from the ledger is reported with its organization and period", async () => {
  const w = await world();
  // Kept figures that lost October's last report (what a broken update would leave).
  const lying: Repositories = {
    ...w.store,
    usage: {
      ...w.store.usage,
      periodInputs: async (msp, period, ids) =>
        (await w.store.usage.periodInputs(msp, period, ids)).map((i) =>
          i.organizationId === "o1" && period === "2026-11"
            ? { ...i, carried: { ...i.carried, licenses: 2 } }
            : i
        ),
    },
  };
  const result = await verifyFigures(lying, { now: w.clock.now() });
  assert.deepEqual(
    result.differences.map((d) => [d.mspId, d.organizationId, d.period, d.kept.licenses]),
    [["msp-a", "o1", "2026-11", 4]],
  );
  assert.equal(result.differences[0].ledger.licenses, 9);
});
