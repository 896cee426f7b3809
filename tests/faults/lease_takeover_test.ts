// Issue 12: fast lease recovery. Two service processes on one database; the first holds leases
// on agreements (the site holds its ConnectWise calls, so its round lasts) and is killed with
// SIGKILL. Leases are short and renewed by a heartbeat while the work goes on, not long ones that
// block for a minute: the test sees a lease renewed, sees that the leases the dead process left
// end at most LEASE_MS after its death (as the database holds them), and the second process
// then takes its agreements and brings ConnectWise to the right quantities.
import assert from "node:assert/strict";
import postgres from "postgres";
import { LEASE_MS } from "../../application/push/worker.ts";
import { type ServiceProcess, startService } from "../e2e/service_process.ts";
import { monthStart } from "./billing_model.ts";
import { createdTwice, quantityDiff } from "./checks.ts";
import { type FaultySite, type HookAction, serveFaultySite } from "./faulty_site.ts";
import { months } from "./kill_script.ts";
import { newEncryptionKey, newToken } from "./output_capture.ts";
import {
  connectMsp,
  mapOrganizations,
  putOrganization,
  putPlans,
  type ScriptMsp,
  sendUsage,
  usageReports,
} from "./platform_script.ts";
import { apiClient, childDatabase, childEnv } from "./service_children.ts";
import { memberKeys, PRODUCTS, siteSeed } from "./site_seed.ts";

const DATABASE_URL = Deno.env.get("DATABASE_URL");
const TOKEN = newToken("lease");
const ORGS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds every API call the site gets until `release`, which drops them unapplied. */
function holdCalls(site: FaultySite) {
  const held: (() => void)[] = [];
  let holding = true;
  site.hook = (_n, phase) => {
    if (phase !== "before" || !holding) return;
    return new Promise<HookAction>((resolve) => held.push(() => resolve("discard")));
  };
  return {
    release() {
      holding = false;
      held.splice(0).forEach((drop) => drop());
    },
  };
}
if (!DATABASE_URL) {
  console.log("lease_takeover_test.ts: skipped, two service processes need DATABASE_URL");
}

Deno.test({
  name: "kill -9 of a worker holding leases: its renewed leases end within LEASE_MS and " +
    "another process takes its agreements",
  ignore: !DATABASE_URL,
  async fn() {
    const db = await childDatabase();
    const keys = memberKeys("kappa");
    const site = serveFaultySite({ seed: siteSeed(keys, ORGS) });
    const msp: ScriptMsp = { mspId: "kappa", keys, site, products: PRODUCTS, orgs: [] };
    const env = {
      ...childEnv({ db, sites: [site], apiTokens: [TOKEN], encryptionKey: newEncryptionKey() }),
      LOG_LEVEL: "info",
    };
    const sql = postgres(db.env.DATABASE_URL, { onnotice: () => {}, max: 1 });
    const services: ServiceProcess[] = [];
    try {
      services.push(await startService(env));
      const call = apiClient(services[0].url, TOKEN);
      await putPlans(call);
      await connectMsp(call, msp);
      const rows = Array.from({ length: ORGS }, (_, i) => ({ orgId: `o${i + 1}`, company: i + 1 }));
      for (const { orgId } of rows) {
        await putOrganization(call, msp, {
          id: orgId,
          planId: "core",
          licenseType: "standard",
          at: new Date(),
        });
      }
      await mapOrganizations(call, msp, rows);
      // Every ConnectWise call is held from now on: the first process's round outlasts the test.
      const calls = holdCalls(site);
      const from = monthStart(new Date());
      const to = new Date(Math.max(from.getTime() + 1_000, Date.now() - 60_000));
      const reports = rows.flatMap(({ orgId }) =>
        usageReports(() => 0.5, { orgId, from, to, count: 1, steadyPlan: true, prefix: "k" })
          .map((report) => ({ orgId, report }))
      );
      await sendUsage([call], msp, reports);
      const pid = services[0].child.pid;
      const owner = `%:${pid}:%`;
      /** One running lease of the process: an agreement and when its lease ends. */
      const leaseOf = async () =>
        (await sql`
          SELECT agreement_id, lease_until FROM sync_queue
          WHERE lease_owner LIKE ${owner} AND lease_until > now()
          ORDER BY agreement_id LIMIT 1`)[0];
      const ownedBy = async () =>
        Number(
          (await sql`SELECT count(*)::int AS n FROM sync_queue WHERE lease_owner LIKE ${owner}`)[
            0
          ].n,
        );
      // Waits for another process's work: the deadline only turns a hang into a failure.
      let deadline = Date.now() + 30_000;
      let lease = await leaseOf();
      while (!lease) {
        assert.ok(Date.now() < deadline, "the first process never leased an agreement");
        await sleep(100);
        lease = await leaseOf();
      }
      // The heartbeat renews it while the work goes on: the same agreement, a later end.
      deadline = Date.now() + 30_000;
      for (;;) {
        const [row] = await sql`
          SELECT lease_until FROM sync_queue
          WHERE agreement_id = ${lease.agreement_id} AND lease_owner LIKE ${owner}`;
        assert.ok(row, "the first process let go of its lease while its round was held");
        if (row.lease_until > lease.lease_until) break;
        assert.ok(Date.now() < deadline, "the first process's lease was never renewed");
        await sleep(100);
      }
      services.push(await startService(env));
      await services[0].stop({ kill9: true });
      const [left] = await sql`
        SELECT count(*)::int AS n,
          coalesce(max(extract(epoch FROM lease_until - now()) * 1000), 0)::float8 AS ms
        FROM sync_queue WHERE lease_owner LIKE ${owner}`;
      console.log(
        `lease takeover: the dead process left ${left.n} leases, ending in ${left.ms} ms`,
      );
      assert.ok(left.n >= 1, "the dead process held a lease when it died");
      assert.ok(left.ms <= LEASE_MS, `a lease of the dead process runs ${left.ms} ms on`);
      calls.release();
      deadline = Date.now() + 20_000;
      while ((await ownedBy()) > 0) {
        assert.ok(Date.now() < deadline, "the dead process's agreements were not taken over");
        await sleep(100);
      }

      const { current } = months();
      deadline = Date.now() + 60_000;
      while (quantityDiff(msp, current).length > 0) {
        assert.ok(Date.now() < deadline, `not synced: ${quantityDiff(msp, current).join(" | ")}`);
        await sleep(200);
      }
      await site.idle();
      assert.deepEqual(createdTwice(site), [], "an addition was created twice");
    } finally {
      await sql.end({ timeout: 1 });
      for (const service of services) await service.stop();
      await site.close();
      await db.close();
    }
  },
});
