// The month the injected-faults run lives through, phase by phase: set-up,
// reports arriving while the workers run, plan changes, the month end with
// late reports and a trial's conversion, and the checks after each phase.
import assert from "node:assert/strict";
import { expectedQuantities } from "./billing_model.ts";
import {
  createdTwice,
  expectedStatement,
  neverHeld,
  quantityDiff,
  statementOf,
  unsettledLines,
} from "./checks.ts";
import { type FaultWorld, settle, tick } from "./fault_world.ts";
import {
  connectMsp,
  mapOrganizations,
  MODEL_PLANS,
  type OrgLayout,
  pick,
  putOrganization,
  putPlans,
  type Random,
  type ScriptMsp,
  sendUsage,
  shuffled,
  usageReports,
} from "./platform_script.ts";
import { heldQuantities } from "./site_seed.ts";

/** Per MSP: o1-o3 share agreement 101; o4 is Lite on 102, where an addition already exists; o5 is a
 * trial that converts at the month end; o6 is NFR; o8 is mapped in the next month; o10 never. */
export const LAYOUT: OrgLayout[] = [
  { company: 1 },
  { company: 1 },
  { company: 1, steadyPlan: true },
  { company: 2, steadyPlan: true },
  { company: 3, licenseType: "trial", steadyPlan: true },
  { company: 4, licenseType: "nfr" },
  { company: 5 },
  { company: 5 },
  { company: 6, steadyPlan: true },
  { company: null },
];
export const LATE_MAPPED = "o8";

/** Plans, each MSP connected and mapped (o8 and o10 not), o4's addition already there. */
export async function setUp(w: FaultWorld, random: Random) {
  await putPlans(w.call);
  for (const [i, msp] of w.msps.entries()) {
    await connectMsp(w.call, msp, { createPremiumLicense: i === 0 });
    // o4's Lite seat is already on agreement 102 (and a cancelled one): it must be adopted.
    msp.site.sim.state.additions.push(
      addition(900, 102, 11, 99, null),
      addition(901, 102, 11, 5, "2026-01-31T00:00:00Z"),
    );
    for (const [j, layout] of LAYOUT.entries()) {
      const planId = j === 3 ? "lite" : pick(random, [...MODEL_PLANS.keys()]);
      await putOrganization(w.call, msp, {
        id: `o${j + 1}`,
        planId,
        licenseType: layout.licenseType ?? "standard",
        at: w.clock.now(),
      });
    }
    const rows = LAYOUT.flatMap((l, j) =>
      l.company === null || `o${j + 1}` === LATE_MAPPED
        ? []
        : [{ orgId: `o${j + 1}`, company: l.company }]
    );
    await mapOrganizations(w.call, msp, rows);
  }
}

function addition(
  id: number,
  agreementId: number,
  product: number,
  quantity: number,
  cancelled: string | null,
) {
  return {
    id,
    agreementId,
    product: { id: product, identifier: "VPN-LITE" },
    quantity,
    billCustomer: "Billable" as const,
    cancelledDate: cancelled,
  };
}

/**
 * Reports of every organization of every MSP in [from, to), shuffled and
 * sent a few at a time while the workers run (some sent twice: duplicates).
 */
export async function reportWindow(
  w: FaultWorld,
  random: Random,
  input: { from: Date; to: Date; count: number; prefix: string; first?: boolean },
) {
  const all = w.msps.flatMap((msp) =>
    msp.orgs.flatMap((org, j) => {
      const plan = org.events.find((e) => e.planId !== null)?.planId ?? undefined;
      return usageReports(random, {
        orgId: org.id,
        from: input.from,
        to: input.to,
        count: input.count,
        firstPlan: input.first ? plan : undefined,
        steadyPlan: LAYOUT[j].steadyPlan,
        prefix: input.prefix,
      }).map((report) => ({ msp, orgId: org.id, report }));
    })
  );
  const order = shuffled(random, all);
  for (let i = 0; i < order.length; i += 6) {
    for (const { msp, orgId, report } of order.slice(i, i + 6)) {
      await sendUsage([w.call], msp, [{ orgId, report }]);
    }
    await tick(w);
  }
  for (const { msp, orgId, report } of order.filter(() => random() < 0.1)) {
    const res = await w.call<{ duplicate: boolean }>(
      "POST",
      `/v1/msps/${msp.mspId}/organizations/${orgId}/usage`,
      report,
      202,
    );
    assert.equal(res.body.duplicate, true, `${report.eventId} sent again is a duplicate`);
  }
}

