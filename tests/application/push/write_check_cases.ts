// Engine cases of issue 22, items 4 and 7: a write ConnectWise refuses leaves
// the line failed with ConnectWise's own reason (its errors[].message, not its
// generic top message), and a PATCH it answers 200 without applying ("false
// 200") fails the line, never reports it in sync. Run on both stores by
// engine_memory_test.ts and engine_postgres_test.ts.
import assert from "node:assert/strict";
import { REFUSALS } from "../../connectwise_simulator/sim_invoicing.ts";
import { MONTHLY } from "../../connectwise_simulator/sim_state.ts";
import { mappedOrganization, reportAndPush } from "../../support/setup.ts";
import type { SimWorld } from "../../support/sim_world.ts";
import type { EngineCase } from "./engine_cases.ts";

const MSP = "msp-a";
const PATCH = { method: "PATCH", template: "/finance/agreements/{id}/additions/{id}" };

async function line(w: SimWorld) {
  const lines = await w.store.syncLines.forAgreement(MSP, 1000);
  return lines.find((l) => l.productId === 11)!;
}

async function lastFailure(w: SimWorld) {
  const entries = await w.store.audit.list(MSP, { limit: 50 });
  return entries.find((e) => e.action === "failure");
}

/** The cases on what ConnectWise says of a write, and whether it applied it. */
export const writeCheckCases: EngineCase[] = [
  {
    name:
      "an addition ConnectWise refuses for its date fails the line with ConnectWise's own message",
    async body(w) {
      // Billing starts after the next invoice date: the addition, dated to that invoice, is refused.
      const agreement = w.sim.state.agreements.find((a) => a.id === 1000)!;
      Object.assign(agreement, {
        ...MONTHLY,
        billStartDate: "2027-01-01T00:00:00Z",
        nextInvoiceDate: "2026-12-01T00:00:00Z",
      });
      await mappedOrganization(w, { id: "o1", planId: "lite" });
      await reportAndPush(w, 3);
      const reason = "ConnectWise refused POST /finance/agreements/{id}/additions (400): " +
        REFUSALS.beforeBillStart;
      const failed = await line(w);
      assert.deepEqual([failed.status, failed.reason, failed.writtenQuantity], [
        "failed",
        reason,
        null,
      ]);
      assert.equal((await lastFailure(w))?.message, reason);
      assert.deepEqual(w.quantities(1000, 11), []);
    },
  },
  {
    name:
      'a PATCH ConnectWise answers 200 without applying fails the line with "ConnectWise did not apply the quantity"; once it applies, the next push writes',
    async body(w) {
      await mappedOrganization(w, { id: "o1", planId: "lite" });
      await reportAndPush(w, 5);
      assert.deepEqual([(await line(w)).status, w.quantities(1000, 11)], ["in-sync", [5]]);

      w.sim.faults.setRate(1, { falseOk: true }, { match: PATCH });
      await reportAndPush(w, 9);
      const failed = await line(w);
      assert.equal(failed.status, "failed");
      assert.equal(
        failed.reason,
        "ConnectWise did not apply the quantity: PATCH /finance/agreements/{id}/additions/{id} " +
          "answered 200 with quantity 5, not the 9 sent",
      );
      assert.equal(failed.writtenQuantity, 5, "what ConnectWise holds, not what was sent");
      assert.deepEqual(w.quantities(1000, 11), [5], "the simulator did not apply it");
      assert.match(
        (await lastFailure(w))?.message ?? "",
        /^ConnectWise did not apply the quantity/,
      );

      w.sim.faults.clear();
      await reportAndPush(w, 10);
      assert.deepEqual([(await line(w)).status, (await line(w)).writtenQuantity], ["in-sync", 10]);
      assert.deepEqual(w.quantities(1000, 11), [10]);
    },
  },
];
