// Issue 12: fast lease recovery. Two service processes on one database; the
// first holds leases on agreements (its ConnectWise calls are slowed down so
// its round lasts) and is killed with SIGKILL. Its agreements must pass to
// the second process within 10 s: leases are short and renewed by a
// heartbeat while the work goes on, not long ones that block for a minute.
import assert from "node:assert/strict";
import postgres from "postgres";
import { type ServiceProcess, startService } from "../e2e/service_process.ts";
import { monthStart } from "./billing_model.ts";
import { createdTwice, quantityDiff } from "./checks.ts";
import { serveFaultySite } from "./faulty_site.ts";
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
if (!DATABASE_URL) {
  console.log("lease_takeover_test.ts: skipped, two service processes need DATABASE_URL");
}

Deno.test({
  name: "kill -9 of a worker holding leases: another process takes its agreements within 10 s",
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
      // Every ConnectWise call now takes 3 s: the first process's round outlasts the test.
      let slow = true;
      site.hook = async () => {
        if (slow) await sleep(3_000);
      };
      const from = monthStart(new Date());
      const to = new Date(Math.max(from.getTime() + 1_000, Date.now() - 60_000));
      const reports = rows.flatMap(({ orgId }) =>
        usageReports(() => 0.5, { orgId, from, to, count: 1, steadyPlan: true, prefix: "k" })
          .map((report) => ({ orgId, report }))
      );
      await sendUsage([call], msp, reports);
      const pid = services[0].child.pid;
      const heldBy = async (p: number) =>
        Number(
          (await sql`
          SELECT count(*)::int AS n FROM sync_queue
          WHERE lease_owner LIKE ${`%:${p}:%`} AND lease_until > now()`)[0].n,
        );
      const ownedBy = async (p: number) =>
        Number(
          (await sql`SELECT count(*)::int AS n FROM sync_queue WHERE lease_owner LIKE ${`%:${p}:%`}`)[
            0
          ].n,
        );
      let deadline = Date.now() + 30_000;
      while ((await heldBy(pid)) < ORGS) {
        assert.ok(Date.now() < deadline, "the first process never leased the agreements");
        await sleep(100);
      }
      services.push(await startService(env));
      // Started while the first one worked: the leases must have been renewed meanwhile.
      assert.equal(await heldBy(pid), ORGS, "the leases were kept alive while the work went on");
      await services[0].stop({ kill9: true });
      const killed = Date.now();
      slow = false;
      deadline = killed + 20_000;
      while ((await ownedBy(pid)) > 0) {
        assert.ok(Date.now() < deadline, "the dead process's agreements were not taken over");
        await sleep(100);
      }
      const takeover = (Date.now() - killed) / 1000;
      console.log(`lease takeover: ${takeover.toFixed(1)} s after kill -9`);
      assert.ok(takeover <= 10, `taken over only after ${takeover} s`);

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