/** ConnectWise holds `period`'s quantities, every line is in sync, nothing was created twice. */
export async function assertSettled(w: FaultWorld, period: string, label: string) {
  for (const msp of w.msps) {
    assert.deepEqual(quantityDiff(msp, period), [], `${label}: quantities of ${msp.mspId}`);
    assert.deepEqual(
      await unsettledLines(w.call, msp.mspId, period),
      [],
      `${label}: lines of ${msp.mspId}`,
    );
    assert.deepEqual(
      createdTwice(msp.site),
      [],
      `${label}: additions created twice on ${msp.mspId}`,
    );
  }
}

/** A plan other than the organization's current one. */
export function otherPlan(msp: ScriptMsp, orgId: string, random: Random): string {
  const current = msp.orgs.find((o) => o.id === orgId)!.events.filter((e) => e.planId).at(-1)!
    .planId!;
  return pick(random, [...MODEL_PLANS.keys()].filter((p) => p !== current));
}

/**
 * October ends: late reports and a trial's conversion arrive, the finalization
 * runs under faults; then the statements are right, October's final figures
 * reached ConnectWise and November's running ones are there.
 */
export async function monthEnd(w: FaultWorld, random: Random) {
  // Reports of the month's last minutes arrive after it ended, before the finalization.
  w.clock.set("2026-11-01T00:01:00Z");
  for (const msp of w.msps) {
    const late = ["o1", "o7"].map((orgId) => ({
      orgId,
      report: {
        eventId: `late-${orgId}`,
        occurredAt: "2026-10-31T23:58:00Z",
        licenses: 45 + Math.floor(random() * 15),
        servers: 4,
      },
    }));
    await sendUsage([w.call], msp, late);
    // The trial converts: it is standard when October's figures are computed.
    await putOrganization(w.call, msp, {
      id: "o5",
      planId: planOf(msp, "o5"),
      licenseType: "standard",
      at: w.clock.now(),
    });
  }
  w.clock.set("2026-11-01T00:05:00Z");
  const marks = w.msps.map((m) => ({
    from: m.site.sim.counters.requests.length,
    before: heldQuantities(m.site.sim.state),
    october: expectedQuantities(m.orgs, "2026-10", { plans: MODEL_PLANS, products: m.products }),
  }));
  await w.call("POST", "/v1/periods/2026-10/finalize", undefined, 200);
  await settle(w);
  for (const [i, msp] of w.msps.entries()) {
    const { from, before, october } = marks[i];
    assert.deepEqual(
      await statementOf(w.call, msp.mspId, "2026-10"),
      expectedStatement(msp, "2026-10"),
      `October statement of ${msp.mspId}`,
    );
    assert.deepEqual(
      neverHeld(msp.site, from, before, october),
      [],
      `October's final figures reached ${msp.mspId}`,
    );
  }
  await assertSettled(w, "2026-11", "after the month end");
}

function planOf(msp: ScriptMsp, orgId: string): string {
  return msp.orgs.find((o) => o.id === orgId)!.events.filter((e) => e.planId).at(-1)!.planId!;
}

/** The admin maps o8 now; a ConnectWise failure (502) is retried by the admin. */
export async function mapUnderFaults(w: FaultWorld, msp: ScriptMsp) {
  for (let attempt = 1;; attempt++) {
    const res = await w.call("POST", `/v1/msps/${msp.mspId}/company-mappings`, {
      items: [{ companyId: 5, agreementId: 105, organizationId: LATE_MAPPED }],
    });
    if (res.status === 200) break;
    assert.ok(
      res.status === 502 && attempt < 5,
      `mapping ${LATE_MAPPED}: ${JSON.stringify(res.body)}`,
    );
  }
  msp.orgs.find((o) => o.id === LATE_MAPPED)!.agreementId = 105;
}
