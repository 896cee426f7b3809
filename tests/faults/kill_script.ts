// What a kill -9 round (and the two-process run) does before the finalization:
// two MSPs set up over the API, usage of the month before this one (by
// the system clock the service uses) sent before any organization is mapped.
import { seededRandom } from "../connectwise_simulator/sim_faults.ts";
import { monthOf, monthStart } from "./billing_model.ts";
import {
  connectMsp,
  mapOrganizations,
  MODEL_PLANS,
  pick,
  putOrganization,
  putPlans,
  type ScriptMsp,
  sendUsage,
  shuffled,
  usageReports,
} from "./platform_script.ts";
import type { ApiCall } from "./service_children.ts";

const DATA_SEED = 707;
/** Per MSP: o1-o3 share agreement 101, o5 is a trial, o6 NFR, o7/o8 and o9/o10 share. */
const COMPANIES = [1, 1, 1, 2, 3, 4, 5, 5, 6, 6];
const LICENSES = ["standard", "standard", "standard", "standard", "trial", "nfr"] as const;

/** This month and the two before it, by the system clock the service uses. */
export function months(now = new Date()) {
  return {
    current: monthOf(now),
    last: monthOf(monthStart(now, -1)),
    before: monthOf(monthStart(now, -2)),
  };
}

/** Plans, connections, organizations and their usage; every round sends the same. */
export async function setUpRound(call: ApiCall, msps: ScriptMsp[]): Promise<void> {
  const random = seededRandom(DATA_SEED);
  // The previous month is the oldest that still takes reports (DOMAIN.md).
  const from = monthStart(new Date(), -1);
  const to = new Date(monthStart(new Date()).getTime() - 60_000);
  await putPlans(call);
  for (const msp of msps) {
    await connectMsp(call, msp);
    const reports = [];
    for (const i of COMPANIES.keys()) {
      const id = `o${i + 1}`;
      const planId = pick(random, [...MODEL_PLANS.keys()]);
      const licenseType = LICENSES[i] ?? "standard";
      await putOrganization(call, msp, { id, planId, licenseType, at: new Date() });
      const made = usageReports(random, {
        orgId: id,
        from,
        to,
        count: 6,
        firstPlan: planId,
        prefix: "u",
      });
      reports.push(...made.map((report) => ({ orgId: id, report })));
    }
    await sendUsage([call], msp, shuffled(random, reports));
  }
}

/**
 * Maps every organization, all MSPs at once: until now no agreement was dirty,
 * so nothing could finalize; from now on the sync loop may start on it too.
 */
export function mapAll(call: ApiCall, msps: readonly ScriptMsp[]): Promise<void[]> {
  const rows = COMPANIES.map((company, i) => ({ orgId: `o${i + 1}`, company }));
  return Promise.all(msps.map((msp) => mapOrganizations(call, msp, rows)));
}
