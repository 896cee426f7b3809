// The Postgres restart test's moves: the MSP and its reports, and the outage
// itself (stop the private cluster, probe the service, start it again, time
// the way back).
import { monthStart } from "./billing_model.ts";
import {
  connectMsp,
  mapOrganizations,
  MODEL_PLANS,
  pick,
  putOrganization,
  putPlans,
  type Random,
  type ScriptMsp,
  shuffled,
  type UsageBody,
  usageReports,
} from "./platform_script.ts";
import type { PrivatePostgres } from "./private_postgres.ts";
import type { ClientTally } from "./restart_clients.ts";
import type { ApiCall } from "./service_children.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The status of a GET of `url` (body discarded). */
export async function statusOf(url: string): Promise<number> {
  const res = await fetch(url);
  await res.body?.cancel();
  return res.status;
}

/**
 * Plans, connection, `orgs` organizations mapped one per company, and
 * `perOrg` reports of each this month (shuffled; none changes the plan).
 */
export async function seedReports(
  call: ApiCall,
  msp: ScriptMsp,
  random: Random,
  input: { orgs: number; perOrg: number },
): Promise<{ orgId: string; report: UsageBody }[]> {
  await putPlans(call);
  await connectMsp(call, msp);
  const rows = Array.from(
    { length: input.orgs },
    (_, i) => ({ orgId: `o${i + 1}`, company: i + 1 }),
  );
  for (const { orgId } of rows) {
    const planId = pick(random, [...MODEL_PLANS.keys()]);
    await putOrganization(call, msp, {
      id: orgId,
      planId,
      licenseType: "standard",
      at: new Date(),
    });
  }
  await mapOrganizations(call, msp, rows);
  const from = monthStart(new Date());
  const to = new Date(Math.max(from.getTime() + 1_000, Date.now() - 60_000));
  return shuffled(
    random,
    rows.flatMap(({ orgId }) =>
      usageReports(random, { orgId, from, to, count: input.perOrg, steadyPlan: true, prefix: "r" })
        .map((report) => ({ orgId, report }))
    ),
  );
}

/** What the outage showed. */
export interface Outage {
  /** `/healthz` and `/readyz` while the database was down. */
  readonly during: { healthz: number; readyz: number };
  /** When the cluster answered again (epoch ms). */
  readonly back: number;
  /** Milliseconds from `back` to the first `/readyz` 200 (Infinity: none in 30 s, a hang guard). */
  readonly readyAfterMs: number;
}

/** Stops the cluster for `downMs`, probing the service meanwhile, then starts it again. */
export async function restartCluster(
  pg: PrivatePostgres,
  serviceUrl: string,
  tally: ClientTally,
  downMs: number,
): Promise<Outage> {
  tally.inOutage = true;
  await pg.stop();
  const during = {
    healthz: await statusOf(`${serviceUrl}/healthz`),
    readyz: await statusOf(`${serviceUrl}/readyz`),
  };
  await sleep(downMs);
  await pg.start();
  const back = Date.now();
  tally.since = back;
  while (Date.now() - back < 30_000) {
    if ((await statusOf(`${serviceUrl}/readyz`)) === 200) {
      return { during, back, readyAfterMs: Date.now() - back };
    }
    await sleep(100);
  }
  return { during, back, readyAfterMs: Infinity };
}
